// Own-site traffic moving in one place, read from the session cube (pure: leaves in, events out).
import { describe, expect, it } from 'vitest';
import type { LeafTable } from '../cube.ts';
import { detectTrafficShifts } from './traffic.ts';

const SOURCES = ['Direct', 'Google', 'Instagram', 'Summer Ads'];
const COUNTRIES = ['United States', 'United Kingdom', 'Canada'];
const DEVICES = ['mobile', 'desktop'];

/** Sessions per leaf: 400 × the source's and country's weights; `b` = a × growth × move(leaf). */
function cube(growth: number, move: (source: string, country: string, device: string) => number): LeafTable {
  const values: string[][] = [];
  const a: number[] = [];
  const b: number[] = [];
  for (const [si, s] of SOURCES.entries())
    for (const [ci, c] of COUNTRIES.entries())
      for (const d of DEVICES) {
        const base = Math.round(400 * [1, 1.2, 0.5, 0.6][si]! * [1, 0.4, 0.3][ci]!);
        values.push([s, c, d]);
        a.push(base);
        b.push(Math.round(base * growth * move(s, c, d)));
      }
  return {
    dimNames: ['source', 'country', 'device'],
    values,
    measures: { sessions: { a: Float64Array.from(a), b: Float64Array.from(b) } },
    n: values.length,
  };
}

const detect = (t: LeafTable) =>
  detectTrafficShifts({ sessions: t, campaignSource: (s) => s === 'Summer Ads', evidenceQuery: 'sessions' });

describe('detectTrafficShifts', () => {
  it('finds one country surging while the season lowers the rest, as the own website there', () => {
    const events = detect(cube(0.8, (_, c) => (c === 'United Kingdom' ? 1.9 : 1)));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      kind: 'traffic_surge',
      segment: { channel: ['own_website'], country: ['United Kingdom'] },
    });
  });

  it('finds a source on one device dropping, named by the source (which says the own website)', () => {
    const events = detect(cube(1.2, (s, _, d) => (s === 'Instagram' && d === 'mobile' ? 0.4 : 1)));
    expect(events.map((e) => [e.kind, e.segment])).toEqual([
      ['traffic_drop', { source: ['Instagram'], device: ['mobile'] }],
    ]);
  });

  it('leaves campaign sources to the campaign detector and reports nothing when every place moved alike', () => {
    expect(detect(cube(1.3, (s) => (s === 'Summer Ads' ? 0.2 : 1)))).toEqual([]);
  });
});

describe('detectTrafficShifts: the place, not its largest part', () => {
  /** Sessions per leaf from per-dimension weights; `b` = a × move(leaf). */
  function weighted(
    w: { source: number[]; country: number[]; device: number[] },
    move: (s: string, c: string, d: string) => number,
  ): LeafTable {
    const values: string[][] = [];
    const a: number[] = [];
    const b: number[] = [];
    for (const [si, s] of SOURCES.entries())
      for (const [ci, c] of COUNTRIES.entries())
        for (const [di, d] of DEVICES.entries()) {
          const base = Math.round(w.source[si]! * w.country[ci]! * w.device[di]!);
          values.push([s, c, d]);
          a.push(base);
          b.push(Math.round(base * move(s, c, d)));
        }
    return {
      dimNames: ['source', 'country', 'device'],
      values,
      measures: { sessions: { a: Float64Array.from(a), b: Float64Array.from(b) } },
      n: values.length,
    };
  }

  it('names a source on one device falling in every country as that source and device', () => {
    // One country holds most visitors; the others, too thin to stand out alone, fell about half as far.
    const t = weighted({ source: [4000, 4000, 900, 900], country: [1, 0.15, 0.15], device: [1, 0.6] }, (s, c, d) =>
      s === 'Instagram' && d === 'mobile' ? (c === 'United States' ? 0.7 : 0.84) : 1,
    );
    expect(detect(t).map((e) => [e.kind, e.segment])).toEqual([
      ['traffic_drop', { source: ['Instagram'], device: ['mobile'] }],
    ]);
  });

  it('keeps the one country when the source held elsewhere', () => {
    const t = weighted({ source: [4000, 4000, 900, 900], country: [1, 0.15, 0.15], device: [1, 0.6] }, (s, c, d) =>
      s === 'Instagram' && d === 'mobile' && c === 'United States' ? 0.6 : 1,
    );
    expect(detect(t).map((e) => [e.kind, e.segment])).toEqual([
      ['traffic_drop', { source: ['Instagram'], country: ['United States'], device: ['mobile'] }],
    ]);
  });
});
