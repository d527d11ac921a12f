// A channel going quiet: the detector and the effect measured on the channel's other days.
import { describe, expect, it } from 'vitest';
import type { Row } from '../../../db/types.ts';
import { detectQuietChannels, outageEffect } from './channels.ts';

const w = { a: { from: '2025-04-01', to: '2025-04-30' }, b: { from: '2025-05-01', to: '2025-05-31' } };
const days = (from: number, to: number, month = '05') =>
  Array.from({ length: to - from + 1 }, (_, i) => `2025-${month}-${String(from + i).padStart(2, '0')}`);

// Own site sells 40 orders a day ($50 each) throughout; the other marketplaces 10 a day ($30) but none from May 8 to
// 23;
// on the quiet days the own site happens to sell 45 a day (a busy fortnight).
const rows = [
  ...days(1, 30, '04').flatMap((day) => [
    { day, channel: 'own_website', country: 'US', orders: 40, net: 2000 },
    { day, channel: 'other_marketplace', country: 'US', orders: 10, net: 300 },
  ]),
  ...days(1, 31).flatMap((day) => {
    const quiet = day >= '2025-05-08' && day <= '2025-05-23';
    return [
      { day, channel: 'own_website', country: 'US', orders: quiet ? 45 : 40, net: quiet ? 2250 : 2000 },
      ...(quiet ? [] : [{ day, channel: 'other_marketplace', country: 'US', orders: 10, net: 300 }]),
    ];
  }),
];

describe('detectQuietChannels', () => {
  it('finds the run of days a channel took no orders', () => {
    const [e] = detectQuietChannels(rows, w, 1);
    expect(e).toMatchObject({
      kind: 'channel_outage',
      segment: { channel: ['other_marketplace'] },
      start: '2025-05-08',
      end: '2025-05-23',
    });
  });
});

describe('a thin marketplace country', () => {
  // April: the own site 40 orders a day, amazon in Australia one order every third day (10 in the month); in May
  // the own site keeps its 40 a day.
  const thin = (quietFrom: string, quietTo: string): Row[] =>
    [...days(1, 30, '04'), ...days(1, 31)].flatMap((day, i) => [
      { day, channel: 'own_website', country: 'US', orders: 40, net: 2000 },
      ...(i % 3 === 0 && (day < quietFrom || day > quietTo)
        ? [{ day, channel: 'amazon', country: 'Australia', orders: 1, net: 60 }]
        : []),
    ]);

  it('is quiet when it takes nothing for the whole month (about 10 orders expected)', () => {
    const [e] = detectQuietChannels(thin('2025-05-01', '2025-05-31'), w, 1);
    expect(e).toMatchObject({ kind: 'channel_outage', start: '2025-05-01', end: '2025-05-31' });
    expect(e!.segment.channel).toEqual(['amazon']);
  });

  it('is not quiet for ten days without an order: a third of an order a day leaves such runs to chance', () => {
    expect(detectQuietChannels(thin('2025-05-08', '2025-05-17'), w, 1)).toEqual([]);
  });
});

describe('outageEffect', () => {
  const quiet = detectQuietChannels(rows, w, 1);

  it("holds the quiet days to the channel's share of the channels that stayed up on its other days", () => {
    // Other days: 150 orders against 600 own-site (1:4); quiet days' own site 720 → 180 expected, 0 taken.
    expect(outageEffect(rows, w, quiet[0]!, quiet, 'orders')).toBeCloseTo(-180, 6);
    expect(outageEffect(rows, w, quiet[0]!, quiet, 'net')).toBeCloseTo(-(4500 / 30000) * 36_000, 6);
  });

  it('declines when the channel sold too little on its other days to set a rate', () => {
    const thin = rows.filter(
      (r) => !(r.channel === 'other_marketplace' && r.day >= '2025-05-03' && r.day <= '2025-05-31'),
    );
    const e = { ...quiet[0]!, start: '2025-05-03', end: '2025-05-31' };
    expect(outageEffect(thin, w, e, [e], 'orders')).toBeNull();
  });
});
