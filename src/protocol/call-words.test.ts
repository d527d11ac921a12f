import { describe, expect, it } from 'vitest';
import { callSubject, parseCallTitle, tableTitleWords, toolLabel } from './call-words.ts';
import { periodWords } from './periods.ts';

describe('a tool call in words', () => {
  it('says what a template was asked, in both languages', () => {
    const input = { metric: 'net_sales', by: 'channel', period: '2025-07', compare_to: '2025-06' };
    expect(`${toolLabel('breakdown', 'en')} — ${callSubject('breakdown', input)!.en}`).toBe(
      'Breakdown — net sales by channel, July 2025 vs June 2025',
    );
    expect(callSubject('breakdown', input)!.zh).toBe('按渠道的销售额，2025年7月对比2025年6月');
    const trend = { metrics: ['orders', 'aov'], period: 'last_90_days', channel: 'amazon' };
    expect(callSubject('sales_trend', trend)!.en).toBe('orders, average order value, the last 90 days (Amazon)');
  });

  it('titles explain_change by the change it explains', () => {
    const rise = { metric: 'return_rate', period: '2025-12', premise: 'rise' };
    expect(tableTitleWords('explain_change', rise, 'en')).toBe('Causes of the December 2025 rise in return rate');
    const quarters = { metric: 'orders', period: '2025-Q2', compare_to: '2025-Q1' };
    expect(tableTitleWords('explain_change', quarters, 'zh')).toBe('2025年第2季度对比2025年第1季度订单量变化的原因');
  });

  it('falls back to the tool name and reads old raw titles back', () => {
    expect(tableTitleWords('rfm_segments', {}, 'zh')).toBe('RFM分群');
    const raw = 'top_products (metric=net_sales, n=10, period={"from":"2025-07-01","to":"2025-07-31"})';
    expect(parseCallTitle(raw)).toEqual({
      tool: 'top_products',
      input: { metric: 'net_sales', n: 10, period: { from: '2025-07-01', to: '2025-07-31' } },
    });
    expect(periodWords('2025-07-01 to 2025-07-14').zh).toBe('2025-07-01 至 2025-07-14');
  });
});
