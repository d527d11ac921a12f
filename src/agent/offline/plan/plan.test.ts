// The calls planned for the question classes that used to be answered by another metric or tool: each input
// validates against the real tool's schema, and names the metric, split and options the question asks for.
import { describe, expect, it } from 'vitest';
import { toolSpecs } from '../../../tools/dispatch.ts';
import { tools, toolsByName } from '../../../tools/registry.ts';
import type { DataRange } from '../../../tools/types.ts';
import { understand } from '../understand/understand.ts';
import { plan } from './plan.ts';

const data: DataRange = { minDate: '2024-01-01', maxDate: '2025-12-31' };
const specs = toolSpecs(tools);
const calls = (q: string) => {
  const out = plan(understand(q, data), specs);
  for (const c of out) expect(() => toolsByName.get(c.name)!.inputSchema.parse(c.input)).not.toThrow();
  return out;
};

describe('plans that answer the question asked', () => {
  it('a share is a breakdown by the segment, every row listed', () => {
    expect(calls('How big a slice of 2024 orders did Canada account for, percentage-wise?')).toEqual([
      expect.objectContaining({
        name: 'breakdown',
        input: expect.objectContaining({ by: 'country', metric: 'orders', period: '2024', limit: 50 }),
      }),
    ]);
  });

  it('an amount of discounts is the discounts metric, ranked by product with a tool that takes it', () => {
    expect(calls('What did we spend on discounts in Q1 2025?')[0]).toMatchObject({
      name: 'compare_periods',
      input: { metrics: expect.arrayContaining(['discounts']), period: '2025-Q1' },
    });
    expect(calls('which products had the largest discount amounts in 2025?')[0]).toMatchObject({
      name: 'breakdown',
      input: { metric: 'discounts', by: 'product' },
    });
  });

  it('returns for a reason pass the reason words; a range keeps its days', () => {
    expect(calls('What portion of H1 2025 returns were for sizing?')[0]).toMatchObject({
      name: 'returns_analysis',
      input: { reasons: ['size'], period: { from: '2025-01-01', to: '2025-06-30' } },
    });
    expect(calls('From 3 March to 18 May 2025, which month had the fewest orders?')[0]).toMatchObject({
      name: 'sales_trend',
      input: { grain: 'month', metrics: ['orders'], period: { from: '2025-03-03', to: '2025-05-18' } },
    });
  });
});

describe('a share asked against another period', () => {
  it('splits both periods, so each share comes from its own finding', () => {
    const out = calls("UK's share of 2025 orders compared with 2024?");
    expect(out.map((c) => [c.name, c.input.period])).toEqual([
      ['breakdown', '2025'],
      ['breakdown', { from: '2024-01-01', to: '2024-12-31' }],
    ]);
    expect(calls('2025年第二季度独立站的销售占比，和上个季度比呢？')[1]?.input.period).toEqual({
      from: '2025-01-01',
      to: '2025-03-31',
    });
  });

  it('a share with no comparison named is one split', () => {
    expect(calls('What share of 2025 orders came from the UK?')).toHaveLength(1);
  });

  it('stock-outs asked per month over several months are one stock_status call per calendar month', () => {
    const out = calls('how many SKUs ran out each month in H1 2024?');
    expect(out.map((c) => c.name)).toEqual(Array(6).fill('stock_status'));
    expect(out.map((c) => c.input.period)).toEqual(['2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06']);
  });
});
