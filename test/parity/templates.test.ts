// Every template gives the same result on SQLite and MariaDB: the same data on both engines (the hand-built
// fixture, and the generator's seed at a small scale), several inputs per template, rows compared with a
// small numeric tolerance. Under CI=true a missing MariaDB fails the suite instead of skipping it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import type { Io } from '../../src/cli/command.ts';
import { openDb, parseDbUrl } from '../../src/db/index.ts';
import type { Db } from '../../src/db/types.ts';
import { tools } from '../../src/tools/registry.ts';
import { loadDataRange } from '../../src/tools/sql/data-range.ts';
import type { ToolContext, ToolResult } from '../../src/tools/types.ts';
import { dropMysqlDb, mysqlAvailable } from '../support/mysql.ts';
import { fixtureMysql, fixtureSqlite, toolContext } from './support.ts';
import { freshMysqlDb } from '../support/mysql.ts';
import { PARITY_INPUTS } from './inputs.ts';

const TOLERANCE = 1e-6;

/** Rows in a stable order with numbers compared at a small relative tolerance. */
function sameResult(a: ToolResult, b: ToolResult): string | null {
  if (JSON.stringify(a.columns) !== JSON.stringify(b.columns)) return `columns differ: ${a.columns} vs ${b.columns}`;
  if (a.rows.length !== b.rows.length) return `row counts differ: ${a.rows.length} vs ${b.rows.length}`;
  const key = (r: Record<string, unknown>) => JSON.stringify(Object.values(r).filter((v) => typeof v === 'string'));
  const sa = [...a.rows].sort((x, y) => key(x).localeCompare(key(y)));
  const sb = [...b.rows].sort((x, y) => key(x).localeCompare(key(y)));
  for (let i = 0; i < sa.length; i++) {
    for (const c of Object.keys(sa[i]!)) {
      const x = sa[i]![c];
      const y = sb[i]![c];
      if (typeof x === 'number' && typeof y === 'number') {
        if (Math.abs(x - y) > TOLERANCE * Math.max(1, Math.abs(x), Math.abs(y)) + 0.011)
          return `row ${i} ${c}: ${x} vs ${y}`;
      } else if (x !== y) return `row ${i} ${c}: ${JSON.stringify(x)} vs ${JSON.stringify(y)}`;
    }
  }
  return null;
}

async function runAll(name: string, ctxA: ToolContext, ctxB: ToolContext) {
  const tool = tools.find((t) => t.name === name)!;
  for (const input of PARITY_INPUTS[name]!) {
    const parsed = tool.inputSchema.parse(input);
    const [a, b] = [await tool.run(parsed, ctxA), await tool.run(parsed, ctxB)];
    expect(sameResult(a, b), `${name} ${JSON.stringify(input)}`).toBeNull();
    expect(a.summary).toBe(b.summary);
  }
}

it('every query template has parity inputs', () => {
  const templates = tools
    .map((t) => t.name)
    .filter((n) => !['describe_schema', 'run_sql', 'explain_change'].includes(n));
  expect(Object.keys(PARITY_INPUTS).sort()).toEqual(templates.sort());
});

describe.skipIf(!mysqlAvailable)('template parity on the hand-built fixture', () => {
  let lite: Db;
  let my: Db;
  let url: string;
  let ctxA: ToolContext;
  let ctxB: ToolContext;
  beforeAll(async () => {
    ({ db: lite, ctx: ctxA } = await fixtureSqlite());
    ({ db: my, ctx: ctxB, url } = await fixtureMysql('tools_parity_fixture'));
  });
  afterAll(async () => {
    await lite?.close();
    await my?.close();
    if (url) await dropMysqlDb(url);
  });
  for (const name of Object.keys(PARITY_INPUTS)) it(name, () => runAll(name, ctxA, ctxB));
});

const quietIo = (): Io => ({ out: () => {}, err: () => {}, isTty: false, env: {}, stdin: async () => '' });

describe.skipIf(!mysqlAvailable)("template parity on the generator's seed (scale 0.05, seed 7)", () => {
  let lite: Db;
  let my: Db;
  let url: string;
  let ctxA: ToolContext;
  let ctxB: ToolContext;
  beforeAll(async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'tidelens-parity-')), 'seed.db');
    url = await freshMysqlDb('tools_parity_seed');
    for (const db of [`sqlite:${path}`, url]) {
      const code = await main(['seed', '--db', db, '--scale', '0.05', '--seed', '7', '--force'], quietIo());
      if (code !== 0) throw new Error(`seed into ${db} failed with exit code ${code}`);
    }
    lite = await openDb(parseDbUrl(`sqlite:${path}`));
    my = await openDb(parseDbUrl(url));
    const [ra, rb] = [await loadDataRange(lite), await loadDataRange(my)];
    expect(ra).toEqual(rb);
    ctxA = toolContext(lite, ra);
    ctxB = toolContext(my, rb);
  });
  afterAll(async () => {
    await lite?.close();
    await my?.close();
    if (url) await dropMysqlDb(url);
  });
  for (const name of Object.keys(PARITY_INPUTS)) it(name, () => runAll(name, ctxA, ctxB));
});

it('the benchmark inputs are valid for their tools', async () => {
  const { BENCH_INPUTS } = await import('../../bench/templates.ts');
  for (const [name, inputs] of Object.entries(BENCH_INPUTS)) {
    const tool = tools.find((t) => t.name === name);
    expect(tool, name).toBeDefined();
    for (const i of inputs) expect(tool!.inputSchema.safeParse(i).success, `${name} ${JSON.stringify(i)}`).toBe(true);
  }
});
