// "Which channel grew the most from 2024 to 2025?": the answer leads with the segment whose change is largest, read
// from the tool's change findings, not with the largest value; when none moved the asked way it says so.
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../protocol/index.ts';
import type { Intent } from '../intent.ts';
import type { Outcome } from '../outcome.ts';
import { extremeLead } from './extreme-lead.ts';

const intent = (language: 'en' | 'zh', extra: Record<string, unknown> = {}) =>
  ({
    language,
    kind: 'breakdown',
    metric: 'net_sales',
    metrics: ['net_sales'],
    period: { start: '2025-01-01', end: '2025-12-31', grain: 'year' },
    compare_to: { start: '2024-01-01', end: '2024-12-31', grain: 'year' },
    dimension: 'channel',
    filters: {},
    topN: null,
    order: 'top',
    rankBy: 'change',
    extreme: 'highest',
    granularity: null,
    claim: null,
    periodDefaulted: false,
    ...extra,
  }) as unknown as Intent;

const change = (subject: string, from: number, to: number) => ({
  kind: 'change',
  metric: 'net_sales',
  subject,
  from,
  to,
  absolute: to - from,
  relative: (to - from) / from,
  direction: to > from ? 'up' : to < from ? 'down' : 'flat',
});

const outcome = (findings: unknown[]): Outcome => ({
  name: 'breakdown',
  input: { metric: 'net_sales', by: 'channel', period: '2025', compare_to: '2024' },
  dropped: [],
  error: null,
  payload: { summary: 'Net sales by channel.', columns: [], rows: [], findings: findings as Finding[] },
});

const mixed = outcome([
  {
    kind: 'extreme',
    metric: 'net_sales',
    which: 'highest',
    over: 'channel',
    subject: { name: 'own_website', value: 250 },
  },
  change('total', 400, 420),
  change('own_website', 240, 250),
  change('amazon', 100, 130),
  change('other_marketplace', 60, 40),
]);

describe('a ranking by change leads with the largest change', () => {
  it('names the biggest gain, not the biggest value', () => {
    const [lead] = extremeLead(intent('en'), mixed);
    expect(lead).toMatch(/grew the most/);
    expect(lead).toMatch(/Amazon/);
    expect(lead).toMatch(/\+\$30\.00/);
    expect(lead).not.toMatch(/highest/);
  });

  it('names the biggest drop when a fall is asked, in Chinese too', () => {
    expect(extremeLead(intent('en', { claim: 'down' }), mixed)[0]).toMatch(/fell the most.*-\$20\.00/);
    expect(extremeLead(intent('zh', { claim: 'down' }), mixed)[0]).toMatch(/下降最多的渠道是.*-\$20\.00/);
    expect(extremeLead(intent('zh'), mixed)[0]).toMatch(/增长最多的渠道是.*\+\$30\.00/);
  });

  it('says none fell when every segment grew', () => {
    const allUp = outcome([change('own_website', 240, 250), change('amazon', 100, 130)]);
    expect(extremeLead(intent('en', { claim: 'down' }), allUp)[0]).toMatch(
      /^No channel's net sales fell.*smallest rise/,
    );
    expect(extremeLead(intent('zh', { claim: 'down' }), allUp)[0]).toMatch(/没有渠道下降/);
  });

  it('has no sentence without change findings', () => {
    expect(extremeLead(intent('en'), outcome([]))).toEqual([]);
  });
});
