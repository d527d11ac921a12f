import { describe, expect, it } from 'vitest';
import { addDaysTo } from '../../../calendar/index.ts';
import type { SessionDay } from './campaign-cuts.ts';
import { detectTrafficDays } from './traffic-days.ts';
import type { DetectedEvent } from './types.ts';

const w = { a: { from: '2025-05-01', to: '2025-05-31' }, b: { from: '2025-08-01', to: '2025-08-31' } };
const SOURCES: Array<[string, number]> = [
  ['Google', 0.4],
  ['Direct', 0.35],
  ['Instagram', 0.25],
];
const COUNTRIES: Array<[string, number]> = [
  ['United States', 0.7],
  ['Canada', 0.12],
  ['United Kingdom', 0.1],
  ['Australia', 0.08],
];
const DEVICES: Array<[string, number]> = [
  ['mobile', 0.57],
  ['desktop', 0.35],
  ['tablet', 0.08],
];

/** July 4 to August 31: 2000 organic visits a day by a weekly rhythm, each cell × `factor`. */
function days(factor: (r: Omit<SessionDay, 'sessions'>) => number = () => 1): SessionDay[] {
  const out: SessionDay[] = [];
  for (let day = '2025-07-04'; day <= w.b.to; day = addDaysTo(day, 1)) {
    const rhythm = 1 + 0.25 * Math.sin(Number(day.slice(8)) / 1.1);
    for (const [source, s] of SOURCES)
      for (const [country, c] of COUNTRIES)
        for (const [device, d] of DEVICES) {
          const cell = { day, source, country, device };
          out.push({ ...cell, sessions: Math.round(2000 * rhythm * s * c * d * factor(cell)) });
        }
  }
  return out;
}

const detect = (rows: SessionDay[], found: DetectedEvent[] = []) =>
  detectTrafficDays({ days: rows, window: w, campaignSource: () => false, found, evidenceQuery: 'q' });

describe('detectTrafficDays', () => {
  it('names one place losing most of its visitors for nine days, with those days', () => {
    const drop = (r: Omit<SessionDay, 'sessions'>) =>
      r.source === 'Instagram' && r.country === 'United States' && r.device === 'mobile' && r.day <= '2025-08-09'
        ? r.day >= w.b.from
          ? 0.2
          : 1
        : 1;
    const found = detect(days(drop));
    expect(found.map((e) => [e.kind, e.segment, e.start, e.end])).toEqual([
      [
        'traffic_drop',
        { source: ['Instagram'], country: ['United States'], device: ['mobile'] },
        '2025-08-01',
        '2025-08-09',
      ],
    ]);
    expect(Number(found[0]!.facts.sessions_lost)).toBeGreaterThan(0);
  });

  it('names the surging device, not the others as falling against it', () => {
    const surge = (r: Omit<SessionDay, 'sessions'>) =>
      r.device === 'desktop' && r.day >= '2025-08-10' && r.day <= '2025-08-20' ? 2 : 1;
    const found = detect(days(surge));
    expect(found.map((e) => [e.kind, e.segment])).toEqual([
      ['traffic_surge', { channel: ['own_website'], device: ['desktop'] }],
    ]);
  });

  it('finds nothing when every place follows the same rhythm', () => {
    expect(detect(days())).toEqual([]);
  });

  it('leaves a place the whole-period reading found to that event', () => {
    const drop = (r: Omit<SessionDay, 'sessions'>) => (r.country === 'Canada' && r.day >= '2025-08-05' ? 0.3 : 1);
    const known: DetectedEvent = {
      kind: 'traffic_drop',
      segment: { channel: ['own_website'], country: ['Canada'] },
      title: '',
      start: null,
      end: null,
      evidenceQuery: 'cube',
      facts: {},
    };
    expect(detect(days(drop)).map((e) => e.segment)).toContainEqual({ channel: ['own_website'], country: ['Canada'] });
    expect(detect(days(drop), [known])).toEqual([]);
  });
  it('reads one source in one country as the surge found on that source and device', () => {
    // Google on mobile surges (found over the month); Google in the United States, most of those
    // visitors, rises through the same visits and is the same event.
    const surge = (r: Omit<SessionDay, 'sessions'>) =>
      r.source === 'Google' && r.device === 'mobile' && r.day >= '2025-08-04' ? 1.8 : 1;
    const known: DetectedEvent = {
      kind: 'traffic_surge',
      segment: { source: ['Google'], device: ['mobile'] },
      title: '',
      start: null,
      end: null,
      evidenceQuery: 'cube',
      facts: {},
    };
    expect(detect(days(surge), [known])).toEqual([]);
  });
});
