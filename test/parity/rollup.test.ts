// Every template input of the parity suite (inputs.ts) answers the same from the daily rollups as from the base
// tables, to the cent: rows, findings and summary (but for the line saying the rollup was read), on SQLite and
// MariaDB, on the hand-built fixture and on the generator's seed. The rollup is hidden from the base run by
// failing its watermark read, so both runs see the same database.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Io } from '../../src/cli/command.ts';
import { main } from '../../src/cli/main.ts';
import { openDb, parseDbUrl, type DbTarget } from '../../src/db/index.ts';
import type { Db } from '../../src/db/types.ts';
import { buildFull, forgetRollup } from '../../src/rollup/index.ts';
import { openRollupWriter } from '../../src/rollup/writer.ts';
import { tools } from '../../src/tools/registry.ts';
import { loadDataRange } from '../../src/tools/sql/data-range.ts';
import type { ToolContext } from '../../src/tools/types.ts';
import { dropMysqlDb, freshMysqlDb, mysqlAvailable } from '../support/mysql.ts';
import { PARITY_INPUTS } from './inputs.ts';
import { fixtureMysql, fixtureSqlite, toolContext } from './support.ts';

const ROLLUP_LINE = /\nRead from the daily rollup; data through \d{4}-\d{2}-\d{2}\.$/;

/** Inputs per template that must read the rollup on the fixture (the rest may fall back to the base tables). */
const MUST_READ: Record<string, number> = {
  funnel: 2,
  returns_analysis: 3,
  campaign_performance: 2,
  price_change_impact: 2,
};

function withoutRollup(db: Db): Db {
  return new Proxy(db, {
    get(target, prop) {
      if (prop !== 'query') return Reflect.get(target, prop);
      return (sql: string, ...rest: unknown[]) =>
        /watermark/.test(sql)
          ? Promise.reject(new Error('no rollup'))
          : (target.query as (...a: unknown[]) => unknown)(sql, ...rest);
    },
  });
}

async function parity(name: string, ctx: ToolContext): Promise<number> {
  const tool = tools.find((t) => t.name === name)!;
  const base = { ...ctx, db: withoutRollup(ctx.db) };
  let read = 0;
  for (const input of PARITY_INPUTS[name]!) {
    const parsed = tool.inputSchema.parse(input);
    const a = await tool.run(parsed, ctx);
    const b = await tool.run(parsed, base);
    const label = `${name} ${JSON.stringify(input)}`;
    expect(a.rows, label).toEqual(b.rows);
    expect(a.findings ?? [], label).toEqual(b.findings ?? []);
    expect(a.summary.replace(ROLLUP_LINE, ''), label).toBe(b.summary);
    expect(b.summary, label).not.toMatch(ROLLUP_LINE);
    if (ROLLUP_LINE.test(a.summary)) read++;
  }
  return read;
}

async function build(target: DbTarget, db: Db): Promise<void> {
  const w = await openRollupWriter(target);
  await buildFull(w);
  await w.close();
  forgetRollup(db);
}

function suite(label: string, open: () => Promise<{ db: Db; ctx: ToolContext; target: DbTarget; url?: string }>) {
  describe.sequential(`rollup = base tables, ${label}`, () => {
    let db: Db;
    let ctx: ToolContext;
    let url: string | undefined;
    beforeAll(async () => {
      let target: DbTarget;
      ({ db, ctx, target, url } = await open());
      await build(target, db);
    }, 300_000);
    afterAll(async () => {
      await db?.close();
      if (url) await dropMysqlDb(url);
    });
    for (const name of Object.keys(PARITY_INPUTS))
      it(name, async () => {
        const read = await parity(name, ctx);
        if (label.includes('fixture')) expect(read, name).toBeGreaterThanOrEqual(MUST_READ[name] ?? 0);
      }, 120_000);
  });
}

suite('SQLite fixture', async () => {
  const { db, ctx } = await fixtureSqlite();
  return { db, ctx, target: { engine: 'sqlite', path: db.label.replace(/^sqlite:/, '') } };
});

describe.skipIf(!mysqlAvailable)('MariaDB', () => {
  suite('MariaDB fixture', async () => {
    const { db, ctx, url } = await fixtureMysql('rollup_templates');
    return { db, ctx, target: parseDbUrl(url), url };
  });
});

const quietIo = (): Io => ({ out: () => {}, err: () => {}, isTty: false, env: {}, stdin: async () => '' });

async function seeded(url: string): Promise<{ db: Db; ctx: ToolContext; target: DbTarget }> {
  const code = await main(['seed', '--db', url, '--scale', '0.05', '--seed', '7', '--force'], quietIo());
  if (code !== 0) throw new Error(`seed into ${url} failed with exit code ${code}`);
  const target = parseDbUrl(url);
  const db = await openDb(target);
  return { db, ctx: toolContext(db, await loadDataRange(db)), target };
}

suite("SQLite generator's seed (scale 0.05, seed 7)", () =>
  seeded(`sqlite:${join(mkdtempSync(join(tmpdir(), 'tidelens-rollup-parity-')), 'seed.db')}`));

describe.skipIf(!mysqlAvailable)('MariaDB', () => {
  suite("MariaDB generator's seed (scale 0.05, seed 7)", async () => {
    const url = await freshMysqlDb('rollup_templates_seed');
    return { ...(await seeded(url)), url };
  });
});
