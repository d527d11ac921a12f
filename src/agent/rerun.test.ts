import { describe, expect, it } from 'vitest';
import { intentFor, monthsOf, steerable } from './rerun.ts';

const DATA = { minDate: '2024-11-15', maxDate: '2025-02-10' };

describe('monthsOf', () => {
  it('lists every month the data touches, newest first, across a year end', () => {
    expect(monthsOf(DATA)).toEqual(['2025-02', '2025-01', '2024-12', '2024-11']);
  });
});

describe('steerable', () => {
  it('is the vetted templates and explain_change, never free SQL or the data dictionary', () => {
    expect(steerable('explain_change')).toBe(true);
    expect(steerable('breakdown')).toBe(true);
    expect(steerable('run_sql')).toBe(false);
    expect(steerable('describe_schema')).toBe(false);
  });
});

describe('intentFor', () => {
  it('reads the writer inputs from the new call, not the question', () => {
    const i = intentFor(
      {
        question: 'Why did net sales drop in January 2025?',
        language: 'en',
        tool: 'breakdown',
        input: { metric: 'orders', by: 'country', period: '2024-12', compare_to: 'previous_year', channel: ['amazon'] },
      },
      DATA,
    );
    expect(i).toMatchObject({
      kind: 'breakdown',
      metric: 'orders',
      dimension: 'country',
      period: { start: '2024-12-01', end: '2024-12-31', grain: 'month' },
      compare_to: 'previous_year',
      filters: { channel: 'amazon' },
      claim: null,
      periodDefaulted: false,
    });
  });
  it("keeps explain_change's premise, and answers in the turn's language", () => {
    const i = intentFor(
      {
        question: '为什么1月销售额下降？',
        language: 'zh',
        tool: 'explain_change',
        input: { period: '2025-01', premise: 'drop' },
      },
      DATA,
    );
    // No compare_to in the input: the question's reading gives explain_change's own default.
    expect(i).toMatchObject({ kind: 'why', language: 'zh', claim: 'down', compare_to: 'previous_period' });
  });
});
