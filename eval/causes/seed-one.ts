// Seeds the scenario the fuzzer draws for each dev seed into DIR/fuzz-SEED.db with its manifest beside it
// (DIR/fuzz-SEED.db.manifest.json), so debug-one.ts can rerun explain_change on it without seeding again.
//   npx tsx eval/causes/seed-one.ts DIR SEED [SEED...] [--scale 0.3] [--lead 92]
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { drawScenario } from './draw.ts';
import { seedScenario } from './seed-db.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { scale: { type: 'string', default: '0.3' }, lead: { type: 'string', default: '92' } },
});
const [dir, ...seeds] = positionals;
if (!dir || !seeds.length) throw new Error('usage: npx tsx eval/causes/seed-one.ts DIR SEED [SEED...]');
for (const s of seeds.map(Number)) {
  if (!(s >= 1 && s <= 10000)) throw new Error(`seed ${s}: development seeds are 1-10000`);
  const d = drawScenario(s, { leadDays: Number(values.lead) });
  const path = join(dir, `fuzz-${s}.db`);
  if (existsSync(path)) continue;
  await seedScenario({
    scenario: d.scenario,
    seed: s,
    scale: Number(values.scale),
    ...d.span,
    target: { engine: 'sqlite', path },
    manifestPath: `${path}.manifest.json`,
  });
  console.log(`${path}: ${d.metric} ${d.comparison} [${d.scenario.events.map((e) => e.kind).join(', ')}]`);
}
