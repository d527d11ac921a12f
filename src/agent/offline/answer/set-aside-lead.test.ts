// "after Amazon, which channel sells most": the segment ranked right after the one set aside leads, from the ranking.
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../protocol/index.ts';
import type { Intent } from '../intent.ts';
import type { Outcome } from '../outcome.ts';
import { extremeLead } from './extreme-lead.ts';

const intent = (language: 'en' | 'zh', setAside?: string) =>
  ({
    language,
    kind: 'breakdown',
    metric: 'orders',
    metrics: ['orders'],
    period: { start: '2024-01-01', end: '2024-12-31', grain: 'year' },
    compare_to: null,
    dimension: 'channel',
    filters: {},
    topN: null,
    order: 'top',
    rankBy: 'value',
    granularity: null,
    claim: null,
    periodDefaulted: false,
    ...(setAside ? { setAside } : {}),
  }) as unknown as Intent;

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

const outcome = (findings: Finding[]): Outcome => ({
  name: 'breakdown',
  input: { metric: 'orders', by: 'channel', period: '2024' },
  dropped: [],
  error: null,
  payload: { summary: 'Orders by channel.', columns: [], rows: [], findings },
});

describe('the segment after the one set aside leads the answer', () => {
  it('names the next one down in English, with its value', () => {
    const lead = extremeLead(intent('en', 'amazon'), outcome([ranking]))[0];
    expect(lead).toMatch(
      /^Setting Amazon aside, the next one down by orders by channel in 2024 is own website: 4,100\./,
    );
  });

  it('names it in Chinese with the data’s own name beside it', () => {
    expect(extremeLead(intent('zh', 'amazon'), outcome([ranking]))[0]).toMatch(
      /^除亚马逊外.*独立站（own_website）：4,100。/,
    );
  });

  it('says nothing without a ranking finding, or when the value set aside is not in it', () => {
    expect(extremeLead(intent('en', 'amazon'), outcome([]))).toEqual([]);
    expect(extremeLead(intent('en', 'Canada'), outcome([ranking]))).toEqual([]);
  });
});
