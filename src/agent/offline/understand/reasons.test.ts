import { describe, expect, it } from 'vitest';
import type { DataRange } from '../../../tools/types.ts';
import { plan } from '../plan/plan.ts';
import { understand } from './understand.ts';

const data: DataRange = { minDate: '2024-01-01', maxDate: '2025-12-31' };
const returnsTool = {
  name: 'returns_analysis',
  description: '',
  inputSchema: {
    type: 'object',
    properties: { by: { type: 'string' }, period: {}, reasons: { type: 'array', items: { type: 'string' } } },
  },
};

describe('returns for a reason are a share of all returns', () => {
  it.each([
    ['How many of last year’s returns came back because they did not fit?', ['size']],
    ['What percentage of Q3 2025 returns were damaged or broken?', ['damaged']],
    ['share of 2024 returns where the item was too big or too tight', ['size']],
    ['2025年第二季度有多少退货是因为质量问题？', ['quality']],
    ['去年退货里尺码不合身的占多少', ['size']],
  ])('%s', (q, reasons) => {
    const i = understand(q, data);
    expect(i).toMatchObject({ kind: 'returns', reasons });
    expect(plan(i, [returnsTool])[0]!.input).toMatchObject({ reasons });
  });

  it('splits returns and refunds by reason with the returns analysis, not a why', () => {
    expect(understand('returns by reason in March 2025', data).kind).toBe('returns');
    expect(understand('refunds broken down by reason last year', data).kind).toBe('returns');
  });

  it('leaves reason-free return questions alone', () => {
    expect(understand('return rate by category in 2025', data).reasons).toBeUndefined();
    expect(understand('why did the return rate rise in July 2025', data).kind).toBe('why');
  });
});
