import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openSqlite } from '../../db/sqlite.ts';
import { loadFixture } from '../../../test/parity/fixture.ts';
import type { Io } from '../command.ts';
import { main } from '../main.ts';

function capture(): Io & { outs: string[]; errs: string[] } {
  const outs: string[] = [];
  const errs: string[] = [];
  return {
    outs,
    errs,
    out: (l) => outs.push(l),
    err: (l) => errs.push(l),
    isTty: false,
    env: {},
    stdin: async () => '',
  };
}

describe('tidelens tool', () => {
  let url: string;
  beforeAll(async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'tidelens-tool-cli-')), 'w.db');
    const db = openSqlite(path, { create: true });
    await loadFixture(db);
    await db.close();
    url = `sqlite:${path}`;
  });

  it('runs a tool and prints JSON with the SQL and its parameters', async () => {
    const io = capture();
    expect(
      await main(['tool', 'breakdown', '--db', url, '--input', '{"by":"channel","period":"2025-02"}', '--json'], io),
    ).toBe(0);
    const r = JSON.parse(io.outs.join('\n'));
    expect(Object.keys(r)).toEqual(expect.arrayContaining(['columns', 'rows', 'sql', 'params', 'summary', 'charts']));
    expect(r.params).toContain('2025-02-01');
    expect(r.rows).toHaveLength(3);
  });

  it('prints a readable table by default', async () => {
    const io = capture();
    expect(
      await main(['tool', 'compare_periods', '--db', url, '--input', '{"period":"2025-02","metrics":["orders"]}'], io),
    ).toBe(0);
    expect(io.outs.join('\n')).toMatch(/Orders: \d+ vs \d+/);
  });

  it('lists tools with their input schemas', async () => {
    const io = capture();
    expect(await main(['tool', '--list', '--json'], io)).toBe(0);
    const specs = JSON.parse(io.outs.join('\n')) as { name: string; inputSchema: { type: string } }[];
    expect(specs.map((s) => s.name)).toEqual(expect.arrayContaining(['sales_trend', 'returns_analysis']));
    expect(specs.every((s) => s.inputSchema.type === 'object')).toBe(true);
  });

  it.each([
    [['tool', 'nope'], /unknown tool "nope"/],
    [['tool', 'breakdown', '--input', '{bad'], /not valid JSON/],
    [['tool', 'breakdown', '--input', '{"by":"planet"}'], /invalid input for breakdown: by/],
    [['tool'], /name one tool/],
  ])('%j fails with one clear line and exit 2', async (argv, msg) => {
    const io = capture();
    expect(await main([...argv, '--db', url], io)).toBe(2);
    expect(io.errs).toHaveLength(1);
    expect(io.errs[0]).toMatch(msg);
  });
});
