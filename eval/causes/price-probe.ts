// Price moves of fuzz cases beside their manifests: the quick loop for the price-effect estimator.
// Seeds each drawn case that plants a price move into DIR (once; later runs reuse the database and
// its manifest) and prints, per planted price move, the manifest's effect and share beside
// explain_change's. Development seeds only.
//   npx tsx eval/causes/price-probe.ts --seeds 1..200 --dir /tmp/pr-dbs [--scale 0.3] [--only-seeded]
import { parseArgs } from 'node:util';
import { openSqlite } from '../../src/db/sqlite.ts';
import { drawScenario } from './draw.ts';
import { causeMatches, type PlantedEvent } from './match.ts';
import { catalogue, explainDrawn } from './run-case.ts';
import { seededCase } from './seed-db.ts';

const { values } = parseArgs({
  options: {
    seeds: { type: 'string', default: '1..50' },
    dir: { type: 'string', default: '/tmp/pr-dbs' },
    scale: { type: 'string', default: '0.3' },
    lead: { type: 'string', default: '92' },
    'only-seeded': { type: 'boolean', default: false },
  },
});
const [lo, hi] = values.seeds!.split('..').map(Number) as [number, number];
if (hi >= 100001) throw new Error('development seeds only');
const scale = Number(values.scale);
const PRICE = new Set(['price_increase', 'price_decrease']);
let n = 0;
let ok = 0;
for (let seed = lo; seed <= hi; seed++) {
  const d = drawScenario(seed, { leadDays: Number(values.lead) });
  if (!d.scenario.events.some((e) => PRICE.has(e.kind))) continue;
  const seeded = await seededCase(values.dir!, d, scale, values['only-seeded']);
  if (!seeded) continue;
  const { path, manifest } = seeded;
  const cmp = d.scenario.target.comparisons[0]!;
  const db = openSqlite(path);
  try {
    const { data, ms } = await explainDrawn(db, d);
    const change = manifest.comparisons[0]!.change;
    const { skuOf, of } = await catalogue(db);
    for (const e of manifest.events) {
      if (!PRICE.has(e.kind)) continue;
      const truth = e.share_of_change[cmp.label] ?? 0;
      if (Math.abs(truth) < 0.05) continue;
      const planted: PlantedEvent = {
        id: e.id,
        kind: e.kind,
        segment: e.segment as PlantedEvent['segment'],
        skus: e.product_ids.map((id) => skuOf.get(id) ?? ''),
      };
      const found = (data.causes ?? []).filter((c) => causeMatches(planted, c, of));
      const est = found[0]?.share ?? null;
      const good = est !== null && Math.abs(est - truth) <= 0.1;
      n++;
      if (good) ok++;
      console.log(
        [
          `seed ${seed}`,
          d.metric,
          d.comparison,
          `${e.kind} ${e.magnitude} ${JSON.stringify(e.segment)} ${e.start}..${e.end ?? ''}`,
          `change ${change.toFixed(3)} effect ${e.effect.toFixed(3)} truth ${(truth * 100).toFixed(1)}%`,
          `est ${est === null ? '—' : `${(est * 100).toFixed(1)}%`} ${good ? 'ok' : 'MISS'}`,
          `others [${manifest.events
            .filter((x) => x !== e)
            .map((x) => `${x.kind} ${((x.share_of_change[cmp.label] ?? 0) * 100).toFixed(0)}%`)
            .join(', ')}]`,
          `${ms.toFixed(0)} ms`,
        ].join(' | '),
      );
    }
  } finally {
    await db.close();
  }
}
console.log(`price shares within 10 pp: ${ok}/${n}`);
