import { describe, expect, it } from 'vitest';
import type { RerunOptions } from '../protocol/rerun.ts';
import { chipTarget, chipsFor, editedWords, valueWords, withChoice } from './chips.ts';

const OPTIONS: RerunOptions = {
  months: ['2025-08', '2025-07', '2025-06'],
  tools: {
    explain_change: {
      keys: ['metric', 'period', 'compare_to', 'channel', 'country', 'category', 'device', 'premise'],
      values: {
        metric: ['net_sales', 'orders'],
        compare_to: ['previous_period', 'previous_year', 'none'],
        channel: ['own_website', 'amazon', 'other_marketplace'],
        device: ['desktop', 'mobile', 'tablet'],
        premise: ['drop', 'rise'],
      },
    },
    breakdown: { keys: ['metric', 'by', 'period'], values: { metric: ['net_sales'], by: ['channel', 'country'] } },
  },
  countries: ['Canada', 'United States'],
  categories: ['Swimwear'],
  channels: ['own_website', 'amazon', 'other_marketplace'],
};
const unset = (k: string) => `unset:${k}`;

describe('chipTarget', () => {
  it('takes the first steerable step that finished, never free SQL', () => {
    const steps = [
      { tool: 'run_sql', input: { sql: 'SELECT 1' }, status: 'done' },
      { tool: 'explain_change', input: { period: '2025-07' }, status: 'error' },
      { tool: 'breakdown', input: { by: 'channel' }, status: 'done' },
    ];
    expect(chipTarget(steps, OPTIONS)).toEqual({ tool: 'breakdown', input: { by: 'channel' } });
    expect(chipTarget(steps.slice(0, 2), OPTIONS)).toBeNull();
    expect(chipTarget(steps, null)).toBeNull();
  });
});

describe('chipsFor', () => {
  const chips = chipsFor(
    { tool: 'explain_change', input: { period: '2025-07', premise: 'drop', channel: 'amazon' } },
    OPTIONS,
    'en',
    unset,
  );
  it('shows the chip keys the tool takes, in reading order, and never its other inputs', () => {
    expect(chips.map((c) => c.key)).toEqual([
      'period',
      'compare_to',
      'metric',
      'channel',
      'country',
      'category',
      'device',
    ]);
  });
  it('labels values in words; periods come from the data months', () => {
    const period = chips.find((c) => c.key === 'period')!;
    expect(period.label).toBe('July 2025');
    expect(period.choices.map((c) => c.label)).toEqual(['July 2025', 'August 2025', 'June 2025']);
    expect(chips.find((c) => c.key === 'channel')!.label).toBe('Amazon');
  });
  it('offers "all" for filters and keeps the default only while it is current', () => {
    const channel = chips.find((c) => c.key === 'channel')!;
    expect(channel.choices[0]).toEqual({ value: '', label: 'unset:channel' });
    const metric = chips.find((c) => c.key === 'metric')!;
    expect(metric.value).toBe('');
    expect(metric.choices[0]!.label).toBe('unset:metric');
    expect(chips.find((c) => c.key === 'period')!.choices.some((c) => c.value === '')).toBe(false);
  });
  it('reads Chinese labels from the vocabulary', () => {
    const zh = chipsFor({ tool: 'breakdown', input: { by: 'channel', period: '2025-07' } }, OPTIONS, 'zh', unset);
    expect(zh.find((c) => c.key === 'period')!.label).toBe('2025年7月');
    expect(zh.find((c) => c.key === 'by')!.choices.map((c) => c.label)).toEqual(['渠道', '国家']);
  });
  it('names countries and categories in Chinese but sends them as the data stores them', () => {
    const input = { period: '2025-07', country: 'Canada' };
    const zh = chipsFor({ tool: 'explain_change', input }, OPTIONS, 'zh', unset);
    const country = zh.find((c) => c.key === 'country')!;
    expect(country.label).toBe('加拿大');
    expect(country.choices.map((c) => [c.value, c.label])).toEqual([
      ['', 'unset:country'],
      ['"Canada"', '加拿大'],
      ['"United States"', '美国'],
    ]);
    expect(zh.find((c) => c.key === 'category')!.choices.map((c) => c.label)).toEqual(['unset:category', '泳衣']);
    expect(chips.find((c) => c.key === 'country')!.choices.map((c) => c.label)).toContain('United States');
  });
});

describe('a tool that compares several metrics', () => {
  it('offers its metric chip as a list of one', () => {
    const o = {
      ...OPTIONS,
      tools: { compare_periods: { keys: ['metrics', 'period'], values: { metrics: ['net_sales', 'orders'] } } },
    };
    const metric = chipsFor({ tool: 'compare_periods', input: {} }, o, 'en', unset).find((c) => c.key === 'metric')!;
    expect(metric.inputKey).toBe('metrics');
    expect(metric.choices.map((c) => c.value)).toEqual(['', '["net_sales"]', '["orders"]']);
    expect(withChoice({}, 'metrics', '["orders"]')).toEqual({ metrics: ['orders'] });
  });
});

describe('withChoice', () => {
  it('sets or removes one key, leaving the rest', () => {
    const input = { period: '2025-07', channel: 'amazon' };
    expect(withChoice(input, 'period', '"2025-06"')).toEqual({ period: '2025-06', channel: 'amazon' });
    expect(withChoice(input, 'channel', '')).toEqual({ period: '2025-07' });
    expect(input).toEqual({ period: '2025-07', channel: 'amazon' });
  });
});

describe('words', () => {
  it('says what an edit changed', () => {
    const words = editedWords(
      {
        fromTurnId: 't',
        tool: 'explain_change',
        changes: [
          { key: 'period', from: '2025-07', to: '2025-06' },
          { key: 'channel', to: 'amazon' },
        ],
      },
      'en',
      (k) => k,
      unset,
    );
    expect(words).toEqual(['period: July 2025 → June 2025', 'channel: unset:channel → Amazon']);
  });
  it('reads ranges, lists and "none"', () => {
    expect(valueWords('period', { from: '2025-07-01', to: '2025-07-14' }, 'en')).toBe('2025-07-01 to 2025-07-14');
    expect(valueWords('channel', ['amazon', 'own_website'], 'zh')).toBe('亚马逊、独立站');
    expect(valueWords('compare_to', 'previous_year', 'en')).toBe('the same period last year');
    expect(valueWords('compare_to', 'none', 'zh')).toBe('不对比');
  });
});
