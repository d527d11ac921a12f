// Periods far back, counted from the data's end ("five years ago", "十年前", "the nineties", "上个世纪") and comparison
// bases outside the data ("Q4 2023 vs Q4 2024"): said to be outside the data rather than answered with the default
// month; inside a longer data range, the same words are answered for the period they name. My own wordings.
import { describe, expect, it } from 'vitest';
import type { DataRange } from '../../../tools/types.ts';
import { understand } from './understand.ts';

const data: DataRange = { minDate: '2024-01-01', maxDate: '2025-12-31' };
const long: DataRange = { minDate: '2015-01-01', maxDate: '2025-12-31' };

describe('before the data', () => {
  it.each([
    'how were orders three years ago',
    'AOV 4 years ago?',
    'what did we sell a few years ago',
    'revenue in the 1990s',
    "what about back in the '80s",
    'sales during the nineties',
    '三年前的退货率',
    '很多年前我们卖得怎么样',
    '八十年代的订单量',
    '上世纪的销售额',
    'compare Q3 2023 with Q3 2024',
    'monthly orders from Oct 2023 to Mar 2024',
    '2023年到2025年每年的销售额',
    '2023年12月和2024年12月的销售额对比',
  ])('%s', (q) => {
    expect(understand(q, data)).toMatchObject({ kind: 'unsupported', unsupported: 'before_data' });
  });
});

describe('after the data', () => {
  it.each(['Jan 2026 vs Dec 2025 orders', '2026年3月和2025年3月相比', 'sales from Nov 2025 through Feb 2026'])(
    '%s',
    (q) => {
      expect(understand(q, data)).toMatchObject({ kind: 'unsupported', unsupported: 'future' });
    },
  );
});

describe('inside a longer range, the period named', () => {
  it.each([
    ['how were orders three years ago', '2022-01-01', '2022-12-31'],
    ['三年前的退货率', '2022-01-01', '2022-12-31'],
    ['net sales 18 months ago', '2024-07-01', '2024-07-31'],
  ])('%s', (q, start, end) => {
    const i = understand(q, long);
    expect(i.kind).not.toBe('unsupported');
    expect(i.period).toMatchObject({ start, end });
  });
});
