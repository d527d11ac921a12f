import { describe, expect, it } from 'vitest';
import type { MetricView } from '../cube.ts';
import { placeSessions, visitsWorthOnRatio } from './traffic-worth.ts';

const f = (...x: number[]) => Float64Array.from(x);

// Conversion by source × device: desktop organic converts at 5%, mobile at 3%; January's email sale
// (desktop) at 20%. February's desktop organic visits doubled (1000 extra).
const conversion: MetricView = {
  kind: 'ratio',
  dimNames: ['source', 'device'],
  values: [
    ['Google', 'desktop'],
    ['Google', 'mobile'],
    ['Email – Sale', 'desktop'],
  ],
  n: 3,
  num: { a: f(50, 60, 40), b: f(100, 60, 0) },
  den: { a: f(1000, 2000, 200), b: f(2000, 2000, 0) },
  grain: 'test',
};
const sessions: MetricView = { ...conversion, kind: 'additive', num: conversion.den! };
const campaignSource = (s: string) => s.startsWith('Email');

describe('visitsWorthOnRatio', () => {
  it('takes a surge’s extra visits out at the place’s own rate, campaign sources aside', () => {
    const seg = { device: ['desktop'] };
    const visits = placeSessions(sessions, seg, campaignSource)!;
    expect(visits).toEqual({ a: 1000, b: 2000 });
    const r = visitsWorthOnRatio({
      view: conversion,
      segment: seg,
      lost: -1000,
      sessions: visits,
      campaignSource,
      z: 10,
    })!;
    // 160 / 4000 with the surge, (160 - 50) / 3000 without it.
    expect(r.effect).toBeCloseTo(160 / 4000 - 110 / 3000, 10);
    expect(r.se).toBeCloseTo(r.effect / 10, 10);
  });

  it('puts a drop’s lost visits back', () => {
    const seg = { device: ['mobile'] };
    const visits = placeSessions(sessions, seg, campaignSource)!;
    const r = visitsWorthOnRatio({
      view: conversion,
      segment: seg,
      lost: 1000,
      sessions: visits,
      campaignSource,
      z: -8,
    })!;
    expect(r.effect).toBeCloseTo(160 / 4000 - 190 / 5000, 10);
  });
});
