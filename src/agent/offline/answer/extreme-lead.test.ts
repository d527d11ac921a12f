// A breakdown asked for one end of it leads with the segment at that end, from the tool's extreme finding.
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../protocol/index.ts';
import type { Intent } from '../intent.ts';
import type { Outcome } from '../outcome.ts';
import { extremeLead } from './extreme-lead.ts';

const intent = (language: 'en' | 'zh', extreme?: 'highest' | 'lowest') =>
  ({
    language,
    kind: 'breakdown',
    metric: 'orders',
    metrics: ['orders'],
    period: { start: '2025-04-01', end: '2025-06-30', grain: 'quarter' },
    compare_to: null,
    dimension: 'device',
    filters: {},
    topN: null,
    order: 'top',
    rankBy: 'value',
    granularity: null,
    claim: null,
    periodDefaulted: false,
    ...(extreme ? { extreme } : {}),
  }) as unknown as Intent;

const point = (name: string, value: number) => ({ name, value });
const findings: Finding[] = [
  {
    kind: 'extreme',
    metric: 'orders',
    which: 'highest',
    over: 'device',
    subject: point('mobile', 812),
    among: ['mobile', 'desktop', 'tablet'],
    excluded: [],
  },
  {
    kind: 'extreme',
    metric: 'orders',
    which: 'lowest',
    over: 'device',
    subject: point('tablet', 97),
    among: ['mobile', 'desktop', 'tablet'],
    excluded: [],
  },
] as unknown as Finding[];

const outcome: Outcome = {
  name: 'breakdown',
  input: { metric: 'orders', by: 'device', period: '2025-Q2' },
  dropped: [],
  error: null,
  payload: { summary: 'Orders by device (2025-04-01 to 2025-06-30).', columns: [], rows: [], findings },
};

describe('the segment at the end asked for leads the answer', () => {
  it('names the lowest in English with its value', () => {
    expect(extremeLead(intent('en', 'lowest'), outcome)[0]).toMatch(/lowest orders by device in Q2 2025: tablet, 97/i);
  });

  it("names the highest in Chinese, with the data's own name beside the reader's", () => {
    expect(extremeLead(intent('zh', 'highest'), outcome)[0]).toMatch(/订单量最高的设备是.*mobile.*812/);
  });

  it('says nothing when no end was asked for, or no finding holds it', () => {
    expect(extremeLead(intent('en'), outcome)).toEqual([]);
    expect(extremeLead(intent('en', 'lowest'), { ...outcome, input: { metric: 'orders', by: 'country' } })).toEqual([]);
  });
});
