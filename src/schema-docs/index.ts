// schema-docs/ as the rest of the app sees it: parsed once, rendered for the system prompt, and the
// lookups describe_schema needs.
import { DEFAULT_DOCS_DIR, readSchemaDocs } from './load.ts';
import { renderForPromptFrom, type PromptOptions } from './render.ts';
import type { SchemaDocs } from './types.ts';

export type { ColumnDoc, ExampleDoc, GlossaryEntry, MetricDoc, SchemaDocs, TableDoc } from './types.ts';
export { METRIC_IDS, TOOL_NAMES } from './types.ts';
export {
  columnRows,
  findMetric,
  findTable,
  metricRow,
  searchTerm,
  type ColumnRow,
  type TermMatch,
} from './describe.ts';
export { schemaDocProblems } from './check.ts';
export { readSchemaDocs, DEFAULT_DOCS_DIR } from './load.ts';
export type { PromptOptions } from './render.ts';

const cache = new Map<string, SchemaDocs>();

/** Parsed docs, cached per directory; a malformed file throws a bad_config error naming the file and line. */
export function loadSchemaDocs(dir: string = DEFAULT_DOCS_DIR): SchemaDocs {
  let d = cache.get(dir);
  if (!d) {
    d = readSchemaDocs(dir);
    cache.set(dir, d);
  }
  return d;
}

const prompts = new Map<string, string>();

/** The compact docs text for the system prompt, for the active SQL dialect. */
export function renderForPrompt(opts: PromptOptions): string {
  const key = `${opts.dialect}:${opts.examples ?? ''}`;
  let p = prompts.get(key);
  if (p === undefined) {
    p = renderForPromptFrom(loadSchemaDocs(), opts);
    prompts.set(key, p);
  }
  return p;
}
