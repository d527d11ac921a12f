import { describe, expect, it } from 'vitest';
import type { Io } from '../command.ts';
import { main } from '../main.ts';

function io(stdin = '') {
  const out: string[] = [];
  const err: string[] = [];
  const value: Io = {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    isTty: false,
    env: {},
    stdin: async () => stdin,
  };
  return { value, out, err };
}

describe('tidelens check-sql', () => {
  it('prints one verdict per stdin line, in order, and exits 1 when any is rejected', async () => {
    const t = io('SELECT COUNT(*) FROM orders\n\nSELECT email FROM users\nSELECT 1 --1\n');
    expect(await main(['check-sql'], t.value)).toBe(1);
    expect(t.out).toHaveLength(3);
    expect(t.out[0]).toBe('allow');
    expect(t.out[1]).toMatch(/^reject: users\.email is personal data/);
    expect(t.out[2]).toMatch(/^reject: "--"/);
  });

  it('takes one statement as an argument; --json prints {verdict, reason}; exit 0 when all allowed', async () => {
    const t = io();
    expect(
      await main(
        ['check-sql', '--dialect', 'sqlite', '--json', "SELECT strftime('%Y', order_date) AS y FROM orders"],
        t.value,
      ),
    ).toBe(0);
    expect(JSON.parse(t.out[0]!)).toMatchObject({ verdict: 'allow', reason: null });
  });

  it('exits 2 with one line on bad flags', async () => {
    for (const argv of [
      ['check-sql', '--dialect', 'postgres', 'SELECT 1'],
      ['check-sql', '--nope'],
    ]) {
      const t = io();
      expect(await main(argv, t.value)).toBe(2);
      expect(t.err).toHaveLength(1);
    }
  });
});
