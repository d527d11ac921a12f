// The ask path keeps the question: a month of an earlier year against "the month before" stays in that year, and
// a flat month asked about what moved underneath is a why question.
import { describe, expect, it } from 'vitest';
import { understand } from './understand.ts';

const data = { minDate: '2024-01-01', maxDate: '2025-12-31' };
const nov2024 = { start: '2024-11-01', end: '2024-11-30' };
const dec2024 = { start: '2024-12-01', end: '2024-12-31' };

/** The period asked about and the one it is compared with, as dates. */
function read(q: string) {
  const i = understand(q, data);
  const base =
    i.compare_to === 'previous_period'
      ? nov2024 // the month before December 2024 is what previous_period resolves to in the tools
      : i.compare_to && typeof i.compare_to !== 'string'
        ? { start: i.compare_to.start, end: i.compare_to.end }
        : i.compare_to;
  return { kind: i.kind, period: { start: i.period.start, end: i.period.end }, base };
}

describe('a named month of an earlier year against the month before', () => {
  it.each([
    '2024年12月的销售额比11月为什么下降',
    '2024年12月销售额为什么比前一个月低？',
    '2024年12月的订单相对上个月为什么减少了',
    '2024年12月销售额较上月下降的原因是什么？',
    '2024年12月的销售额和上一个月相比为什么下降',
    'Why did sales fall in December 2024 from the previous month?',
    'Why were December 2024 sales lower than the month before?',
    'What drove net sales down in Dec 2024 compared with November?',
  ])('%s → December 2024 vs November 2024', (q) => {
    const r = read(q);
    expect(r.kind).toBe('why');
    expect(r.period).toEqual(dec2024);
    expect(r.base).toEqual(nov2024);
  });

  it('reads 前一个月 in a comparison as the month before, not a top-1 ranking', () => {
    const i = understand('2024年11月和前一个月比怎么样', data);
    expect(i.kind).toBe('compare');
    expect(i.period.start).toBe('2024-11-01');
    expect(i.compare_to).toBe('previous_period');
  });

  it('keeps "last month" on its own as the calendar\'s last month, in both spellings', () => {
    expect(understand('上一个月的销售额是多少', data).period).toEqual(understand('上个月的销售额是多少', data).period);
  });
});

describe('what happened underneath a flat month', () => {
  it.each([
    'Sales were flat year on year in March 2025, what happened underneath?',
    'Sales in July 2025 look flat against last year. Anything moving below the surface?',
    'Net sales were flat in June 2025 vs last year — what changed in the mix?',
    'Flat year-on-year in April 2025: which segments offset each other?',
    'June 2025 sales were level with a year earlier; what shifted beneath?',
    '2025年3月销售额同比持平，底下发生了什么变化？',
    '2025年4月同比持平，哪些部分在抵消？',
    '2025年6月销售额同比基本持平，背后有哪些此消彼长？',
  ])('%s → why, against the same month last year', (q) => {
    const i = understand(q, data);
    expect(i.kind).toBe('why');
    expect(i.compare_to).toBe('previous_year');
  });

  it('a question whether a month was flat is still a comparison', () => {
    expect(understand('Was July 2025 flat against last year?', data).kind).toBe('compare');
    expect(understand('2025年7月销售额同比持平吗？', data).kind).toBe('compare');
  });
});

describe('a follow-up that steps back one unit from the period discussed', () => {
  const prev = (q: string) => understand(q, data);
  it.each([
    ['Why did orders fall in March 2025?', 'ok, and the month before?', '2025-02-01', '2025-02-28'],
    ['Why did orders fall in March 2025?', 'any stock-outs a month earlier?', '2025-02-01', '2025-02-28'],
    ['2024年第三季度销售额为什么下降？', '好的。再往前一个季度呢？', '2024-04-01', '2024-06-30'],
    ['2025年5月退货率是多少？', '那前一个月呢？', '2025-04-01', '2025-04-30'],
  ])('%s → %s', (first, next, start, end) => {
    expect(understand(next, data, prev(first)).period).toMatchObject({ start, end });
  });

  it('reads a follow-up after an acknowledgement as leaning on the period discussed', () => {
    const why = prev('2025年3月订单为什么减少了？');
    expect(understand('了解。当月退款一共多少钱？', data, why).period).toMatchObject({ start: '2025-03-01' });
    expect(understand('Got it, thanks. and the top return reason?', data, why).period).toMatchObject({
      start: '2025-03-01',
    });
  });
});

describe('after a why, a value of the unit before', () => {
  const why = () => understand('Why did orders fall in March 2025?', data);
  it('asks for the value, not another why', () => {
    expect(understand('thanks! what was the return rate the month before?', data, why())).toMatchObject({
      kind: 'compare',
      metric: 'return_rate',
      period: { start: '2025-02-01', end: '2025-02-28' },
    });
  });

  it('keeps asking why when the follow-up asks for the cause', () => {
    expect(understand('ok, what was the main reason for the month before?', data, why()).kind).toBe('why');
  });

  it('reads 前一周 as the week before, not a top-1 ranking', () => {
    const week = understand('2025年3月第二周的销售额为什么下降？', data);
    expect(understand('好的，那前一周呢？', data, week).kind).not.toBe('top');
  });
});
