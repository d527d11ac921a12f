// Seeds a small warehouse once per engine for the seed tests, through the same path as the CLI.
import type { Io } from '../../src/cli/command.ts';
import { parseDbUrl } from '../../src/db/url.ts';
import { runSeed, type SeedResult } from '../../seed/load/run.ts';
import { DEFAULT_SCENARIO_PATH, loadScenarioFile } from '../../seed/scenarios/schema.ts';

export const TEST_SCALE = 0.1;
export const TEST_SEED = 7;

export function captureIo(env: NodeJS.ProcessEnv = {}): Io & { outLines: string[]; errLines: string[] } {
  const outLines: string[] = [];
  const errLines: string[] = [];
  return {
    outLines,
    errLines,
    out: (l) => outLines.push(l),
    err: (l) => errLines.push(l),
    isTty: false,
    env,
    stdin: async () => '',
  };
}

export async function seedSmall(url: string, opts: { force?: boolean; scale?: number } = {}): Promise<SeedResult> {
  return runSeed({
    target: parseDbUrl(url),
    seed: TEST_SEED,
    scale: opts.scale ?? TEST_SCALE,
    from: '2024-01-01',
    to: '2025-12-31',
    scenario: loadScenarioFile(DEFAULT_SCENARIO_PATH),
    scenarioName: 'default',
    force: opts.force ?? true,
    io: captureIo(),
    quiet: true,
  });
}
