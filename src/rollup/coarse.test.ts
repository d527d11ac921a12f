import { describe, expect, it } from 'vitest';
import { addDaysTo } from '../calendar/index.ts';
import { coarseRanges, spanPieces, type SpanPiece } from './coarse.ts';

/** Every day a piece list covers, in order; a day twice shows up twice. */
function days(pieces: SpanPiece[]): string[] {
  const out: string[] = [];
  for (const p of pieces) for (let d = p.from; d < p.to; d = addDaysTo(d, 1)) out.push(d);
  return out;
}

const isMonday = (d: string) => new Date(`${d}T00:00:00Z`).getUTCDay() === 1;

describe('spanPieces', () => {
  it('reads a calendar month as one month piece', () => {
    expect(spanPieces('2025-07-01', '2025-08-01')).toEqual([{ level: 'month', from: '2025-07-01', to: '2025-08-01' }]);
  });

  it('cuts any span into months, Monday weeks and odd days that cover each day once', () => {
    for (let start = 0; start < 40; start += 3)
      for (const length of [1, 5, 9, 20, 31, 45, 122, 400]) {
        const from = addDaysTo('2024-12-20', start);
        const to = addDaysTo(from, length);
        const pieces = spanPieces(from, to);
        const want: string[] = [];
        for (let d = from; d < to; d = addDaysTo(d, 1)) want.push(d);
        expect(days(pieces), `${from}..${to}`).toEqual(want);
        for (const p of pieces) {
          if (p.level === 'month') expect([p.from.slice(8), p.to.slice(8)]).toEqual(['01', '01']);
          if (p.level === 'week') expect([isMonday(p.from), isMonday(p.to)]).toEqual([true, true]);
        }
        // Never a run of 7 odd days: a whole week inside them would have been read as a week.
        for (const p of pieces.filter((x) => x.level === 'day')) expect(days([p]).length).toBeLessThan(13);
      }
  });

  it('reads the four months before a period from month pieces and a few weeks', () => {
    const levels = spanPieces('2025-05-03', '2025-09-01').map((p) => p.level);
    expect(levels).toEqual(['day', 'week', 'day', 'month']);
  });
});

describe('coarseRanges', () => {
  it('widens changed days to the weeks or months holding them, merged', () => {
    const ranges = [
      { from: '2025-03-05', to: '2025-03-06' },
      { from: '2025-03-20', to: '2025-03-22' },
      { from: '2025-05-31', to: '2025-06-01' },
    ];
    expect(coarseRanges(ranges, 'month', '9999-12-31')).toEqual([
      { from: '2025-03-01', to: '2025-04-01' },
      { from: '2025-05-01', to: '2025-06-01' },
    ]);
    expect(coarseRanges(ranges, 'week', '9999-12-31')).toEqual([
      { from: '2025-03-03', to: '2025-03-10' },
      { from: '2025-03-17', to: '2025-03-24' },
      { from: '2025-05-26', to: '2025-06-02' },
    ]);
  });

  it('keeps an open end open', () => {
    expect(coarseRanges([{ from: '2025-03-05', to: '9999-12-31' }], 'week', '9999-12-31')).toEqual([
      { from: '2025-03-03', to: '9999-12-31' },
    ]);
  });
});
