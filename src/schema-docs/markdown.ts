// A deliberately small Markdown reader for schema-docs/: headings, paragraphs, bullet lists with
// `key: value` sub-items, fenced code and pipe tables. Anything else is an error with file and line,
// so a typo in the docs fails the tests instead of silently dropping a definition.
import { TidelensError } from '../errors.ts';

export interface ListItem {
  text: string;
  line: number;
  /** `  - key: value` sub-items, in order. */
  fields: { key: string; value: string; line: number }[];
}

export type Block =
  | { kind: 'paragraph'; text: string; line: number }
  | { kind: 'list'; items: ListItem[]; line: number }
  | { kind: 'code'; lang: string; text: string; line: number }
  | { kind: 'table'; header: string[]; rows: string[][]; line: number };

export interface Section {
  title: string;
  line: number;
  blocks: Block[];
}

export interface MdDoc {
  file: string;
  title: string;
  /** Blocks between the `#` title and the first `##` section. */
  intro: Block[];
  sections: Section[];
}

export function docError(file: string, line: number, msg: string): TidelensError {
  return new TidelensError('bad_config', `schema-docs/${file}:${line}: ${msg}`, { file, line });
}

const FIELD = /^ {2}- ([^:]+?):\s*(.*)$/;

export function parseMarkdown(file: string, src: string): MdDoc {
  const lines = src.replace(/\r\n?/g, '\n').split('\n');
  let title = '';
  const intro: Block[] = [];
  const sections: Section[] = [];
  let target = intro;
  let i = 0;
  const fail = (msg: string): never => {
    throw docError(file, i + 1, msg);
  };

  while (i < lines.length) {
    const raw = lines[i];
    if (raw.trim() === '' || /^<!--.*-->$/.test(raw.trim())) {
      i++;
      continue;
    }
    const line = i + 1;
    if (raw.startsWith('# ')) {
      if (title) fail('only one "# " title per file');
      title = raw.slice(2).trim();
      i++;
      continue;
    }
    if (!title) fail('a file starts with a "# title" line');
    if (raw.startsWith('## ')) {
      const s: Section = { title: raw.slice(3).trim(), line, blocks: [] };
      sections.push(s);
      target = s.blocks;
      i++;
      continue;
    }
    if (/^#{3,} /.test(raw)) fail('use only "#" and "##" headings');
    if (raw.startsWith('```')) {
      const lang = raw.slice(3).trim();
      const body: string[] = [];
      i++;
      while (i < lines.length && !lines[i].startsWith('```')) body.push(lines[i++]);
      if (i >= lines.length) throw docError(file, line, 'code fence is not closed');
      i++;
      target.push({ kind: 'code', lang, text: body.join('\n').trimEnd(), line });
      continue;
    }
    if (raw.startsWith('|')) {
      const rowsRaw: string[] = [];
      while (i < lines.length && lines[i].startsWith('|')) rowsRaw.push(lines[i++]);
      const cells = (r: string) =>
        r
          .replace(/^\|/, '')
          .replace(/\|\s*$/, '')
          .split('|')
          .map((c) => c.trim());
      if (rowsRaw.length < 2 || !/^\|[\s:|-]+\|?\s*$/.test(rowsRaw[1]))
        throw docError(file, line, 'a table needs a header row and a |---| separator row');
      const header = cells(rowsRaw[0]);
      const rows = rowsRaw.slice(2).map(cells);
      rows.forEach((r, k) => {
        if (r.length !== header.length)
          throw docError(file, line + 2 + k, `table row has ${r.length} cells, header has ${header.length}`);
      });
      target.push({ kind: 'table', header, rows, line });
      continue;
    }
    if (raw.startsWith('- ')) {
      const items: ListItem[] = [];
      while (i < lines.length && (lines[i].startsWith('- ') || lines[i].startsWith('  '))) {
        const l = lines[i];
        if (l.startsWith('- ')) {
          items.push({ text: l.slice(2).trim(), line: i + 1, fields: [] });
        } else {
          const item = items[items.length - 1];
          const f = FIELD.exec(l);
          if (f) item.fields.push({ key: f[1].trim(), value: f[2].trim(), line: i + 1 });
          else if (l.startsWith('    ') && item.fields.length)
            item.fields[item.fields.length - 1].value += ' ' + l.trim();
          else if (!item.fields.length && !l.trimStart().startsWith('- ')) item.text += ' ' + l.trim();
          else fail('indent list continuation lines by 2 spaces, a sub-item "  - key: value", its continuation by 4');
        }
        i++;
      }
      target.push({ kind: 'list', items, line });
      continue;
    }
    if (/^\s/.test(raw)) fail('unexpected indentation outside a list');
    const para: string[] = [];
    while (i < lines.length && lines[i].trim() !== '' && !/^(#|- |\||```)/.test(lines[i])) para.push(lines[i++].trim());
    target.push({ kind: 'paragraph', text: para.join(' '), line });
  }
  if (!title) throw docError(file, 1, 'empty file: it needs a "# title" line');
  return { file, title, intro, sections };
}

/** Strips Markdown emphasis and code ticks for plain-text output. */
export function plain(s: string): string {
  return s.replace(/`([^`]*)`/g, '$1').replace(/\*\*([^*]+)\*\*/g, '$1');
}
