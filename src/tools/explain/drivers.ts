// Part 2: the driver decomposition of the change, from the cube's channel totals. Net sales chain per
// channel (own site = sessions × conversion × units per order × average unit price, marketplaces =
// orders × units per order × average unit price); the other metrics use the part of the chain they are,
// as their profile's DriverSpec names it.
import { decomposeAov, decomposeChannels, decomposeProduct, type ChannelTotals } from '../../analysis/decompose.ts';
import { CHANNELS } from '../../protocol/vocabulary.ts';
import type { LeafTable, MetricView } from './cube.ts';
import type { DriverSpec } from './profiles.ts';

export interface DriverStep {
  label: string;
  contribution: number;
}

export interface Drivers {
  method: string;
  a: number;
  b: number;
  delta: number;
  steps: DriverStep[];
}

export function channelTotals(
  lines: LeafTable,
  sessions: LeafTable,
): Map<string, { a: ChannelTotals; b: ChannelTotals }> {
  const out = new Map<string, { a: ChannelTotals; b: ChannelTotals }>();
  const ch = lines.dimNames.indexOf('channel');
  const m = lines.measures;
  for (let i = 0; i < lines.n; i++) {
    const c = lines.values[i]![ch]!;
    let t = out.get(c);
    if (!t) out.set(c, (t = { a: { orders: 0, units: 0, net_sales: 0 }, b: { orders: 0, units: 0, net_sales: 0 } }));
    t.a.orders += m.orders!.a[i]!;
    t.b.orders += m.orders!.b[i]!;
    t.a.units += m.units!.a[i]!;
    t.b.units += m.units!.b[i]!;
    t.a.net_sales += m.net!.a[i]!;
    t.b.net_sales += m.net!.b[i]!;
  }
  // Fractional orders sum to whole orders up to float error; counts are integers.
  for (const t of out.values()) {
    t.a.orders = Math.round(t.a.orders);
    t.b.orders = Math.round(t.b.orders);
    t.a.net_sales = Math.round(t.a.net_sales * 100) / 100;
    t.b.net_sales = Math.round(t.b.net_sales * 100) / 100;
  }
  const own = out.get('own_website');
  if (own) {
    own.a.sessions = sum(sessions.measures.sessions!.a);
    own.b.sessions = sum(sessions.measures.sessions!.b);
  }
  return out;
}

function sum(x: Float64Array): number {
  let s = 0;
  for (const v of x) s += v;
  return s;
}

const CHANNEL_ORDER: readonly string[] = CHANNELS;

type ChannelTotalsMap = Map<string, { a: ChannelTotals; b: ChannelTotals }>;
export interface RatioSplit {
  rate_effect: number;
  mix_effect: number;
  a: number;
  b: number;
}

/** The decomposition the metric's profile names; a ratio splits over the leaves of its view. */
export function decomposeDrivers(spec: DriverSpec, lines: LeafTable, sessions: LeafTable, view: MetricView): Drivers {
  const totals = channelTotals(lines, sessions);
  const channels = CHANNEL_ORDER.filter((c) => totals.has(c)).concat(
    [...totals.keys()].filter((c) => !CHANNEL_ORDER.includes(c)),
  );
  switch (spec.kind) {
    case 'channel_chain':
      return channelChain(totals, channels);
    case 'channel_counts':
      return channelCounts(totals, channels, spec.count);
    case 'aov':
      return aovDrivers(totals);
    case 'sources':
      return sourceDrivers(sessions);
    case 'rate_mix':
      return rateMix(rateMixSplit(view));
    case 'additive_by':
      return additiveBy(view, spec.dim);
  }
}

/** A sum over the view's leaves, split by one dimension's values: each contributes its own change. */
export function additiveBy(view: MetricView, dim: string): Drivers {
  const d = view.dimNames.indexOf(dim);
  const by = new Map<string, number>();
  let a = 0;
  let b = 0;
  for (let i = 0; i < view.n; i++) {
    const key = d < 0 ? 'all' : view.values[i]![d]!;
    const va = view.num.a[i]!;
    const vb = view.num.b[i]!;
    by.set(key, (by.get(key) ?? 0) + vb - va);
    a += va;
    b += vb;
  }
  const steps = [...by]
    .sort((x, y) => Math.abs(y[1]) - Math.abs(x[1]))
    .map(([label, contribution]) => ({ label, contribution }));
  return { method: `additive over ${dim}: each ${dim} contributes its own change`, a, b, delta: b - a, steps };
}

function channelChain(totals: ChannelTotalsMap, channels: string[]): Drivers {
  const d = decomposeChannels(
    channels.map((c) => ({
      channel: c,
      kind: c === 'own_website' ? ('own_site' as const) : ('marketplace' as const),
      a: totals.get(c)!.a,
      b: totals.get(c)!.b,
    })),
  );
  return {
    method: d.method_note,
    a: d.a,
    b: d.b,
    delta: d.delta,
    steps: d.by_channel.flatMap((c) =>
      c.drivers.map((x) => ({ label: `${c.channel}: ${x.name}`, contribution: x.contribution })),
    ),
  };
}

