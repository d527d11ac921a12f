// Where explain_change's time goes: the stages of explainWith (src/tools/explain-change.ts) run one by one and timed,
// on the rollup path and on the base path (rollup withheld) of one seeded database, with every query's time and
// rows returned for the last run. Queries run at once on the pool, so their times overlap; the load stage's time
// is what they cost together.
import { loadavg } from 'node:os';
import { openDb, parseDbUrl } from '../../src/db/index.ts';
import { rollupFor, type RollupAt } from '../../src/rollup/coverage.ts';
import { explainChange, planScope } from '../../src/tools/explain-change.ts';
import { PROFILES } from '../../src/tools/explain/profiles.ts';
import { decompose } from '../../src/tools/explain/stages/decompose.ts';
import { findEvents } from '../../src/tools/explain/stages/events.ts';
import { load } from '../../src/tools/explain/stages/load.ts';
import { present } from '../../src/tools/explain/stages/present.ts';
import { rank } from '../../src/tools/explain/stages/rank.ts';
import { searchWhere } from '../../src/tools/explain/stages/search.ts';
import { QueryLog } from '../../src/tools/query-log.ts';
import { loadDataRange } from '../../src/tools/sql/data-range.ts';
import { DEFAULT_LIMITS, type ExecutedQuery, type ToolContext } from '../../src/tools/types.ts';

/** bench/rollup.ts's explain_change inputs. */
const DEFAULT_INPUTS: Record<string, unknown>[] = [
  { period: 'last_month' },
  { period: 'last_month', metric: 'conversion_rate' },
  { period: 'last_month', metric: 'return_rate', compare_to: 'previous_year' },
  { period: '2025-07', metric: 'orders', channel: 'amazon' },
];
const STAGES = ['load', 'events', 'search', 'decompose', 'rank', 'present'] as const;

type StageTimes = Record<(typeof STAGES)[number], number>;

async function timedRun(
  input: Record<string, unknown>,
  ctx: ToolContext,
  rollup: RollupAt | null,
): Promise<{ stages: StageTimes; queries: ExecutedQuery[] }> {
  const parsed = explainChange.inputSchema.parse(input);
  const profile = PROFILES[parsed.metric ?? 'net_sales'];
  const scope = planScope(parsed, ctx.data);
  const window = { a: { from: scope.compare!.from, to: scope.compare!.to }, b: scope.period };
  const log = new QueryLog(ctx);
  const t = [performance.now()];
  const lap = () => t.push(performance.now());
  const loaded = await load({ profile, scope, window, data: ctx.data, dialect: ctx.db.engine, log, rollup });
  lap();
  const events = findEvents({ profile, loaded, window, filters: scope.filters });
  lap();
  const where = searchWhere({ profile, view: loaded.view, lines: loaded.lines, events });
  lap();
  const drivers = decompose(profile, loaded, loaded.view);
  lap();
  const ranking = rank({ profile, loaded, events, where, periodFrom: window.b.from });
  lap();
  present({ profile, scope, premise: parsed.premise, window, loaded, events, where, drivers, ranking, queries: [] });
  lap();
  const stages = Object.fromEntries(STAGES.map((s, i) => [s, t[i + 1]! - t[i]!])) as StageTimes;
  return { stages, queries: log.queries };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const load1 = () => `load ${loadavg()[0]!.toFixed(2)}`;

export async function profileExplain(x: { db: string; inputs?: Record<string, unknown>[]; runs: number }) {
  const db = await openDb(parseDbUrl(x.db));
  try {
    const ctx: ToolContext = {
      db,
      user: { id: 'bench', role: 'admin' },
      data: await loadDataRange(db),
      limits: { ...DEFAULT_LIMITS, timeoutMs: 60_000 },
    };
    const at = await rollupFor(db);
    console.log(`${x.db}: rollup ${at ? `through ${at.through}` : 'none'} | ${load1()}`);
    for (const input of x.inputs ?? DEFAULT_INPUTS) {
      for (const [path, rollup] of [
        ['rollup', at],
        ['base', null],
      ] as const) {
        if (path === 'rollup' && !at) continue;
        const runs: StageTimes[] = [];
        let last: ExecutedQuery[] = [];
        // The first run is cold and left out.
        for (let i = 0; i <= x.runs; i++) {
          const r = await timedRun(input, ctx, rollup);
          if (i) runs.push(r.stages);
          last = r.queries;
        }
        const total = median(runs.map((s) => STAGES.reduce((a, k) => a + s[k], 0)));
        const per = STAGES.map((k) => `${k} ${Math.round(median(runs.map((s) => s[k])))}`).join(', ');
        console.log(`${JSON.stringify(input)} ${path}: ${Math.round(total)} ms (${per}) | ${load1()}`);
        for (const q of [...last].sort((a, b) => b.elapsedMs - a.elapsedMs))
          console.log(
            `  ${String(Math.round(q.elapsedMs)).padStart(6)} ms ${String(q.rowCount).padStart(7)} rows  ${q.label}`,
          );
      }
    }
  } finally {
    await db.close();
  }
}
