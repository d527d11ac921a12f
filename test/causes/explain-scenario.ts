// The causes tests' one fixture: seed a scenario into its own SQLite file and ask explain_change its question
// (the metric over the target period against the first comparison), as the fuzzer's run-case does.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addDays } from '../../eval/causes/draw.ts';
import { seedScenario } from '../../eval/causes/seed-db.ts';
import type { Manifest } from '../../seed/manifest.ts';
import { loadScenarioFile, type Scenario } from '../../seed/scenarios/schema.ts';
import { openDb } from '../../src/db/index.ts';
import { explainChange } from '../../src/tools/explain-change.ts';
import { ExplainModelData } from '../../src/tools/explain/result.ts';
import { loadDataRange } from '../../src/tools/sql/data-range.ts';
import { DEFAULT_LIMITS, type ToolContext } from '../../src/tools/types.ts';

/** A scenario file by name from a folder of the repository (seed/scenarios, eval/causes/classes). */
export function scenarioFile(folder: string, name: string): Scenario {
  return loadScenarioFile(fileURLToPath(new URL(`../../${folder}/${name}.json`, import.meta.url)));
}

/** A scratch folder for the seeded files and its clean-up (pass it to afterAll). */
export function scratchDir(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The day `leadDays` before the scenario's earliest period: where seeding starts. */
export function leadFrom(s: Scenario, leadDays: number): string {
  const froms = [s.target.period, ...s.target.comparisons].map((p) => p.from).sort();
  return addDays(froms[0]!, -leadDays);
}

/** Seeds `s` from `from` to its latest period's end and returns explain_change's answer with the manifest. */
export async function explainScenario(
  s: Scenario,
  dir: string,
  from: string,
): Promise<{ data: ExplainModelData; manifest: Manifest }> {
  const path = join(dir, `${s.name}.db`);
  const to = [s.target.period, ...s.target.comparisons]
    .map((p) => p.to)
    .sort()
    .at(-1)!;
  const seeded = await seedScenario({ scenario: s, seed: 1, scale: 0.3, from, to, target: { engine: 'sqlite', path } });
  const db = await openDb({ engine: 'sqlite', path });
  try {
    const ctx: ToolContext = {
      db,
      user: { id: 'test', role: 'analyst' },
      data: await loadDataRange(db),
      limits: DEFAULT_LIMITS,
    };
    const cmp = s.target.comparisons[0]!;
    const input = { metric: s.target.metric, period: s.target.period, compare_to: { from: cmp.from, to: cmp.to } };
    const r = await explainChange.run(explainChange.inputSchema.parse(input), ctx);
    return { data: ExplainModelData.parse(r.data), manifest: seeded.manifest };
  } finally {
    await db.close();
  }
}

/** explain_change's answer to a scenario of eval/causes/classes, seeded from a month before its periods. */
export async function explainClass(name: string, dir: string): Promise<ExplainModelData> {
  const s = scenarioFile('eval/causes/classes', name);
  return (await explainScenario(s, dir, leadFrom(s, 31))).data;
}

/** The segments of an answer's causes of one kind. */
export const causesWhere = (data: ExplainModelData, kind: string) =>
  data.causes.filter((c) => c.kind === kind).map((c) => c.segment);
