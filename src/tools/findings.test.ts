import { describe, expect, it } from 'vitest';
import { FindingSchema } from '../protocol/index.ts';
import { changeOf, extremeOf, partialBuckets, rankingOf, shareOf } from './findings.ts';

const weeks = [
  { period_start: '2025-06-30', net_sales: 4210.5 }, // the period starts on 2025-07-03: a partial week
  { period_start: '2025-07-07', net_sales: 18940.25 },
  { period_start: '2025-07-14', net_sales: 15302 },
  { period_start: '2025-07-21', net_sales: 21011.75 },
  { period_start: '2025-07-28', net_sales: 9120 }, // the data ends on 2025-07-31
];

describe('partialBuckets', () => {
  it('names the weeks the period cuts at either end', () => {
    expect(partialBuckets({ from: '2025-07-03', to: '2025-07-31' }, 'week')).toEqual(['2025-06-30', '2025-07-28']);
  });
  it('names a month the data ends inside, and no day', () => {
    expect(partialBuckets({ from: '2025-05-01', to: '2025-07-15' }, 'month')).toEqual(['2025-07-01']);
    expect(partialBuckets({ from: '2025-07-03', to: '2025-07-05' }, 'day')).toEqual([]);
  });
});

describe('extremeOf', () => {
  const partial = ['2025-06-30', '2025-07-28'];
  const [hi, lo] = extremeOf(weeks, 'period_start', 'net_sales', { metric: 'net_sales', over: 'week', partial });

  it('finds the highest and lowest full week, leaving partial weeks out and naming them', () => {
    expect(hi).toMatchObject({ which: 'highest', subject: { name: '2025-07-21', value: 21011.75 } });
    expect(lo).toMatchObject({ which: 'lowest', subject: { name: '2025-07-14', value: 15302 } });
    expect(lo).toMatchObject({ among: ['2025-07-07', '2025-07-14', '2025-07-21'] });
    expect(lo && 'excluded' in lo && lo.excluded.map((p) => p.name)).toEqual(partial);
    expect(FindingSchema.safeParse(lo).success).toBe(true);
  });

  it('gives nothing with fewer than two full rows', () => {
    expect(
      extremeOf(weeks.slice(0, 2), 'period_start', 'net_sales', { metric: 'net_sales', over: 'week', partial }),
    ).toEqual([]);
  });
});

describe('rankingOf', () => {
  const rows = [
    { product: 'SW-101 Coral Bikini', value: 0, previous: 1240 },
    { product: 'SW-214 Navy One-Piece', value: 5620, previous: 4100 },
    { product: 'AP-007 Linen Shirt', value: 880, previous: 0 },
    { product: 'HT-003 Straw Hat', value: null, previous: 10 },
  ];
  it('ranks by value, flags items that fell to zero or rose from zero, skips nulls', () => {
    const r = rankingOf(rows, 'product', 'value', { metric: 'units', by: 'product', previousKey: 'previous' });
    expect(r.items.map((x) => x.name)).toEqual(['SW-214 Navy One-Piece', 'AP-007 Linen Shirt', 'SW-101 Coral Bikini']);
    expect(r.fellToZero).toEqual(['SW-101 Coral Bikini']);
    expect(r.roseFromZero).toEqual(['AP-007 Linen Shirt']);
    expect(
      rankingOf(rows, 'product', 'value', { metric: 'units', by: 'product', direction: 'bottom' }).items[0]!.name,
    ).toBe('SW-101 Coral Bikini');
  });
});

describe('shareOf and changeOf', () => {
  it('shares of a total, none for a zero total', () => {
    const rows = [
      { channel: 'Amazon', value: 31200 },
      { channel: 'Website', value: 68800 },
    ];
    expect(shareOf(rows, 'channel', 'value', 100000, { metric: 'net_sales' })).toMatchObject([
      { subject: 'Amazon', share: 0.312 },
      { subject: 'Website', share: 0.688 },
    ]);
    expect(shareOf(rows, 'channel', 'value', 0, { metric: 'net_sales' })).toEqual([]);
  });
  it('a change with its direction; no relative change from zero', () => {
    expect(changeOf('Canada', 1000, 880, { metric: 'net_sales' })).toMatchObject({
      absolute: -120,
      relative: -0.12,
      direction: 'down',
    });
    expect(changeOf('UK', 0, 50, { metric: 'orders' })).toMatchObject({ relative: null, direction: 'up' });
    expect(changeOf('UK', null, 50, { metric: 'orders' })).toBeNull();
  });
});
