// A breakdown asked for one end of it leads with the segment at that end, from the tool's extreme finding; one that
// sets a segment aside ("after Amazon, which channel sells most") leads with the next one down, from the ranking.
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../protocol/index.ts';
import type { Intent } from '../intent.ts';
import type { Outcome } from '../outcome.ts';
import { extremeLead } from './extreme-lead.ts';

/** A breakdown of orders by device in Q2 2025; `extra` asks for one end, or sets a segment aside. */
const intent = (language: 'en' | 'zh', extra: Partial<Record<'extreme' | 'setAside' | 'dimension', string>> = {}) =>
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
    ...extra,
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
    expect(extremeLead(intent('en', { extreme: 'lowest' }), outcome)[0]).toMatch(
      /lowest orders by device in Q2 2025: tablet, 97/i,
    );
  });

  it("names the highest in Chinese, with the data's own name beside the reader's", () => {
    expect(extremeLead(intent('zh', { extreme: 'highest' }), outcome)[0]).toMatch(/订单量最高的设备是.*mobile.*812/);
  });

  it('says nothing when no end was asked for, or no finding holds it', () => {
    expect(extremeLead(intent('en'), outcome)).toEqual([]);
    expect(
      extremeLead(intent('en', { extreme: 'lowest' }), { ...outcome, input: { metric: 'orders', by: 'country' } }),
    ).toEqual([]);
  });
});

const ranking = {
  kind: 'ranking',
  metric: 'orders',
  direction: 'top',
  by: 'channel',
  items: [
    { name: 'amazon', value: 5200 },
    { name: 'own_website', value: 4100 },
    { name: 'other_marketplace', value: 900 },
  ],
  fellToZero: [],
  roseFromZero: [],
} as unknown as Finding;

const byChannel = (found: Finding[]): Outcome => ({
  ...outcome,
  input: { metric: 'orders', by: 'channel', period: '2025-Q2' },
  payload: { summary: 'Orders by channel.', columns: [], rows: [], findings: found },
});
const aside = (language: 'en' | 'zh', setAside: string) => intent(language, { dimension: 'channel', setAside });

describe('the segment after the one set aside leads the answer', () => {
  it('names the next one down in English, with its value', () => {
    expect(extremeLead(aside('en', 'amazon'), byChannel([ranking]))[0]).toMatch(
      /^Setting Amazon aside, the next one down by orders by channel in Q2 2025 is own website: 4,100\./,
    );
  });

  it('names it in Chinese with the data’s own name beside it', () => {
    expect(extremeLead(aside('zh', 'amazon'), byChannel([ranking]))[0]).toMatch(
      /^除亚马逊外.*独立站（own_website）：4,100。/,
    );
  });

  it('says nothing without a ranking finding, or when the value set aside is not in it', () => {
    expect(extremeLead(aside('en', 'amazon'), byChannel([]))).toEqual([]);
    expect(extremeLead(aside('en', 'Canada'), byChannel([ranking]))).toEqual([]);
  });
});
