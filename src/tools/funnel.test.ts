import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/types.ts';
import { fixtureSqlite } from '../../test/parity/support.ts';
import { FunnelInput, funnel, planFunnel } from './funnel.ts';
import type { ToolContext } from './types.ts';

const data = { minDate: '2025-01-01', maxDate: '2025-03-20' };

describe('funnel builder', () => {
  it('reads behaviours one day past the period so late sessions keep their clicks', () => {
    const p = planFunnel(FunnelInput.parse({ period: '2025-02' }), 'sqlite', data);
    expect(p.current.params).toEqual(expect.arrayContaining(['2025-02-01', '2025-03-01', '2025-03-02']));
  });

  it('documents that marketplace orders have no sessions', () => {
    const p = planFunnel(FunnelInput.parse({ channel: 'amazon' }), 'sqlite', data);
    expect(p.caveats.join(' ')).toMatch(/only on the own website/);
    expect(p.current.sql).toContain('1 = 0');
  });
});

describe('funnel on the fixture', () => {
  let db: Db;
  let ctx: ToolContext;
  beforeAll(async () => ({ db, ctx } = await fixtureSqlite()));
  afterAll(async () => db.close());

  it('counts sessions at each step, never more than the step before for purchases vs sessions', async () => {
    const r = await funnel.run(FunnelInput.parse({ period: '2025-02' }), ctx);
    const [row] = r.rows;
    const [direct] = (
      await db.query(
        "SELECT COUNT(*) AS n FROM visit_logs WHERE visit_time >= '2025-02-01' AND visit_time < '2025-03-01'",
      )
    ).rows;
    expect(row!.sessions).toBe(Number(direct!.n));
    expect(row!.viewed as number).toBeLessThanOrEqual(row!.sessions as number);
    expect(row!.purchased as number).toBeLessThanOrEqual(row!.sessions as number);
    expect(r.summary).toMatch(/Sessions \d+ → viewed/);
  });

  it('states every step rate as a finding, for the whole site and each device, with the best and worst converter', async () => {
    const r = await funnel.run(FunnelInput.parse({ period: '2025-02', by: 'device' }), ctx);
    const sum = (k: string) => r.rows.reduce((a, x) => a + Number(x[k]), 0);
    const cart = r.findings!.find((f) => f.kind === 'rate' && f.metric === 'session_cart_rate' && f.subject === 'all');
    expect(cart).toMatchObject({ numerator: { value: sum('carted') }, denominator: { value: sum('sessions') } });
    for (const row of r.rows) {
      const f = r.findings!.find(
        (x) => x.kind === 'rate' && x.metric === 'checkout_rate' && x.subject === String(row.device),
      );
      if (Number(row.carted)) expect(f?.kind === 'rate' && f.rate).toBeCloseTo(Number(row.checkout_rate), 4);
    }
    const best = r.findings!.find(
      (f) => f.kind === 'extreme' && f.metric === 'session_conversion' && f.which === 'highest',
    );
    const top = Math.max(...r.rows.map((x) => Number(x.session_conversion)));
    expect(best?.kind === 'extreme' && best.subject.value).toBeCloseTo(top, 4);
  });

  it('states what each step lost: sessions without a cart, carts without an order, overall and per source', async () => {
    const r = await funnel.run(FunnelInput.parse({ period: '2025-03', by: 'source_type' }), ctx);
    const sum = (k: string) => r.rows.reduce((a, x) => a + Number(x[k]), 0);
    const lost = r.findings!.find((f) => f.kind === 'rate' && f.metric === 'checkout_drop_off' && f.subject === 'all');
    expect(lost).toMatchObject({
      numerator: { value: sum('carted') - sum('purchased') },
      denominator: { value: sum('carted') },
    });
    const kept = r.findings!.find((f) => f.kind === 'rate' && f.metric === 'checkout_rate' && f.subject === 'all');
    if (lost?.kind === 'rate' && kept?.kind === 'rate') expect(lost.rate + kept.rate).toBeCloseTo(1, 9);
    const first = String(r.rows[0]![r.rows[0]!.source_type === undefined ? 'source' : 'source_type']);
    expect(r.findings!.some((f) => f.kind === 'rate' && f.metric === 'cart_drop_off' && f.subject === first)).toBe(
      true,
    );
  });

  it('splits by device and sums back to the total', async () => {
    const all = await funnel.run(FunnelInput.parse({ period: '2025-02' }), ctx);
    const by = await funnel.run(
      FunnelInput.parse({ period: '2025-02', by: 'device', compare_to: 'previous_period' }),
      ctx,
    );
    expect(by.rows.reduce((a, x) => a + (x.sessions as number), 0)).toBe(all.rows[0]!.sessions);
    expect(by.columns).toContain('session_conversion_previous');
  });
});
