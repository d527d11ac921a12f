// Runs one scenario file through the fuzzer's case runner (seed a short span, manifest, explain_change,
// score, invariants) and prints the result: the quick loop for a scenario built from a fuzz failure.
//   npx tsx eval/causes/check-scenario.ts FILE [--seed N] [--scale 0.3] [--lead 92] [--keep DIR]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadScenarioFile } from '../../seed/scenarios/schema.ts';
import type { ExplainMetric } from '../../src/tools/explain/profiles.ts';
import { addDays } from './draw.ts';
import { runCase } from './run-case.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    seed: { type: 'string', default: '1' },
    scale: { type: 'string', default: '0.3' },
    lead: { type: 'string', default: '92' },
    keep: { type: 'string' },
  },
});
const s = loadScenarioFile(positionals[0]!);
const froms = [s.target.period.from, ...s.target.comparisons.map((c) => c.from)].sort();
const to = [s.target.period.to, ...s.target.comparisons.map((c) => c.to)].sort().at(-1)!;
const dir = values.keep ?? mkdtempSync(join(tmpdir(), 'tl-check-'));
try {
  const r = await runCase(
    {
      seed: Number(values.seed),
      scenario: s,
      metric: s.target.metric as ExplainMetric,
      comparison: s.target.comparisons[0]!.label,
      span: { from: addDays(froms[0]!, -Number(values.lead)), to },
    },
    Number(values.scale),
    dir,
    Boolean(values.keep),
  );
  console.log(JSON.stringify(r, null, 1));
} finally {
  if (!values.keep) rmSync(dir, { recursive: true, force: true });
}
