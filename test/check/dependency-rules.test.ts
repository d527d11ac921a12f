// The dependency rules (.dependency-cruiser.cjs) must bite: a scratch tree that breaks each rule once is
// rejected with that rule's name, the allowed imports beside them pass, and the real tree passes.
// It runs the same command as `npm run check:deps`, so a change that blinds the checker (a file type it
// can no longer read, type-only imports dropped again) fails here instead of passing silently.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const DEPCRUISE = join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
const CONFIG = join(ROOT, '.dependency-cruiser.cjs');
const GLOBS = ['src/**/*.{ts,tsx}', 'seed/**/*.ts', 'eval/**/*.ts'];

interface Cruise {
  exitCode: number;
  // One entry per violation: `rule: a -> b`, or `rule: a -> b -> a` for a cycle.
  violations: string[];
  modules: number;
}

// Reads the report `npm run check:deps` prints, whose exit code is its number of errors.
function parseReport(report: string): Omit<Cruise, 'exitCode'> {
  const violations = report
    .split(/^ {2}error /m)
    .slice(1)
    .map((block) => {
      const colon = block.indexOf(': ');
      const [rule, chain] = [block.slice(0, colon), block.slice(colon + 2)];
      const cut = chain.indexOf('\n\n');
      const path = (cut < 0 ? chain : chain.slice(0, cut)).split('→').map((p) => p.trim());
      return `${rule}: ${path.join(' -> ')}`;
    });
  const modules = Number(/(\d+) modules/.exec(report)?.[1] ?? 0);
  return { violations, modules };
}

function cruise(cwd: string): Promise<Cruise> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [DEPCRUISE, '--config', CONFIG, ...GLOBS],
      { cwd, timeout: 120_000 },
      (error, stdout) => {
        done({ exitCode: error ? Number(error.code ?? 1) : 0, ...parseReport(stdout) });
      },
    );
  });
}

// Each broken rule has one file; the allowed imports live in files that must not appear in any violation.
const SCRATCH: Record<string, string> = {
  'src/errors.ts': 'export class TidelensError extends Error {}\n',
  'src/server/app.ts': 'export interface App { port: number }\nexport const app: App = { port: 1 };\n',
  'src/cli/main.ts': 'export const main = 1;\n',
  'src/protocol/turn.ts': 'export interface Turn { text: string }\n',
  'src/db/types.ts': 'export interface Db { name: string }\n',
  'src/warehouse/schema.ts': "import type { Db } from '../db/types.ts';\nexport const tables: Db[] = [];\n",
  // ui-imports-only-protocol, through a type-only import in a .tsx file with JSX
  'src/ui/View.tsx':
    "import type { Turn } from '../protocol/turn.ts';\nimport type { App } from '../server/app.ts';\n" +
    'export const View = (p: { turn: Turn; app: App }) => <p class="x">{p.turn.text}</p>;\n',
  'src/ui/ok.ts': "import type { Turn } from '../protocol/turn.ts';\nexport const turns: Turn[] = [];\n",
  // core-not-above
  'src/tools/__scratch.ts': "import { app } from '../server/app.ts';\nexport const port = app.port;\n",
  'src/tools/ok.ts': "import { tables } from '../warehouse/schema.ts';\nexport const n = tables.length;\n",
  // protocol-stands-alone: a re-export counts as an import
  'src/protocol/leak.ts': "export type { Db } from '../db/types.ts';\n",
  // calendar-stands-alone: src/errors.ts is allowed, src/db is not
  'src/calendar/periods.ts':
    "import { TidelensError } from '../errors.ts';\nimport type { Db } from '../db/types.ts';\n" +
    'export const fail = (db: Db) => new TidelensError(db.name);\n',
  // agent-not-server-or-cli
  'src/agent/loop.ts': "import { main } from '../cli/main.ts';\nexport const loop = main;\n",
  // seed-uses-warehouse-and-db-only
  'seed/ddl.ts': "import { tables } from '../src/warehouse/schema.ts';\nexport const ddl = tables;\n",
  'seed/bad.ts': "import { port } from '../src/tools/__scratch.ts';\nexport const p = port;\n",
  // eval-not-test
  'test/support.ts': 'export const helper = 1;\n',
  'eval/run.ts': "import { helper } from '../test/support.ts';\nexport const run = helper;\n",
  // no-circular: a two-file cycle
  'src/analysis/a.ts': "import { b } from './b.ts';\nexport const a = () => b();\n",
  'src/analysis/b.ts': "import { a } from './a.ts';\nexport const b = (): unknown => a;\n",
};

const scratch = mkdtempSync(join(tmpdir(), 'depcruise-scratch-'));
for (const [path, text] of Object.entries(SCRATCH)) {
  mkdirSync(dirname(join(scratch, path)), { recursive: true });
  writeFileSync(join(scratch, path), text);
}
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// Both runs start at once: together they take about as long as the real tree alone (~6 s of CPU; the
// timeouts allow for a loaded machine).
const scratchRun = cruise(scratch);
const realRun = cruise(ROOT);

describe('dependency rules', () => {
  it('reject a scratch tree that breaks each rule, naming the rule', async () => {
    const { exitCode, violations } = await scratchRun;
    expect(violations.sort()).toEqual([
      'agent-not-server-or-cli: src/agent/loop.ts -> src/cli/main.ts',
      'calendar-stands-alone: src/calendar/periods.ts -> src/db/types.ts',
      'core-not-above: src/tools/__scratch.ts -> src/server/app.ts',
      'eval-not-test: eval/run.ts -> test/support.ts',
      'no-circular: src/analysis/a.ts -> src/analysis/b.ts -> src/analysis/a.ts',
      'protocol-stands-alone: src/protocol/leak.ts -> src/db/types.ts',
      'seed-uses-warehouse-and-db-only: seed/bad.ts -> src/tools/__scratch.ts',
      'ui-imports-only-protocol: src/ui/View.tsx -> src/server/app.ts',
    ]);
    expect(exitCode).toBe(violations.length);
  }, 120_000);

  it('pass the real tree', async () => {
    const { exitCode, violations, modules } = await realRun;
    expect(violations).toEqual([]);
    expect(exitCode).toBe(0);
    // A checker that can no longer read .ts or .tsx files would pass an empty graph.
    expect(modules).toBeGreaterThan(200);
  }, 120_000);
});
