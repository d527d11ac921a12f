import { describe, expect, it } from 'vitest';
import type { Row } from '../../../db/types.ts';
import { detectQuietChannels } from './channels.ts';
import { detectMarketplaceShifts } from './shifts.ts';

const w = { a: { from: '2025-08-01', to: '2025-08-31' }, b: { from: '2025-09-01', to: '2025-09-30' } };

/** Daily orders: amazon (US, Canada) and other_marketplace (US), each a function of the day. */
function rows(per: Record<string, (day: string) => number>): Row[] {
  const out: Row[] = [];
  for (const span of [w.a, w.b]) {
    for (let d = 1; d <= Number(span.to.slice(8)); d++) {
      const day = `${span.from.slice(0, 8)}${String(d).padStart(2, '0')}`;
      for (const [key, f] of Object.entries(per)) {
        const [channel, country] = key.split('|');
        out.push({ day, channel, country, orders: f(day), net: f(day) * 30 });
      }
    }
  }
  return out;
}

describe('detectMarketplaceShifts', () => {
  const steady = () => 20;
  it('finds a marketplace surging against its falling peer, with the days it ran', () => {
    const r = rows({
      'amazon|United States': (d) => (d >= w.b.from ? 16 : 20),
      'amazon|Canada': (d) => (d >= w.b.from ? 4 : 5),
      'other_marketplace|United States': (d) => (d >= '2025-09-05' ? 14 : d >= w.b.from ? 4 : 6),
    });
    const found = detectMarketplaceShifts(r, w, []);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ kind: 'traffic_surge', segment: { channel: ['other_marketplace'] } });
    expect(found[0]!.start).toBe('2025-09-05');
    expect(found[0]!.end).toBe('2025-09-30');
  });

  it('names the country when one country carries the shift', () => {
    const r = rows({
      'amazon|United States': steady,
      'amazon|Canada': (d) => (d >= w.b.from ? 15 : 5),
      'other_marketplace|United States': () => 10,
    });
    const found = detectMarketplaceShifts(r, w, []);
    expect(found.map((e) => e.segment)).toEqual([{ channel: ['amazon'], country: ['Canada'] }]);
  });

  it('holds nothing to a peer that went quiet, and leaves a quiet channel to the outage', () => {
    const r = rows({
      'amazon|United States': (d) => (d >= w.b.from ? 0 : 20),
      'other_marketplace|United States': () => 6,
    });
    const quiet = detectQuietChannels(r, w, 1);
    expect(quiet.map((e) => e.kind)).toContain('channel_outage');
    expect(detectMarketplaceShifts(r, w, quiet)).toEqual([]);
  });

  it('finds nothing when the marketplaces move together', () => {
    const r = rows({
      'amazon|United States': (d) => (d >= w.b.from ? 15 : 20),
      'other_marketplace|United States': (d) => (d >= w.b.from ? 6 : 8),
    });
    expect(detectMarketplaceShifts(r, w, [])).toEqual([]);
  });
});
