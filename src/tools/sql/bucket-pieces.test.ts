import { describe, expect, it } from 'vitest';
import { bucketStartOf, addDaysTo } from '../../calendar/index.ts';
import { nestedPieces } from './bucket-pieces.ts';
import type { Grain } from './dialect.ts';

describe('nestedPieces', () => {
  it('reads whole months for a series by month or quarter, odd days on either side', () => {
    const want = [
      { level: 'day', from: '2025-03-20', to: '2025-04-01' },
      { level: 'month', from: '2025-04-01', to: '2025-06-01' },
      { level: 'day', from: '2025-06-01', to: '2025-06-10' },
    ];
    expect(nestedPieces('2025-03-20', '2025-06-10', 'month')).toEqual(want);
    expect(nestedPieces('2025-03-20', '2025-06-10', 'quarter')).toEqual(want);
  });

  it('reads whole Monday weeks for a series by week, never a month', () => {
    expect(nestedPieces('2025-01-01', '2025-03-01', 'week')).toEqual([
      { level: 'day', from: '2025-01-01', to: '2025-01-06' },
      { level: 'week', from: '2025-01-06', to: '2025-02-24' },
      { level: 'day', from: '2025-02-24', to: '2025-03-01' },
    ]);
  });

  it('reads days only for a series by day, and when no whole bucket fits', () => {
    expect(nestedPieces('2025-01-01', '2025-03-01', 'day')).toEqual([
      { level: 'day', from: '2025-01-01', to: '2025-03-01' },
    ]);
    expect(nestedPieces('2025-03-20', '2025-04-15', 'quarter')).toEqual([
      { level: 'day', from: '2025-03-20', to: '2025-04-15' },
    ]);
  });

  it('cuts a total as the coarse readers do: months, then weeks, then days', () => {
    expect(nestedPieces('2025-01-20', '2025-04-01', null).map((p) => p.level)).toEqual(['week', 'day', 'month']);
  });

  it('covers every day once, each piece inside one bucket of the grain', () => {
    const grains: Grain[] = ['day', 'week', 'month', 'quarter'];
    for (const grain of grains) {
      for (const [from, to] of [
        ['2024-12-18', '2025-04-09'],
        ['2025-02-03', '2025-02-10'],
        ['2025-01-01', '2026-01-01'],
      ] as const) {
        const pieces = nestedPieces(from, to, grain);
        expect(pieces[0]!.from).toBe(from);
        expect(pieces.at(-1)!.to).toBe(to);
        pieces.forEach((p, i) => {
          if (i) expect(p.from).toBe(pieces[i - 1]!.to);
          // A week or month piece is read by its buckets' first days: each must fall in its own grain bucket.
          if (p.level !== 'day')
            for (let d = p.from; d < p.to; d = addDaysTo(d, 1))
              expect(bucketStartOf(d, grain), `${grain} ${d}`).toBe(bucketStartOf(bucketStartOf(d, p.level), grain));
        });
      }
    }
  });
});
