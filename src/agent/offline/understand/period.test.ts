import { describe, expect, it } from 'vitest';
import type { DataRange } from '../../../tools/types.ts';
import type { Period } from '../intent.ts';
import { stepBack } from './period.ts';
import { understand, understandAll } from './understand.ts';

const data: DataRange = { minDate: '2024-01-01', maxDate: '2025-12-31' };
const span = (q: string) => {
  const p = understand(q, data).period;
  return [p.start, p.end];
};

describe('ranges between two days, partial months included', () => {
  it.each([
    ['Which week had the most orders between 5 January and 20 February 2025?', '2025-01-05', '2025-02-20'],
    ['from Aug 12th to Oct 3rd, 2024, what was the weakest month for units?', '2024-08-12', '2024-10-03'],
    ['net sales from 15 Nov 2024 to 10 Jan 2025 by month', '2024-11-15', '2025-01-10'],
    ['2024年8月12日到10月3日，哪个月订单最少？', '2024-08-12', '2024-10-03'],
    ['2024年11月15日至2025年1月10日的每月销售额', '2024-11-15', '2025-01-10'],
    ['6月3号到6月9号的订单', '2025-06-03', '2025-06-09'],
  ])('%s', (q, start, end) => expect(span(q)).toEqual([start, end]));

  it('reads a single day, and a "which month" over a range as a monthly trend of exactly that range', () => {
    expect(span('orders on 4 July 2025')).toEqual(['2025-07-04', '2025-07-04']);
    expect(understand('Between 2 April and 30 June 2025, which month sold the least?', data)).toMatchObject({
      kind: 'trend',
      granularity: 'month',
      period: { start: '2025-04-02', end: '2025-06-30' },
    });
  });

  it('keeps months that are not days as they were', () => {
    expect(span('sales in May 2025')).toEqual(['2025-05-01', '2025-05-31']);
    expect(understand('sales in June and July', data).compare_to).toMatchObject({ start: '2025-06-01' });
  });
});

describe('a follow-up steps back from the period discussed by the unit it names', () => {
  const last = (...qs: string[]) => {
    const p = understandAll(qs, data).at(-1)!;
    return [p.period.start, p.period.end];
  };
  // Each first question is a period of another size than the step, so a step by the first period's own unit shows.
  it.each([
    ['Orders in August 2025', 'and the week before?', '2025-07-21', '2025-07-27'],
    ['Orders in August 2025', 'the day before?', '2025-07-31', '2025-07-31'],
    ['Orders in August 2025', 'what about the previous quarter?', '2025-04-01', '2025-06-30'],
    ['Orders in Q3 2025', 'and the month before?', '2025-06-01', '2025-06-30'],
    ['Orders in Q3 2025', 'the year before?', '2024-01-01', '2024-12-31'],
    ['Revenue on 2025-03-12', 'the week before?', '2025-03-03', '2025-03-09'],
    ['Revenue in the week of 2025-03-10 to 2025-03-16', 'the month before?', '2025-02-01', '2025-02-28'],
    ['Revenue in the week of 2025-03-10 to 2025-03-16', 'and the period before?', '2025-03-03', '2025-03-09'],
    ['2025年8月的订单量', '前一周呢？', '2025-07-21', '2025-07-27'],
    ['2025年8月的订单量', '那前一天呢？', '2025-07-31', '2025-07-31'],
    ['2025年8月的订单量', '上个季度呢？', '2025-04-01', '2025-06-30'],
    ['2025年第三季度的订单量', '前一个月呢？', '2025-06-01', '2025-06-30'],
    ['2025年第三季度的订单量', '上周呢？', '2025-06-23', '2025-06-29'],
  ])('%s → %s', (first, next, start, end) => expect(last(first, next)).toEqual([start, end]));

  it('words that name a period of their own keep it in a first or a full question', () => {
    expect(last('上个季度呢？')).toEqual(['2025-10-01', '2025-12-31']);
    expect(last('Orders in August 2025', '上个季度的退货率是多少？')).toEqual(['2025-10-01', '2025-12-31']);
    expect(last('Orders in August 2025', 'What was the return rate in the previous quarter?')).toEqual([
      '2025-10-01',
      '2025-12-31',
    ]);
    // The base of a comparison is no step: the period asked about stays.
    expect(understandAll(['Orders in August 2025', '和上个季度比呢？'], data).at(-1)!.period.start).toBe('2025-08-01');
  });

  it('"same time last year" asks for the same span a year back; after a comparison it becomes its base', () => {
    const trend = understandAll(['weekly units in Q2 2025', 'same time last year?'], data).at(-1)!;
    expect(trend).toMatchObject({
      kind: 'trend',
      granularity: 'week',
      period: { start: '2024-04-01', end: '2024-06-30' },
    });
    const zh = understandAll(['2025年5月每天的订单', '那去年同期呢？'], data).at(-1)!;
    expect(zh).toMatchObject({ kind: 'trend', period: { start: '2024-05-01', end: '2024-05-31' } });
    const split = understandAll(['units by country in May 2025', 'and the same period last year?'], data).at(-1)!;
    expect(split).toMatchObject({ kind: 'breakdown', compare_to: 'previous_year', period: { start: '2025-05-01' } });
  });

  it('steps by calendar units', () => {
    const p = (start: string, end: string, grain: Period['grain']): Period => ({ start, end, grain });
    expect(stepBack(p('2025-01-01', '2025-03-31', 'quarter'), 'quarter')).toEqual(
      p('2024-10-01', '2024-12-31', 'quarter'),
    );
    expect(stepBack(p('2025-03-01', '2025-03-31', 'month'), 'period')).toEqual(p('2025-02-01', '2025-02-28', 'month'));
    expect(stepBack(p('2025-03-05', '2025-03-18', 'range'), 'period')).toEqual(p('2025-02-19', '2025-03-04', 'range'));
    expect(stepBack(p('2024-03-01', '2024-03-31', 'month'), 'week')).toEqual(p('2024-02-19', '2024-02-25', 'week'));
  });
});

