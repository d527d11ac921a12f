// Scores explain_change against the generator's ground truth. For each scenario file and seed:
// seed a throwaway SQLite database, ask explain_change the scenario's target question (its period
// against its first comparison), and compare the reported causes with the manifest's events.
//   npx tsx eval/causes/score.ts [--seeds 1,2,3] [--scale 0.3] [--scenario NAME,...] [--keep DIR] [--reuse]
// --reuse takes the database and manifest an earlier --keep run left in DIR instead of seeding again.
// Planted causes are the events whose manifest share of the change is at least 5% in size; an
// event below that did not move the metric (a bystander) and a cause matching it is neither a hit
// nor a false alarm. Precision counts the reported event causes (seasonality and mix_shift are
// context the manifest cannot name). A share is right when within 10 percentage points. A campaign
// edge of the generator's yearly calendar is real but unlisted: not counted unless that kind was planted.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openSqlite } from '../../src/db/sqlite.ts';
import { explainChange } from '../../src/tools/explain-change.ts';
import type { ExplainModelData } from '../../src/tools/explain/result.ts';
import { loadDataRange } from '../../src/tools/sql/data-range.ts';
import { DEFAULT_LIMITS, type ToolContext } from '../../src/tools/types.ts';
import { EVENT_KINDS } from '../../src/warehouse/event-kinds.ts';
import type { Manifest } from '../../seed/manifest.ts';
import { loadScenarioFile, type Scenario } from '../../seed/scenarios/schema.ts';
import { calendarFrame, matchCauses, SHARE_TOL, scoredCauses, type PlantedEvent, type ScoredCause } from './match.ts';
import { seedScenario } from './seed-db.ts';

const EVENT_KIND_SET: ReadonlySet<string> = new Set<string>(EVENT_KINDS);
const TOP = 5;
const DATA_FROM = '2024-01-01';

const { values } = parseArgs({
  options: {
    seeds: { type: 'string', default: '1,2,3' },
    scale: { type: 'string', default: '0.3' },
    scenario: { type: 'string' },
    keep: { type: 'string' },
    reuse: { type: 'boolean', default: false },
  },
});
const seeds = values.seeds!.split(',').map(Number);
const scale = Number(values.scale);
const dir = new URL('../../seed/scenarios/', import.meta.url).pathname;
const wanted = values.scenario?.split(',');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort();
const scenarios = files.map((f) => loadScenarioFile(join(dir, f))).filter((s) => !wanted || wanted.includes(s.name));
const work = values.keep ?? mkdtempSync(join(tmpdir(), 'tl-causes-'));

interface Line {
  scenario: string;
  seed: number;
  planted: number;
  hits: number;
  reported: number;
  correct: number;
  shares: Array<{ id: string; est: number | null; truth: number; ok: boolean }>;
  falseKinds?: string[];
  ms: number;
  noClear: boolean;
  direction: string;
}

const lines: Line[] = [];
for (const s of scenarios) {
  for (const seed of seeds) {
    lines.push(await scoreOne(s, seed));
    const l = lines.at(-1)!;
    console.error(
      `${l.scenario} seed ${l.seed}: recall ${l.hits}/${l.planted}, precision ${l.correct}/${l.reported}, shares ${l.shares.map((x) => `${x.id} ${fmt(x.est)} vs ${fmt(x.truth)}`).join('; ')}`,
    );
  }
}
if (!values.keep) rmSync(work, { recursive: true, force: true });
printTable(lines);