function channelCounts(totals: ChannelTotalsMap, channels: string[], count: 'orders' | 'units'): Drivers {
  const steps: DriverStep[] = [];
  let a = 0;
  let b = 0;
  let note = '';
  for (const c of channels) {
    const t = totals.get(c)!;
    const factors =
      c === 'own_website' && t.a.sessions !== undefined && t.b.sessions !== undefined
        ? [
            { name: 'sessions', a: t.a.sessions, b: t.b.sessions },
            {
              name: 'conversion_rate',
              a: t.a.sessions ? t.a.orders / t.a.sessions : 0,
              b: t.b.sessions ? t.b.orders / t.b.sessions : 0,
            },
          ]
        : [{ name: 'orders', a: t.a.orders, b: t.b.orders }];
    if (count === 'units')
      factors.push({
        name: 'units_per_order',
        a: t.a.orders ? t.a.units / t.a.orders : 0,
        b: t.b.orders ? t.b.units / t.b.orders : 0,
      });
    const d = decomposeProduct(factors);
    const va = t.a[count];
    const vb = t.b[count];
    // Rescale the (rounding-level) gap so the steps add up to the observed counts.
    const s = d.drivers.reduce((x, y) => x + y.contribution, 0);
    const k = s === 0 ? 0 : (vb - va) / s;
    d.drivers.forEach((x) => steps.push({ label: `${c}: ${x.name}`, contribution: x.contribution * k }));
    a += va;
    b += vb;
    note = d.method_note;
  }
  return { method: `channels are additive; within each channel: ${note}`, a, b, delta: b - a, steps };
}

function aovDrivers(totals: ChannelTotalsMap): Drivers {
  const all = { a: { orders: 0, units: 0, net_sales: 0 }, b: { orders: 0, units: 0, net_sales: 0 } };
  for (const t of totals.values()) {
    for (const k of ['orders', 'units', 'net_sales'] as const) {
      all.a[k] += t.a[k];
      all.b[k] += t.b[k];
    }
  }
  const d = decomposeAov(all);
  return {
    method: d.method_note,
    a: d.a,
    b: d.b,
    delta: d.delta,
    steps: d.drivers.map((x) => ({ label: x.name, contribution: x.contribution })),
  };
}

function sourceDrivers(sessions: LeafTable): Drivers {
  const src = sessions.dimNames.indexOf('source');
  const by = new Map<string, number>();
  let a = 0;
  let b = 0;
  for (let i = 0; i < sessions.n; i++) {
    const s = sessions.values[i]![src]!;
    const da = sessions.measures.sessions!.a[i]!;
    const db = sessions.measures.sessions!.b[i]!;
    by.set(s, (by.get(s) ?? 0) + db - da);
    a += da;
    b += db;
  }
  const steps = [...by]
    .sort((x, y) => Math.abs(y[1]) - Math.abs(x[1]))
    .map(([label, contribution]) => ({ label, contribution }));
  return {
    method: 'sessions are additive over traffic sources: each source contributes its own change',
    a,
    b,
    delta: b - a,
    steps,
  };
}

/**
 * A ratio's change over its leaves, split at the midpoint: Σ w̄·Δr (each leaf's own rate moving, at
 * its average weight) + Σ r̄·Δw (the weights moving between leaves of different rates), w being a
 * leaf's share of the denominator. The two sum to b − a term by term. A leaf with no denominator in
 * one period takes the other period's rate there, so its whole term is mix. The split is taken on the
 * raw comparison: the segment search's own split is on the comparison scaled by the growth, whose
 * total is not the change.
 */
export function rateMixSplit(view: MetricView): RatioSplit {
  const den = view.den;
  if (!den) throw new Error('rateMixSplit needs a ratio view');
  let numA = 0;
  let numB = 0;
  let denA = 0;
  let denB = 0;
  for (let i = 0; i < view.n; i++) {
    numA += view.num.a[i]!;
    numB += view.num.b[i]!;
    denA += den.a[i]!;
    denB += den.b[i]!;
  }
  const a = denA ? numA / denA : 0;
  const b = denB ? numB / denB : 0;
  let rate = 0;
  for (let i = 0; i < view.n; i++) {
    const da = den.a[i]!;
    const db = den.b[i]!;
    if (da <= 0 || db <= 0) continue;
    const wa = denA ? da / denA : 0;
    const wb = denB ? db / denB : 0;
    rate += ((wa + wb) / 2) * (view.num.b[i]! / db - view.num.a[i]! / da);
  }
  // The mix term is the rest, so the two add up to the change without float drift.
  return { rate_effect: rate, mix_effect: b - a - rate, a, b };
}

function rateMix(r: RatioSplit): Drivers {
  return {
    method:
      'ratio of additive parts: within-segment rate change plus mix ' +
      "(segments' volume shares moving between segments of different rates), summing to the change",
    a: r.a,
    b: r.b,
    delta: r.b - r.a,
    steps: [
      { label: 'rate within segments', contribution: r.rate_effect },
      { label: 'mix between segments', contribution: r.mix_effect },
    ],
  };
}
