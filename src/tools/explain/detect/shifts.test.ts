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

describe('detectMarketplaceShifts: outages and the country that carries its channel', () => {
  const wk = (d: string) => Number(d.slice(8));
  it('names a marketplace keeping under half its orders for weeks an outage, beside a thin noisy peer', () => {
    const r = rows({
      'amazon|United States': (d) => (d >= '2025-09-08' ? 5 : 16),
      'amazon|Canada': (d) => (d >= '2025-09-08' ? 1 : 4),
      // A thin peer whose month-on-month move is mostly noise: 3 or 2 a day, alternating.
      'other_marketplace|United States': (d) => (d >= w.b.from ? 2 + (wk(d) % 3 === 0 ? 1 : 0) : 3),
      'own_website|United States': () => 40,
    });
    const found = detectMarketplaceShifts(r, w, []);
    expect(found.map((e) => [e.kind, e.segment])).toEqual([['channel_outage', { channel: ['amazon'] }]]);
    expect(found[0]!.start).toBe('2025-09-08');
  });

  it('names the country that is most of its channel when it alone went down, not the channel', () => {
    const r = rows({
      'amazon|United States': (d) => (d >= w.b.from && d <= '2025-09-20' ? 3 : 15),
      'amazon|Canada': () => 2,
      'amazon|United Kingdom': () => 2,
      'other_marketplace|United States': () => 5,
      'own_website|United States': () => 40,
    });
    const found = detectMarketplaceShifts(r, w, []);
    expect(found.map((e) => [e.kind, e.segment])).toEqual([
      ['channel_outage', { channel: ['amazon'], country: ['United States'] }],
    ]);
  });

  it('calls a fall of some two fifths a traffic drop, not an outage', () => {
    const r = rows({
      'amazon|United States': (d) => (d >= w.b.from ? 11 : 18),
      'amazon|Canada': (d) => (d >= w.b.from ? 3 : 4),
      'other_marketplace|United States': () => 10,
      'own_website|United States': () => 40,
    });
    expect(detectMarketplaceShifts(r, w, []).map((e) => [e.kind, e.segment])).toEqual([
      ['traffic_drop', { channel: ['amazon'] }],
    ]);
  });

  it('takes the longer partial fall around a few quiet days as the outage', () => {
    const r = rows({
      'amazon|United States': (d) =>
        d < w.b.from ? 20 : d >= '2025-09-05' && d <= '2025-09-08' ? 0 : d <= '2025-09-25' ? 3 : 20,
      'amazon|Canada': () => 5,
      'other_marketplace|United States': () => 6,
      'own_website|United States': () => 40,
    });
    const quiet = detectQuietChannels(r, w, 1);
    expect(quiet.map((e) => [e.segment, e.start, e.end])).toEqual([
      [{ channel: ['amazon'], country: ['United States'] }, '2025-09-05', '2025-09-08'],
    ]);
    detectMarketplaceShifts(r, w, quiet);
    expect([quiet[0]!.start, quiet[0]!.end]).toEqual(['2025-09-01', '2025-09-25']);
  });
  it('finds a thin marketplace down for weeks whose deepest few days are too few orders to count', () => {
    // Two orders a day, then a fifth of that for three weeks: its first days at none stand furthest
    // out, but a dozen orders short is the least an event is; the weeks around them are the event.
    const thin = (d: string) => {
      if (d < w.b.from) return 2;
      const n = Number(d.slice(8));
      return n <= 4 ? 0 : n <= 22 ? (n % 3 === 0 ? 1 : 0) : 2;
    };
    const r = rows({
      'amazon|United States': () => 20,
      'own_website|United States': () => 40,
      'other_marketplace|United States': thin,
    });
    const quiet = detectQuietChannels(r, w, 1);
    expect(quiet).toEqual([]);
    const found = detectMarketplaceShifts(r, w, quiet);
    expect(found.map((e) => [e.kind, e.segment, e.start])).toEqual([
      ['channel_outage', { channel: ['other_marketplace'] }, '2025-09-01'],
    ]);
    expect(found[0]!.end! >= '2025-09-20').toBe(true);
  });
});
