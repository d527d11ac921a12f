// Turns the Markdown files of schema-docs/ into typed docs. Each kind has a fixed set of sections and
// keys; anything unexpected is an error naming the file and line, so the docs cannot drift silently.
import { docError, parseMarkdown, type Block, type ListItem, type MdDoc, type Section } from './markdown.ts';
import type { ColumnDoc, ConventionSection, ExampleDoc, GlossaryEntry, JoinDoc, MetricDoc, TableDoc } from './types.ts';

const HEAD = /^`([^`]+)`\s*:\s*(.+)$/;

function items(blocks: Block[]): ListItem[] {
  return blocks.flatMap((b) => (b.kind === 'list' ? b.items : []));
}

function paragraphs(blocks: Block[]): string[] {
  return blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : []));
}

function only<K extends Block['kind']>(doc: MdDoc, s: Section, kinds: K[]): void {
  for (const b of s.blocks) {
    if (!kinds.includes(b.kind as K))
      throw docError(doc.file, b.line, `section "${s.title}" takes only ${kinds.join('/')} blocks, found a ${b.kind}`);
  }
}

function sectionsOf(doc: MdDoc, allowed: string[], required: string[]): Map<string, Section> {
  const out = new Map<string, Section>();
  for (const s of doc.sections) {
    if (!allowed.includes(s.title))
      throw docError(doc.file, s.line, `unknown section "${s.title}"; allowed: ${allowed.join(', ')}`);
    if (out.has(s.title)) throw docError(doc.file, s.line, `section "${s.title}" appears twice`);
    out.set(s.title, s);
  }
  for (const r of required) if (!out.has(r)) throw docError(doc.file, 1, `missing section "## ${r}"`);
  return out;
}

/** `a`, `b` or a, b → ['a', 'b'] */
export function splitValues(v: string): string[] {
  const ticked = [...v.matchAll(/`([^`]*)`/g)].map((m) => m[1]);
  return ticked.length ? ticked : v.split(/\s*[,，]\s*/).filter(Boolean);
}

function keyed(doc: MdDoc, list: ListItem[], allowed: string[]): Map<string, { value: string; line: number }> {
  const out = new Map<string, { value: string; line: number }>();
  for (const it of list) {
    const m = /^([^:：]+?)\s*[:：]\s*(.*)$/.exec(it.text);
    if (!m) throw docError(doc.file, it.line, 'expected "- key: value"');
    const key = m[1].trim();
    if (!allowed.includes(key))
      throw docError(doc.file, it.line, `unknown key "${key}"; allowed: ${allowed.join(', ')}`);
    if (out.has(key)) throw docError(doc.file, it.line, `key "${key}" appears twice`);
    out.set(key, { value: m[2].trim(), line: it.line });
  }
  return out;
}

const COLUMN_FIELDS = ['unit', 'values', 'examples', 'enumerate', 'added', 'personal'] as const;

function column(doc: MdDoc, it: ListItem): ColumnDoc {
  const m = HEAD.exec(it.text);
  if (!m) throw docError(doc.file, it.line, 'a column reads "- `name`: what it means"');
  const c: ColumnDoc = { name: m[1], description: m[2].trim(), line: it.line };
  for (const f of it.fields) {
    switch (f.key as (typeof COLUMN_FIELDS)[number]) {
      case 'unit':
        c.unit = f.value;
        break;
      case 'values':
        c.values = splitValues(f.value);
        break;
      case 'examples':
        c.examples = splitValues(f.value);
        break;
      case 'enumerate':
        if (f.value !== 'yes') throw docError(doc.file, f.line, '"enumerate" takes the value yes');
        c.enumerate = true;
        break;
      case 'added':
        c.added = f.value;
        break;
      case 'personal':
        c.personal = f.value;
        break;
      default:
        throw docError(doc.file, f.line, `unknown column key "${f.key}"; allowed: ${COLUMN_FIELDS.join(', ')}`);
    }
    if (!f.value) throw docError(doc.file, f.line, `"${f.key}" needs a value`);
  }
  return c;
}

export function parseTable(file: string, src: string): TableDoc {
  const doc = parseMarkdown(file, src);
  const s = sectionsOf(doc, ['Columns', 'Joins', 'Caveats'], ['Columns']);
  const summary = paragraphs(doc.intro).join('\n');
  if (!summary) throw docError(file, 1, 'say what one row is in a paragraph under the title');
  for (const sec of s.values()) only(doc, sec, ['list']);
  const columns = items(s.get('Columns')!.blocks).map((it) => column(doc, it));
  const seen = new Set<string>();
  for (const c of columns) {
    if (seen.has(c.name)) throw docError(file, c.line, `column "${c.name}" documented twice`);
    seen.add(c.name);
  }
  const joins: JoinDoc[] = items(s.get('Joins')?.blocks ?? []).map((it) => {
    const m = HEAD.exec(it.text);
    if (!m || !/^\w+\.\w+ = \w+\.\w+$/.test(m[1]))
      throw docError(file, it.line, 'a join reads "- `a.col = b.col`: what it links"');
    return { on: m[1], note: m[2].trim() };
  });
  const caveats = items(s.get('Caveats')?.blocks ?? []).map((it) => it.text);
  return { name: doc.title, file, summary, columns, joins, caveats };
}

const METRIC_KEYS = ['name', '中文', 'aliases', 'unit', 'date', 'expression', 'filter'];

