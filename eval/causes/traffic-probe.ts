// Traffic moves of fuzz cases, seeded once and rerun: the quick loop for the traffic-effect estimate.
// Seeds each drawn case that plants a traffic surge or drop into DIR once (later runs reuse the
// database and its manifest), reruns explain_change alone on it and scores it with the fuzzer's rules,
// writing one CaseResult a line (`fuzz.ts --report FILE` tabulates them). Development seeds only.
//   npx tsx eval/causes/traffic-probe.ts --seeds 1001..1800 --dir /tmp/tr-dbs --out F.jsonl [--metrics aov,...] [--only-seeded]
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openSqlite } from '../../src/db/sqlite.ts';
import type { Manifest } from '../../seed/manifest.ts';
import { drawScenario } from './draw.ts';
import { calendarFrame, matchCauses, scoredCauses, type PlantedEvent } from './match.ts';
import { CAUSE_KINDS, type CaseResult, catalogue, explainDrawn, invariants } from './run-case.ts';
import { seedScenario } from './seed-db.ts';

const { values } = parseArgs({
  options: {
    seeds: { type: 'string', default: '1..50' },
    dir: { type: 'string', default: '/tmp/tr-dbs' },
    out: { type: 'string' },
    metrics: { type: 'string' },
    scale: { type: 'string', default: '0.3' },
    lead: { type: 'string', default: '92' },
    'only-seeded': { type: 'boolean', default: false },
  },
});
const [lo, hi] = values.seeds!.split('..').map(Number) as [number, number];
if (hi >= 100001) throw new Error('development seeds only');
const scale = Number(values.scale);
const metrics = values.metrics ? new Set(values.metrics.split(',')) : null;
mkdirSync(values.dir!, { recursive: true });
const TRAFFIC = new Set(['traffic_surge', 'traffic_drop']);
for (let seed = lo; seed <= hi; seed++) {
  const d = drawScenario(seed, { leadDays: Number(values.lead) });
  if (!d.scenario.events.some((e) => TRAFFIC.has(e.kind))) continue;
  if (metrics && !metrics.has(d.metric)) continue;
  const path = join(values.dir!, `s${seed}.db`);
  const mpath = join(values.dir!, `s${seed}.json`);
  if (!existsSync(mpath)) {
    if (values['only-seeded']) continue;
    const r = await seedScenario({ scenario: d.scenario, seed, scale, ...d.span, target: { engine: 'sqlite', path } });
    writeFileSync(mpath, JSON.stringify(r.manifest));
  }
  const manifest = JSON.parse(readFileSync(mpath, 'utf8')) as Manifest;
  const s = d.scenario;
  const cmp = s.target.comparisons[0]!;
  const db = openSqlite(path);
  try {
    const { data, ms } = await explainDrawn(db, d);
    const { skuOf, of } = await catalogue(db);
    const planted = manifest.events.map((e) => ({
      id: e.id,
      kind: e.kind,
      segment: e.segment as PlantedEvent['segment'],
      skus: e.product_ids.map((id) => skuOf.get(id) ?? ''),
      campaign: s.events.find((x) => x.id === e.id)?.campaign?.name,
      share: e.share_of_change[cmp.label] ?? 0,
    }));
    const reported = scoredCauses(data.causes, {
      kinds: CAUSE_KINDS,
      planted,
      ...calendarFrame(d.span, cmp, s.target.period),
      top: 5,
    });
    const r: CaseResult = {
      seed,
      metric: d.metric,
      comparison: d.comparison,
      events: s.events.map((e) => e.kind),
      direction: data.change.direction,
      ...matchCauses(planted, reported, of),
      causes: data.causes.map((c) => ({ kind: c.kind, segment: c.segment, share: c.share, confidence: c.confidence })),
      violations: invariants(data, d),
      seedMs: 0,
      explainMs: ms,
    };
    if (values.out) appendFileSync(values.out, `${JSON.stringify(r)}\n`);
    const shares = r.shares
      .filter((x) => TRAFFIC.has(x.kind))
      .map((x) => `${x.kind} ${x.est === null ? '—' : x.est.toFixed(3)} vs ${x.truth.toFixed(3)}${x.ok ? '' : ' ✗'}`);
    console.log(
      `seed ${seed} ${d.metric}: recall ${r.hits}/${r.planted}, precision ${r.correct}/${r.reported}; ${shares.join('; ')}`,
    );
  } finally {
    await db.close();
  }
}
