import { describe, expect, it } from 'vitest';
import { planCustomerMix } from '../tools/customer-mix.ts';
import { planRfm } from '../tools/rfm-segments.ts';
import { answerStatements, deleteAnswersSql } from './answer-scopes.ts';
import { answerKey, answerLookup, answerRows } from './answers.ts';

const data = { minDate: '2024-01-01', maxDate: '2025-12-31' };

describe('precomputed answers', () => {
  const all = answerStatements('mysql', data, ['Canada', 'United States']);
  const keys = new Set(all.map(answerKey));

  it('hold the very statements the templates run for the presets, each split and single filters', () => {
    const mix = planCustomerMix({ period: 'last_quarter', by: 'country' }, 'mysql', data);
    expect(keys.has(answerKey(mix.current))).toBe(true);
    const vs = planCustomerMix(
      { by: 'user_level', period: 'last_month', compare_to: 'previous_period' },
      'mysql',
      data,
    );
    expect(keys.has(answerKey(vs.current)) && keys.has(answerKey(vs.compare!))).toBe(true);
    expect(keys.has(answerKey(planRfm({ country: 'US' }, 'mysql', data).query))).toBe(true);
    expect(keys.has(answerKey(planRfm({ device: 'mobile' }, 'mysql', data).query))).toBe(true);
    // Not precomputed: another period, a filter on customer_mix, two filters on rfm_segments.
    expect(keys.has(answerKey(planCustomerMix({ period: '2025-07' }, 'mysql', data).current))).toBe(false);
    expect(keys.has(answerKey(planCustomerMix({ channel: 'amazon' }, 'mysql', data).current))).toBe(false);
    const two = planRfm({ country: 'Canada', channel: 'amazon' }, 'mysql', data).query;
    expect(keys.has(answerKey(two))).toBe(false);
  });

  it('are dated by the period their rows describe, and skip a comparison with no data', () => {
    const month = all.find((s) => s.template === 'customer_mix' && s.from === '2025-11-01');
    expect(month).toMatchObject({ to: '2025-11-30' });
    const early = answerStatements('sqlite', { minDate: '2025-11-20', maxDate: '2025-12-31' }, []);
    expect(early.some((s) => s.from < '2025-11-20')).toBe(false);
    expect(early.some((s) => s.template === 'rfm_segments')).toBe(true);
  });

  it('differ by engine and parameters, and a refresh drops those over a changed day', () => {
    const a = { sql: 'SELECT 1', params: ['2025-01-01'] };
    expect(answerKey(a)).not.toBe(answerKey({ ...a, params: ['2025-01-02'] }));
    expect(answerLookup({ engine: 'mysql', database: 'w' }, a).sql).toContain('`w_rollup`.`template_answers`');
    expect(answerRows([{ rows_json: '[{"k":"all","net_sales":12.5}]' }])).toEqual([{ k: 'all', net_sales: 12.5 }]);
    expect(answerRows([])).toBeNull();
    const del = deleteAnswersSql('t', { from: '2025-12-31', to: '2026-01-01' });
    expect(del.params).toEqual(['2026-01-01', '2025-12-31']);
    expect(del.sql).toBe('DELETE FROM t WHERE period_from < ? AND period_to >= ?');
  });
});
