// `tidelens rollup` through main(): a full build, an incremental refresh, --since, and bad flags.
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { captureIo } from '../seed/support.ts';
import { fixtureSqlite } from '../parity/support.ts';

async function run(...argv: string[]) {
  const io = captureIo({});
  const code = await main(['rollup', ...argv], io);
  return { code, out: io.outLines.join('\n'), err: io.errLines.join('\n') };
}

describe('tidelens rollup', () => {
  it('builds, refreshes nothing when nothing changed, and recomputes from --since', async () => {
    const { db } = await fixtureSqlite();
    const url = db.label;
    await db.close();
    const full = await run('--db', url);
    expect(full.code).toBe(0);
    expect(full.out).toMatch(/^Rollup full build in [\d.]+ s; data through 2025-03-20/);
    expect(full.out).toMatch(/daily_orders\s+[\d,]+ rows/);
    expect((await run('--db', url)).out).toMatch(/refresh: nothing changed/);
    expect((await run('--db', url, '--since', '2025-03-01')).out).toMatch(/refresh of 2025-03-01\.\.9999-12-31/);
    expect((await run('--db', url, '--full')).out).toMatch(/full build/);
  });

  it('refuses a bad day and --since with --full', async () => {
    expect((await run('--since', '2025-13-01')).err).toMatch(/--since must be a day/);
    expect((await run('--since', '2025-01-01', '--full')).err).toMatch(/not both/);
  });
});