export function parseMetric(file: string, src: string): MetricDoc {
  const doc = parseMarkdown(file, src);
  const s = sectionsOf(doc, ['Definition', 'Counting', 'SQL', 'Notes'], ['Definition', 'Counting', 'SQL']);
  const k = keyed(doc, items(doc.intro), METRIC_KEYS);
  for (const req of ['name', '中文', 'unit', 'date', 'expression']) {
    if (!k.get(req)?.value) throw docError(file, 1, `missing "- ${req}: …" under the title`);
  }
  only(doc, s.get('Definition')!, ['paragraph']);
  only(doc, s.get('Counting')!, ['list']);
  only(doc, s.get('SQL')!, ['code']);
  const counting = items(s.get('Counting')!.blocks).map((it) => {
    const m = /^([\w ]+):\s*(.+)$/.exec(it.text);
    if (!m) throw docError(file, it.line, 'a counting rule reads "- cancelled: …"');
    return { key: m[1].trim(), text: m[2].trim() };
  });
  const code = s.get('SQL')!.blocks.filter((b) => b.kind === 'code');
  if (code.length !== 1 || code[0].lang !== 'sql')
    throw docError(file, s.get('SQL')!.line, 'the SQL section holds exactly one ```sql block');
  return {
    id: doc.title,
    file,
    name: k.get('name')!.value,
    zh: splitValues(k.get('中文')!.value),
    aliases: k.has('aliases') ? splitValues(k.get('aliases')!.value) : [],
    unit: k.get('unit')!.value,
    date: k.get('date')!.value,
    expression: k.get('expression')!.value.replace(/^`|`$/g, ''),
    filter: k.get('filter')?.value.replace(/^`|`$/g, ''),
    definition: paragraphs(s.get('Definition')!.blocks).join('\n'),
    counting,
    sql: code[0].text,
    notes: items(s.get('Notes')?.blocks ?? []).map((it) => it.text),
  };
}

const GLOSSARY_HEADER = ['Term', '中文', 'Meaning', 'Maps to'];

export function parseGlossary(file: string, src: string): GlossaryEntry[] {
  const doc = parseMarkdown(file, src);
  if (doc.sections.length)
    throw docError(
      file,
      doc.sections[0].line,
      'a glossary file has no sections: a title, an optional paragraph and one table',
    );
  const tables = doc.intro.filter((b) => b.kind === 'table');
  if (tables.length !== 1) throw docError(file, 1, 'a glossary file holds exactly one table');
  const t = tables[0];
  if (t.header.join('|') !== GLOSSARY_HEADER.join('|'))
    throw docError(file, t.line, `the table header is | ${GLOSSARY_HEADER.join(' | ')} |`);
  return t.rows.map((r, i) => {
    if (!r[0] || !r[1] || !r[2]) throw docError(file, t.line + 2 + i, 'Term, 中文 and Meaning are required');
    return {
      terms: r[0].split(/\s*\/\s*/),
      zh: r[1].split(/\s*[/／]\s*/),
      meaning: r[2],
      mapsTo: r[3],
      group: doc.title,
      file,
    };
  });
}

export function parseExample(file: string, src: string): ExampleDoc {
  const doc = parseMarkdown(file, src);
  if (doc.sections.length) throw docError(file, doc.sections[0].line, 'an example has no sections');
  const k = keyed(doc, items(doc.intro), ['question', '问题', 'tool']);
  for (const req of ['question', '问题', 'tool'])
    if (!k.get(req)?.value) throw docError(file, 1, `missing "- ${req}: …"`);
  let input: Record<string, unknown> | undefined;
  let sql: string | undefined;
  for (const b of doc.intro) {
    if (b.kind === 'table') throw docError(file, b.line, 'an example holds no table');
    if (b.kind !== 'code') continue;
    if (b.lang === 'json') {
      if (input) throw docError(file, b.line, 'one ```json input per example');
      try {
        input = JSON.parse(b.text) as Record<string, unknown>;
      } catch (e) {
        throw docError(file, b.line, `the json input does not parse: ${(e as Error).message}`);
      }
    } else if (b.lang === 'sql') {
      if (sql) throw docError(file, b.line, 'one ```sql block per example');
      sql = b.text;
    } else throw docError(file, b.line, 'code blocks in an example are ```json (the tool input) or ```sql');
  }
  if (!input && !sql)
    throw docError(file, 1, 'an example needs the tool input (```json) or the SQL that answers it (```sql)');
  return {
    id: file.replace(/^examples\//, '').replace(/\.md$/, ''),
    file,
    title: doc.title,
    question: k.get('question')!.value,
    questionZh: k.get('问题')!.value,
    tool: k.get('tool')!.value.replace(/^`|`$/g, ''),
    input,
    sql,
    notes: paragraphs(doc.intro).join('\n'),
  };
}

export function parseConventions(file: string, src: string): ConventionSection[] {
  const doc = parseMarkdown(file, src);
  return doc.sections.map((s) => {
    only(doc, s, ['list']);
    const d = /^Dialect:\s*(mysql|sqlite)$/i.exec(s.title);
    return {
      title: s.title,
      dialect: d ? (d[1].toLowerCase() as 'mysql' | 'sqlite') : undefined,
      items: items(s.blocks).map((it) => it.text),
    };
  });
}