async function scoreOne(s: Scenario, seed: number): Promise<Line> {
  const cmp = s.target.comparisons[0]!;
  const path = join(work, `${s.name}-${seed}-${scale}.db`);
  const manifest = await manifestFor(s, seed, path);
  const db = openSqlite(path);
  try {
    const ctx: ToolContext = {
      db,
      user: { id: 'eval', role: 'admin' },
      data: await loadDataRange(db),
      limits: DEFAULT_LIMITS,
    };
    const t0 = performance.now();
    const r = await explainChange.run(
      explainChange.inputSchema.parse({
        metric: s.target.metric,
        period: s.target.period,
        compare_to: { from: cmp.from, to: cmp.to },
      }),
      ctx,
    );
    const ms = performance.now() - t0;
    const catalog = (
      await db.query(`SELECT p.product_id, p.sku, c2.category_name AS sub, COALESCE(c1.category_name, c2.category_name) AS cat
      FROM products p JOIN product_categories c2 ON c2.category_id = p.category_id LEFT JOIN product_categories c1 ON c1.category_id = c2.parent_category_id`)
    ).rows;
    const skuOf = new Map(catalog.map((x) => [Number(x.product_id), String(x.sku)]));
    const skusOf = (level: 'category' | 'subcategory', name: string) =>
      catalog.filter((x) => String(level === 'category' ? x.cat : x.sub) === name).map((x) => String(x.sku));
    const data = r.data as ExplainModelData;
    const events: Array<PlantedEvent & { share: number }> = manifest.events.map((e) => ({
      id: e.id,
      kind: e.kind,
      segment: e.segment as PlantedEvent['segment'],
      skus: e.product_ids.map((id) => skuOf.get(id) ?? ''),
      campaign: s.events.find((x) => x.id === e.id)?.campaign?.name,
      share: e.share_of_change[cmp.label] ?? 0,
    }));
    const reported: ScoredCause[] = scoredCauses(data.causes, {
      kinds: EVENT_KIND_SET,
      planted: events,
      ...calendarFrame({ from: ctx.data.minDate, to: ctx.data.maxDate }, cmp, s.target.period),
      top: TOP,
    });
    const score = matchCauses(events, reported, skusOf);
    return {
      scenario: s.name,
      seed,
      ...score,
      ms,
      noClear: data.no_clear_cause,
      direction: data.change.direction,
    };
  } finally {
    await db.close();
  }
}

/** The scenario's manifest: the one an earlier --keep run left beside the database (--reuse), else a fresh seed's. */
async function manifestFor(s: Scenario, seed: number, path: string): Promise<Manifest> {
  const manifestPath = `${path}.manifest.json`;
  if (values.reuse && existsSync(path) && existsSync(manifestPath)) {
    return JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  }
  const to = [s.target.period.to, ...s.target.comparisons.map((c) => c.to)].sort().at(-1)!;
  const seeded = await seedScenario({
    scenario: s,
    seed,
    scale,
    from: DATA_FROM,
    to,
    target: { engine: 'sqlite', path },
    manifestPath: values.keep ? manifestPath : undefined,
  });
  return seeded.manifest;
}

function fmt(x: number | null): string {
  return x === null ? '—' : `${(x * 100).toFixed(0)}%`;
}

function printTable(ls: Line[]): void {
  const rows = ls.map((l) => [
    l.scenario,
    String(l.seed),
    l.direction,
    `${l.hits}/${l.planted}`,
    `${l.correct}/${l.reported}`,
    l.shares.map((x) => `${x.id}: ${fmt(x.est)} vs ${fmt(x.truth)}${x.ok ? '' : ' ✗'}`).join('; ') || '—',
    l.noClear ? 'yes' : 'no',
    `${Math.round(l.ms)} ms`,
  ]);
  const head = [
    'scenario',
    'seed',
    'direction',
    'recall',
    'precision',
    'share (estimate vs manifest)',
    'no clear cause',
    'time',
  ];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join(' | ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const r of rows) console.log(line(r));
  const planted = ls.reduce((s, l) => s + l.planted, 0);
  const hits = ls.reduce((s, l) => s + l.hits, 0);
  const reported = ls.reduce((s, l) => s + l.reported, 0);
  const correct = ls.reduce((s, l) => s + l.correct, 0);
  const sh = ls.flatMap((l) => l.shares);
  const okShares = sh.filter((x) => x.ok).length;
  console.log('');
  console.log(`scale ${scale}, seeds ${seeds.join(',')}, ${ls.length} runs`);
  console.log(`recall    ${hits}/${planted} = ${planted ? (hits / planted).toFixed(3) : 'n/a'} (bar ≥ 0.9)`);
  console.log(`precision ${correct}/${reported} = ${reported ? (correct / reported).toFixed(3) : 'n/a'} (bar ≥ 0.8)`);
  console.log(
    `shares within ${SHARE_TOL * 100} pp: ${okShares}/${sh.length} = ${sh.length ? (okShares / sh.length).toFixed(3) : 'n/a'} (bar: all)`,
  );
  console.log(
    `explain_change time: median ${Math.round(median(ls.map((l) => l.ms)))} ms, max ${Math.round(Math.max(...ls.map((l) => l.ms)))} ms`,
  );
}

function median(x: number[]): number {
  const s = [...x].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : 0;
}
