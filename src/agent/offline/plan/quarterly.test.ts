// A rate, an average or a category's figure asked per quarter is a quarterly trend: sales_trend by quarter over the
// period named (or the twelve months to the latest full month), never the period's one total against another.
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

describe('a metric per quarter', () => {
  it.each([
    ['Quarter-by-quarter return rate for 2024', 'return_rate', '2024'],
    ['how did conversion do quarter by quarter in 2025', 'conversion_rate', '2025'],
    ['average basket size per quarter of 2024', 'aov', '2024'],
    ['discount rate by quarter, 2025', 'discount_rate', '2025'],
    ['2024年每季度的退货率', 'return_rate', '2024'],
    ['2025年按季度看平均订单金额', 'aov', '2025'],
    ['2024年各个季度的毛利率', 'gross_margin', '2024'],
  ])('%s → sales_trend by quarter', (q, metric, period) => {
    expect(calls(q)).toEqual([
      expect.objectContaining({
        name: 'sales_trend',
        input: expect.objectContaining({ grain: 'quarter', metrics: [metric], period }),
      }),
    ]);
  });

  it('a category per quarter is a quarterly trend of that category', () => {
    expect(calls('Bikinis net sales for every quarter of 2025')[0]).toMatchObject({
      name: 'sales_trend',
      input: { grain: 'quarter', category: 'Bikinis', period: '2025' },
    });
  });

  it('with no period named, the twelve months to the latest full month, by quarter', () => {
    const i = understand('conversion rate by quarter?', data);
    expect(i).toMatchObject({ kind: 'trend', granularity: 'quarter', periodDefaulted: true });
    expect(calls('conversion rate by quarter?')[0]!.input).toMatchObject({
      grain: 'quarter',
      period: { from: '2025-01-01', to: '2025-12-31' },
    });
  });

  it.each([
    ['In 2024, what was our strongest quarter for units?', 'units', '2024'],
    ['which quarter of 2025 converted worst?', 'conversion_rate', '2025'],
    ['2024年哪个季度的退货率最低？', 'return_rate', '2024'],
  ])('"%s" asks for one quarter of a quarterly series', (q, metric, period) => {
    expect(calls(q)[0]).toMatchObject({ name: 'sales_trend', input: { grain: 'quarter', metrics: [metric], period } });
  });

  it('leaves sales or orders per quarter to their own query; without run_sql, to the quarterly trend', () => {
    expect(understand('orders each quarter of 2025', data).kind).toBe('free_sql');
    expect(calls('orders each quarter of 2025')[0]!.name).toBe('run_sql');
    const viewer = specs.filter((t) => t.name !== 'run_sql');
    for (const [q, metric] of [
      ['Quarterly revenue for 2024?', 'net_sales'],
      ['2025年每个季度的订单数', 'orders'],
    ] as const) {
      expect(plan(understand(q, data), viewer)).toEqual([
        expect.objectContaining({
          name: 'sales_trend',
          input: expect.objectContaining({ grain: 'quarter', metrics: [metric] }),
        }),
      ]);
    }
  });
});
