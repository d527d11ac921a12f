// Days with nothing sold, asked about: read as the daily series and answered from its lowest-day finding.
// Examples are my own wordings.
import { describe, expect, it } from 'vitest';
import type { DataRange } from '../../../tools/types.ts';
import type { Intent } from '../intent.ts';
import type { Outcome } from '../outcome.ts';
import { understand } from '../understand/understand.ts';
import { zeroDaysLead } from './zero-days.ts';

const data: DataRange = { minDate: '2024-01-01', maxDate: '2025-12-31' };

describe('a day with nothing sold is asked about days, not products', () => {
  it.each([
    'was there any day in April 2025 with no orders at all',
    'which days in March 2025 had zero sales',
    '2025年4月有哪天没有订单吗',
  ])('%s', (q) => {
    const i = understand(q, data);
    expect(i.kind).toBe('trend');
    expect(i.granularity).toBe('day');
    expect(i.zeroDays).toBe(true);
  });
  it('a product that fell to zero stays a product ranking', () => {
    expect(understand('which products fell to zero in May 2025', data).kind).toBe('top');
  });
});

const series = (values: number[]): Outcome => {
  const days = values.map((_, k) => `2025-04-0${k + 1}`);
  const low = values.indexOf(Math.min(...values));
  return {
    name: 'sales_trend',
    input: { grain: 'day', metrics: ['orders'], period: '2025-04-01..2025-04-03' },
    payload: {
      summary: '',
      columns: ['period_start', 'orders'],
      rows: days.map((d, k) => ({ period_start: d, orders: values[k] })),
      findings: [
        {
          kind: 'extreme',
          which: 'lowest',
          metric: 'orders',
          over: 'day',
          subject: { name: days[low]!, value: values[low]! },
          among: days,
          excluded: [],
        },
      ],
    },
    error: null,
    dropped: [],
  };
};

describe('the answer says which days had zero, from the lowest-day finding', () => {
  const ask = (q: string) => understand(q, data) as Intent;
  it('names every zero day when the lowest is zero', () => {
    const [line] = zeroDaysLead(ask('any day in April 2025 with zero orders'), series([4, 0, 0]));
    expect(line).toMatch(/^Yes: 2 days/);
    expect(line).toContain('2025-04-02, 2025-04-03');
  });
  it('says no day had zero, with the lowest day, when the lowest is above zero', () => {
    const [line] = zeroDaysLead(ask('2025年4月有没有哪天一单都没有'), series([5, 2, 7]));
    expect(line).toMatch(/^没有/);
    expect(line).toContain('2025-04-02');
  });
});
