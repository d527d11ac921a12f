// Reads schema-docs/ from disk into SchemaDocs. Files are read in sorted order so output is stable.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TABLES } from '../warehouse/schema.ts';
import { TidelensError } from '../errors.ts';
import { docError } from './markdown.ts';
import { parseConventions, parseExample, parseGlossary, parseMetric, parseTable } from './parse.ts';
import { METRIC_IDS, TOOL_NAMES, type SchemaDocs } from './types.ts';

export const DEFAULT_DOCS_DIR = fileURLToPath(new URL('../../schema-docs/', import.meta.url));

function mdFiles(dir: string, sub: string): string[] {
  const d = join(dir, sub);
  if (!existsSync(d)) throw new TidelensError('bad_config', `schema-docs/${sub}/ is missing in ${dir}`);
  return readdirSync(d)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => `${sub}/${f}`);
}

export function readSchemaDocs(dir: string = DEFAULT_DOCS_DIR): SchemaDocs {
  const read = (rel: string) => readFileSync(join(dir, rel), 'utf8');
  const tables = mdFiles(dir, 'tables').map((f) => {
    const t = parseTable(f, read(f));
    if (`tables/${t.name}.md` !== f) throw docError(f, 1, `the title "# ${t.name}" must match the file name`);
    return t;
  });
  // Schema order (users, categories, products, …, orders) reads better than the alphabet.
  const rank = (n: string) => {
    const i = TABLES.findIndex((t) => t.name === n);
    return i < 0 ? TABLES.length : i;
  };
  tables.sort((a, b) => rank(a.name) - rank(b.name));
  const metrics = mdFiles(dir, 'metrics').map((f) => {
    const m = parseMetric(f, read(f));
    if (`metrics/${m.id}.md` !== f) throw docError(f, 1, `the title "# ${m.id}" must match the file name`);
    return m;
  });
  const mrank = (id: string) => {
    const i = (METRIC_IDS as readonly string[]).indexOf(id);
    return i < 0 ? METRIC_IDS.length : i;
  };
  metrics.sort((a, b) => mrank(a.id) - mrank(b.id));
  const glossary = mdFiles(dir, 'glossary').flatMap((f) => parseGlossary(f, read(f)));
  const examples = mdFiles(dir, 'examples').map((f) => {
    const e = parseExample(f, read(f));
    if (!(TOOL_NAMES as readonly string[]).includes(e.tool))
      throw docError(f, 1, `unknown tool "${e.tool}"; one of ${TOOL_NAMES.join(', ')}`);
    return e;
  });
  const conventions = parseConventions('conventions.md', read('conventions.md'));
  return { tables, metrics, glossary, examples, conventions };
}
