// A class's fuzz cases, seeded once into DIR and re-explained on each run: the quick loop for a
// detector or estimator (about 1 s a case against several for seeding). --kinds and --metrics pick the
// cases as in fuzz.ts; --only-seeded skips any not yet in DIR. Scores each case as fuzz.ts does
// (run-case's scorePath) and writes fuzz.ts --out lines, so `fuzz.ts --report` tabulates them.
// Development seeds only.
//   npx tsx eval/causes/probe.ts --seeds 1001..2200 --kinds campaign_end --dir /tmp/ce-dbs --out F.jsonl
//   npx tsx eval/causes/probe.ts --seeds 1001..1800 --kinds traffic_surge,traffic_drop --metrics aov --dir D
import { appendFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openSqlite } from '../../src/db/sqlite.ts';
import { drawScenario, parseSeeds } from './draw.ts';
import { type CaseResult, catalogue, explainDrawn, scorePath } from './run-case.ts';
import { seededCase } from './seed-db.ts';

const { values } = parseArgs({
  options: {
    seeds: { type: 'string', default: '1..50' },
    kinds: { type: 'string' },
    metrics: { type: 'string' },
    'only-seeded': { type: 'boolean', default: false },
    dir: { type: 'string', default: '/tmp/probe-dbs' },
    scale: { type: 'string', default: '0.3' },
    lead: { type: 'string', default: '92' },
    out: { type: 'string' },
  },
});
const seeds = parseSeeds(values.seeds!);
if (seeds.some((s) => s >= 100001)) throw new Error('development seeds only');
const list = (v: string | undefined) => (v ? new Set(v.split(',').map((x) => x.trim())) : null);
const kinds = list(values.kinds);
const metrics = list(values.metrics);
const scale = Number(values.scale);
for (const seed of seeds) {
  const d = drawScenario(seed, { leadDays: Number(values.lead) });
  if (kinds && !d.scenario.events.some((e) => kinds.has(e.kind))) continue;
  if (metrics && !metrics.has(d.metric)) continue;
  const seeded = await seededCase(values.dir!, d, scale, values['only-seeded']);
  if (!seeded) continue;
  const { path, manifest } = seeded;
  const s = d.scenario;
  const cmp = s.target.comparisons[0]!;
  const db = openSqlite(path);
  try {
    const { data, ms } = await explainDrawn(db, d);
    const skusOf = await catalogue(db);
    const planted = manifest.events.map((e) => ({
      id: e.id,
      kind: e.kind,
      segment: e.segment as never,
      skus: e.product_ids.map((id) => skusOf.skuOf.get(id) ?? ''),
      campaign: s.events.find((x) => x.id === e.id)?.campaign?.name,
      share: e.share_of_change[cmp.label] ?? 0,
    }));
    const r: CaseResult = {
      seed,
      metric: d.metric,
      comparison: d.comparison,
      events: s.events.map((e) => e.kind),
      ...scorePath(data, d, planted, skusOf.of),
      seedMs: 0,
      explainMs: ms,
    };
    if (values.out) appendFileSync(values.out, `${JSON.stringify(r)}\n`);
    const shares = r.shares
      .filter((x) => !kinds || kinds.has(x.kind))
      .map((x) => `${x.kind} ${x.est === null ? '—' : x.est.toFixed(3)} vs ${x.truth.toFixed(3)}${x.ok ? '' : ' ✗'}`);
    console.log(
      `seed ${seed} ${d.metric}: recall ${r.hits}/${r.planted}, precision ${r.correct}/${r.reported}; ${shares.join('; ')}`,
    );
  } finally {
    await db.close();
  }
}
