// The generator's ground truth: who made the database and how, the scenario's events and the
// manifest of their measured effects. Tables are prefixed _tidelens_ so the assistant can be fenced off.
import type { Engine } from '../ddl.ts';

export interface MetaTables {
  meta: {
    created_by: string;
    tool_version: string;
    seed: number;
    scale: number;
    scenario: string;
    data_from: string;
    data_to: string;
    created_at: string;
  };
  events: Array<{
    event_id: string;
    kind: string;
    description: string | null;
    start_date: string;
    end_date: string | null;
    segment_json: string;
    magnitude: number;
    product_ids: string;
  }>;
  manifest: Array<{
    event_id: string;
    kind: string;
    metric: string;
    period_from: string;
    period_to: string;
    comparison_label: string;
    comparison_from: string;
    comparison_to: string;
    value_with_all: number;
    value_without_event: number;
    effect: number;
    total_change: number;
    share_of_change: number | null;
  }>;
}

export const META_TABLE = '_tidelens_meta';

type Col = [string, 'int' | 'real' | 'text' | 'short' | 'date'];
const DEFS: Record<string, Col[]> = {
  _tidelens_meta: [
    ['created_by', 'short'],
    ['tool_version', 'short'],
    ['seed', 'int'],
    ['scale', 'real'],
    ['scenario', 'short'],
    ['data_from', 'date'],
    ['data_to', 'date'],
    ['created_at', 'short'],
  ],
  _tidelens_events: [
    ['event_id', 'short'],
    ['kind', 'short'],
    ['description', 'text'],
    ['start_date', 'date'],
    ['end_date', 'date'],
    ['segment_json', 'text'],
    ['magnitude', 'real'],
    ['product_ids', 'text'],
  ],
  _tidelens_manifest: [
    ['event_id', 'short'],
    ['kind', 'short'],
    ['metric', 'short'],
    ['period_from', 'date'],
    ['period_to', 'date'],
    ['comparison_label', 'short'],
    ['comparison_from', 'date'],
    ['comparison_to', 'date'],
    ['value_with_all', 'real'],
    ['value_without_event', 'real'],
    ['effect', 'real'],
    ['total_change', 'real'],
    ['share_of_change', 'real'],
  ],
};

export const META_TABLES = Object.keys(DEFS);

function colType(t: Col[1], engine: Engine): string {
  if (engine === 'sqlite') return t === 'int' ? 'INTEGER' : t === 'real' ? 'REAL' : 'TEXT';
  return { int: 'INT', real: 'DOUBLE', text: 'TEXT', short: 'VARCHAR(100)', date: 'VARCHAR(10)' }[t];
}

export function metaDdl(name: string, engine: Engine): string {
  const q = (s: string) => (engine === 'mysql' ? `\`${s}\`` : `"${s}"`);
  const cols = DEFS[name]!.map(([c, t]) => `${q(c)} ${colType(t, engine)}`);
  return `CREATE TABLE ${q(name)} (${cols.join(', ')})${engine === 'mysql' ? ' DEFAULT CHARSET=utf8mb4' : ''}`;
}

/** Rows per meta table, in column order; the _tidelens_meta row comes last: it is the commit marker. */
export function metaRows(m: MetaTables): Array<[string, unknown[][]]> {
  const pick = (name: string, o: Record<string, unknown>) => DEFS[name]!.map(([c]) => o[c] ?? null);
  return [
    ['_tidelens_events', m.events.map((e) => pick('_tidelens_events', e))],
    ['_tidelens_manifest', m.manifest.map((e) => pick('_tidelens_manifest', e))],
    ['_tidelens_meta', [pick('_tidelens_meta', m.meta)]],
  ];
}

export function metaColumns(name: string): string[] {
  return DEFS[name]!.map(([c]) => c);
}