describe('a month with two digits after it, in a question with no year, is that month of the year', () => {
  it.each([
    ['revenue oct 25 vs sep 25?', ['2025-10-01', '2025-10-31'], ['2025-09-01', '2025-09-30']],
    ['Feb 24 units compared with Jan 24', ['2024-02-01', '2024-02-29'], ['2024-01-01', '2024-01-31']],
  ])('%s', (q, period, base) => {
    const i = understand(q, data);
    expect([i.period.start, i.period.end]).toEqual(period);
    expect(i.compare_to).toMatchObject({ start: base[0], end: base[1] });
  });

  it('stays a day after "on", with an ordinal, beside a written year, or when the data has no such year', () => {
    expect(span('orders on dec 25')).toEqual(['2025-12-25', '2025-12-25']);
    expect(span('orders dec 24th')).toEqual(['2025-12-24', '2025-12-24']);
    expect(span('orders dec 24, 2024')).toEqual(['2024-12-24', '2024-12-24']);
    expect(span('orders march 12')).toEqual(['2025-03-12', '2025-03-12']);
  });
});

describe('"from A to nothing in B" sets two periods against each other; "from A to B" is a range', () => {
  it('a change between two months is the later month against the earlier', () => {
    const i = understand('which styles went from selling in Feb 2025 to zero in March 2025?', data);
    expect([i.period.start, i.period.end]).toEqual(['2025-03-01', '2025-03-31']);
    expect(i.compare_to).toMatchObject({ start: '2025-02-01', end: '2025-02-28' });
  });

  it.each([
    ['orders from April 2025 through the end of June 2025', '2025-04-01', '2025-06-30'],
    ['从2024年9月到2024年11月的订单量', '2024-09-01', '2024-11-30'],
  ])('%s', (q, start, end) => expect(span(q)).toEqual([start, end]));
});

describe('an aside or a comma between the ends of a range keeps it a range', () => {
  it.each([['from early March 2025 (the 3rd), to 20 May 2025: orders by month', '2025-03-01', '2025-05-20']])(
    '%s',
    (q, start, end) => expect(span(q)).toEqual([start, end]),
  );
});

describe('days of one month written once are a range', () => {
  it.each([
    ['units sold dec 1-7 2025', '2025-12-01', '2025-12-07'],
    ['orders 3rd to 9th of march 2025', '2025-03-03', '2025-03-09'],
    ['2025年6月3日至9日的订单', '2025-06-03', '2025-06-09'],
  ])('%s', (q, start, end) => expect(span(q)).toEqual([start, end]));
});
