// Keeps a stored turn well under DynamoDB's 400 KB item limit (and the SQLite rows small):
// large tool results are summarised in steps, the smallest loss first.
import type { StoredTurn } from './types.ts';

export const MAX_TURN_BYTES = 300_000;

const toJson = (v: unknown) => JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? Number(x) : x));
export const byteSize = (v: unknown) => Buffer.byteLength(toJson(v), 'utf8');

type Step = (t: StoredTurn) => void;

const cutRows =
  (n: number): Step =>
  (t) => {
    for (const table of t.summary.tables) {
      if (table.rows.length > n) {
        table.title = `${table.title.replace(/ \[first \d+ of \d+ rows kept\]$/, '')} [first ${n} of ${table.rows.length} rows kept]`;
        table.rows = table.rows.slice(0, n);
      }
    }
  };

const cutToolText =
  (chars: number): Step =>
  (t) => {
    for (const m of t.messages as { content?: { toolResult?: { content: { text: string }[] } }[] }[]) {
      for (const b of m.content ?? []) {
        for (const c of b.toolResult?.content ?? []) {
          if (c.text.length > chars)
            c.text = `${c.text.slice(0, chars)}… [tool result cut to ${chars} characters for storage]`;
        }
      }
    }
  };

const cutChartValues =
  (n: number): Step =>
  (t) => {
    t.summary.charts = t.summary.charts.map((spec) => {
      const values = (spec.data as { values?: unknown[] } | undefined)?.values;
      return Array.isArray(values) && values.length > n
        ? { ...spec, data: { values: values.slice(0, n) }, description: `first ${n} of ${values.length} points kept` }
        : spec;
    });
  };

const dropCharts: Step = (t) => {
  t.summary.charts = t.summary.charts.map((spec) => ({
    title: spec.title ?? 'chart',
    description: 'chart too large to keep',
  }));
};

const cutQueries: Step = (t) => {
  for (const s of t.summary.steps)
    for (const q of s.queries) if (q.params.length > 50) q.params = q.params.slice(0, 50);
};

const keepLastMessages: Step = (t) => {
  t.messages = t.messages.slice(-2);
};

const STEPS: Step[] = [
  cutRows(200),
  cutToolText(4000),
  cutChartValues(2000),
  cutRows(20),
  cutToolText(500),
  cutQueries,
  dropCharts,
  cutRows(0),
  keepLastMessages,
];

export function capTurn(turn: StoredTurn, maxBytes = MAX_TURN_BYTES): StoredTurn {
  const t = JSON.parse(toJson(turn)) as StoredTurn;
  for (const step of STEPS) {
    if (byteSize(t) <= maxBytes) return t;
    step(t);
  }
  if (byteSize(t) > maxBytes) t.summary.answer = t.summary.answer.slice(0, 20_000);
  return t;
}

export function serialiseTurn(turn: StoredTurn): string {
  return toJson(capTurn(turn));
}
