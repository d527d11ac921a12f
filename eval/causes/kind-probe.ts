// The cases of one event kind, seeded once into DIR and re-explained on each run: the quick loop for
// a class's detector or estimator. Scores each case as fuzz.ts does (run-case's scorePath) and writes
// the results as fuzz.ts --out lines, so `fuzz.ts --report` tabulates them. Development seeds only.
//   npx tsx eval/causes/kind-probe.ts --seeds 1001..2200 --kinds campaign_end --dir /tmp/ce-dbs --out F.jsonl
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openSqlite } from '../../src/db/sqlite.ts';
import type { Manifest } from '../../seed/manifest.ts';
import { drawScenario } from './draw.ts';
import { type CaseResult, catalogue, explainDrawn, scorePath } from './run-case.ts';
import { seedScenario } from './seed-db.ts';

const { values } = parseArgs({
  options: {
    seeds: { type: 'string', default: '1..50' },
    kinds: { type: 'string', default: 'campaign_end' },
    dir: { type: 'string', default: '/tmp/kind-dbs' },
    scale: { type: 'string', default: '0.3' },
    lead: { type: 'string', default: '92' },
    out: { type: 'string' },
  },
});
const seeds = values.seeds!.split(',').flatMap((part) => {
  const m = /^(\d+)\.\.(\d+)$/.exec(part.trim());
  if (!m) return [Number(part)];
  return Array.from({ length: Number(m[2]) - Number(m[1]) + 1 }, (_, i) => Number(m[1]) + i);
});
if (seeds.some((s) => s >= 100001)) throw new Error('development seeds only');
const kinds = new Set(values.kinds!.split(','));
const scale = Number(values.scale);
mkdirSync(values.dir!, { recursive: true });
for (const seed of seeds) {
  const d = drawScenario(seed, { leadDays: Number(values.lead) });
  if (!d.scenario.events.some((e) => kinds.has(e.kind))) continue;
  const path = join(values.dir!, `s${seed}.db`);
  const mpath = join(values.dir!, `s${seed}.json`);
  if (!existsSync(mpath)) {
    const r = await seedScenario({ scenario: d.scenario, seed, scale, ...d.span, target: { engine: 'sqlite', path } });
    writeFileSync(mpath, JSON.stringify(r.manifest));
  }
  const manifest = JSON.parse(readFileSync(mpath, 'utf8')) as Manifest;
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
    console.log(seed, d.metric, `hits ${r.hits}/${r.planted} correct ${r.correct}/${r.reported}`);
  } finally {
    await db.close();
  }
}
