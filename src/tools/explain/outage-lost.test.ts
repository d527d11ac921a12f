import { describe, expect, it } from 'vitest';
import { ratioView, type LeafTable } from './cube.ts';
import type { DetectedEvent } from './detect/types.ts';
import { lostOrders, outagePutBack } from './outage-lost.ts';

const f = (xs: number[]) => Float64Array.from(xs);
// Two leaves: amazon (orders at 40 each) and the own site (at 30 each).
const lines: LeafTable = {
  dimNames: ['channel'],
  values: [['amazon'], ['own_website']],
  measures: {
    net: { a: f([4000, 3000]), b: f([2000, 3000]) },
    orders: { a: f([100, 100]), b: f([50, 100]) },
  },
  n: 2,
};
const outage: DetectedEvent = {
  kind: 'channel_outage',
  segment: { channel: ['amazon'] },
  title: '',
  start: '2025-08-16',
  end: '2025-08-31',
  evidenceQuery: '',
  facts: {},
};

describe('outagePutBack', () => {
  it('puts the lost orders back at the channel’s own value per order', () => {
    const view = ratioView(lines, 'net', 'orders', '');
    const r = outagePutBack(view, lines, outage.segment, 50)!;
    // Actual 5000 / 150; with 50 orders back at 40: 7000 / 200.
    expect(r.effect).toBeCloseTo(5000 / 150 - 7000 / 200, 9);
  });
});

describe('lostOrders', () => {
  it('holds a channel out all month to its share of the others in the comparison', () => {
    const rows = [
      { day: '2025-07-10', channel: 'amazon', country: 'US', orders: 60 },
      { day: '2025-07-10', channel: 'own_website', country: 'US', orders: 120 },
      { day: '2025-08-10', channel: 'own_website', country: 'US', orders: 90 },
      { day: '2025-08-20', channel: 'own_website', country: 'US', orders: 60 },
      { day: '2025-08-20', channel: 'amazon', country: 'US', orders: 2 },
    ];
    const w = { a: { from: '2025-07-01', to: '2025-07-31' }, b: { from: '2025-08-01', to: '2025-08-31' } };
    const e = { ...outage, start: '2025-08-01', end: '2025-08-31' };
    // Amazon was half the own site's orders; the own site took 150 on the quiet days.
    expect(lostOrders(rows, w, e, [e])).toBeCloseTo(75 - 2, 9);
  });
});
