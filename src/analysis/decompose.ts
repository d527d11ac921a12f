// Driver decompositions of a change A → B in a multiplicative chain V = x1·x2·…·xn.
// Every result adds up to V_B − V_A to floating-point precision and names its method,
// so the model can state how the split was computed instead of guessing.
import { TidelensError } from '../errors.ts';

export type DecompositionMethod = 'lmdi' | 'shapley';

export interface Factor {
  name: string;
  a: number;
  b: number;
}

export interface DriverContribution {
  name: string;
  a: number;
  b: number;
  contribution: number;
  /** contribution / (V_B − V_A); 0 when the total did not change. */
  share: number;
}

export interface Decomposition {
  method: DecompositionMethod;
  /** Human-readable statement of the method, for the model and the UI. */
  method_note: string;
  a: number;
  b: number;
  delta: number;
  drivers: DriverContribution[];
}

const METHOD_NOTES: Record<DecompositionMethod, string> = {
  lmdi: 'log-mean Divisia index (LMDI-I, additive form; zeros handled by their analytic limit)',
  shapley: 'Shapley value over the factors (average marginal effect over all orders of change)',
};

function product(values: readonly number[]): number {
  let p = 1;
  for (const v of values) p *= v;
  return p;
}

/** Logarithmic mean L(x, y) = (x − y)/(ln x − ln y), with L(x, x) = x. Both positive. */
export function logMean(x: number, y: number): number {
  if (x === y) return x;
  const r = x / y;
  // Near r = 1 the quotient loses precision; the series L = y·(1 + u/2 − u²/12 + …) with u = r − 1 does not.
  if (Math.abs(r - 1) < 1e-6) {
    const u = r - 1;
    return y * (1 + u / 2 - (u * u) / 12);
  }
  return (x - y) / Math.log(r);
}

function lmdi(factors: readonly Factor[]): number[] {
  const va = product(factors.map((f) => f.a));
  const vb = product(factors.map((f) => f.b));
  if (va === vb && va === 0) return factors.map(() => 0);
  // A factor that is zero in one period drives V to zero there: in the limit (Ang & Liu 2007,
  // replacing 0 by ε → 0) the zero factors share the whole change equally and the others get nothing.
  const zeroA = factors.filter((f) => f.a === 0).length;
  const zeroB = factors.filter((f) => f.b === 0).length;
  if (zeroA > 0 || zeroB > 0) {
    const zeros = vb === 0 ? factors.map((f) => f.b === 0) : factors.map((f) => f.a === 0);
    const m = vb === 0 ? zeroB : zeroA;
    return factors.map((_, i) => (zeros[i] ? (vb - va) / m : 0));
  }
  // L(V_B, V_A)·ln(x_B/x_A) with L written as ΔV / Σ ln(x_B/x_A) (the same number, since the logs
  // sum to ln(V_B/V_A)), so the contributions add up to ΔV to the last bits. When the logs cancel
  // (offsetting changes, ΔV ≈ 0) the quotient is unstable and the direct log mean is used.
  const logs = factors.map((f) => Math.log(f.b / f.a));
  const sumLogs = logs.reduce((s, x) => s + x, 0);
  const L = Math.abs(sumLogs) > 1e-6 ? (vb - va) / sumLogs : logMean(vb, va);
  return logs.map((x) => L * x);
}

function shapley(factors: readonly Factor[]): number[] {
  const n = factors.length;
  if (n > 12) {
    throw new TidelensError(
      'bad_input',
      `Shapley decomposition over ${n} factors is too expensive; use at most 12 or method "lmdi".`,
    );
  }
  const fact = [1];
  for (let i = 1; i <= n; i++) fact.push(fact[i - 1] * i);
  // value(mask): the product with factors in `mask` at their B value and the rest at A.
  const value = new Float64Array(1 << n);
  for (let mask = 0; mask < 1 << n; mask++) {
    let p = 1;
    for (let i = 0; i < n; i++) p *= mask & (1 << i) ? factors[i].b : factors[i].a;
    value[mask] = p;
  }
  const out = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    const bit = 1 << i;
    for (let mask = 0; mask < 1 << n; mask++) {
      if (mask & bit) continue;
      const s = popcount(mask);
      out[i] += ((fact[s] * fact[n - s - 1]) / fact[n]) * (value[mask | bit] - value[mask]);
    }
  }
  return out;
}

function popcount(x: number): number {
  let c = 0;
  while (x) {
    x &= x - 1;
    c++;
  }
  return c;
}

/**
 * Decomposes the change of V = Π factors. LMDI needs non-negative factors; with a negative factor
 * the logarithms are undefined, so Shapley (which works for any sign) is used and the method says so.
 */
export function decomposeProduct(factors: readonly Factor[], method: DecompositionMethod = 'lmdi'): Decomposition {
  if (factors.length === 0) throw new TidelensError('bad_input', 'A decomposition needs at least one factor.');
  for (const f of factors) {
    if (!Number.isFinite(f.a) || !Number.isFinite(f.b)) {
      throw new TidelensError(
        'bad_input',
        `Factor "${f.name}" is not a finite number (A=${f.a}, B=${f.b}); check the inputs for division by zero.`,
      );
    }
  }
  const used: DecompositionMethod = method === 'lmdi' && factors.some((f) => f.a < 0 || f.b < 0) ? 'shapley' : method;
  const contributions = used === 'lmdi' ? lmdi(factors) : shapley(factors);
  const a = product(factors.map((f) => f.a));
  const b = product(factors.map((f) => f.b));
  const delta = b - a;
  return {
    method: used,
    method_note:
      used === method ? METHOD_NOTES[used] : `${METHOD_NOTES[used]}; LMDI was asked for but a factor is negative`,
    a,
    b,
    delta,
    drivers: factors.map((f, i) => ({
      name: f.name,
      a: f.a,
      b: f.b,
      contribution: contributions[i],
      share: delta === 0 ? 0 : contributions[i] / delta,
    })),
  };
}

// ---- Business chains ----

export interface ChannelTotals {
  /** Own-site sessions; required for the own-site chain, ignored for marketplaces. */
  sessions?: number;
  orders: number;
  units: number;
  net_sales: number;
}

export interface PeriodPair<T> {
  a: T;
  b: T;
}

/**
 * A ratio part of a chain. When a period has no denominator (no orders, no sessions) the ratio is
 * undefined there; it is carried over from the other period, so the change is attributed to the
 * volume factor that went to zero (a channel outage is "orders", not "price").
 */
function ratioPair(numA: number, denA: number, numB: number, denB: number): [number, number] {
  const ra = denA === 0 ? NaN : numA / denA;
  const rb = denB === 0 ? NaN : numB / denB;
  if (Number.isNaN(ra) && Number.isNaN(rb)) return [0, 0];
  if (Number.isNaN(ra)) return [rb, rb];
  if (Number.isNaN(rb)) return [ra, ra];
  return [ra, rb];
}

function checkTotals(t: ChannelTotals, label: string): void {
  for (const [k, v] of Object.entries(t)) {
    if (v !== undefined && (!Number.isFinite(v) || v < 0)) {
      throw new TidelensError('bad_input', `${label}.${k} must be a non-negative finite number, got ${v}.`);
    }
  }
  if ((t.orders === 0 && (t.units !== 0 || t.net_sales !== 0)) || (t.units === 0 && t.net_sales !== 0)) {
    throw new TidelensError(
      'bad_input',
      `${label} has sales without orders or units; the chain needs consistent totals.`,
    );
  }
}

/** AOV = units per order × average unit price (net sales per unit). */
export function decomposeAov(p: PeriodPair<ChannelTotals>, method: DecompositionMethod = 'lmdi'): Decomposition {
  checkTotals(p.a, 'a');
  checkTotals(p.b, 'b');
  const [upoA, upoB] = ratioPair(p.a.units, p.a.orders, p.b.units, p.b.orders);
  const [aupA, aupB] = ratioPair(p.a.net_sales, p.a.units, p.b.net_sales, p.b.units);
  return decomposeProduct(
    [
      { name: 'units_per_order', a: upoA, b: upoB },
      { name: 'avg_unit_price', a: aupA, b: aupB },
    ],
    method,
  );
}

/** Marketplace net sales = orders × units per order × average unit price. */
export function decomposeMarketplace(
  p: PeriodPair<ChannelTotals>,
  method: DecompositionMethod = 'lmdi',
): Decomposition {
  checkTotals(p.a, 'a');
  checkTotals(p.b, 'b');
  const [upoA, upoB] = ratioPair(p.a.units, p.a.orders, p.b.units, p.b.orders);
  const [aupA, aupB] = ratioPair(p.a.net_sales, p.a.units, p.b.net_sales, p.b.units);
  return withExactTotal(
    decomposeProduct(
      [
        { name: 'orders', a: p.a.orders, b: p.b.orders },
        { name: 'units_per_order', a: upoA, b: upoB },
        { name: 'avg_unit_price', a: aupA, b: aupB },
      ],
      method,
    ),
    p.a.net_sales,
    p.b.net_sales,
  );
}

/** Own-site net sales = sessions × conversion rate × units per order × average unit price. */
export function decomposeOwnSite(p: PeriodPair<ChannelTotals>, method: DecompositionMethod = 'lmdi'): Decomposition {
  checkTotals(p.a, 'a');
  checkTotals(p.b, 'b');
  const sa = p.a.sessions;
  const sb = p.b.sessions;
  if (sa === undefined || sb === undefined) {
    throw new TidelensError('bad_input', 'The own-site chain needs sessions for both periods.');
  }
  if ((sa === 0 && p.a.orders > 0) || (sb === 0 && p.b.orders > 0)) {
    throw new TidelensError(
      'bad_input',
      'Own-site orders without sessions: conversion is undefined; check the session counts.',
    );
  }
  const [convA, convB] = ratioPair(p.a.orders, sa, p.b.orders, sb);
  const [upoA, upoB] = ratioPair(p.a.units, p.a.orders, p.b.units, p.b.orders);
  const [aupA, aupB] = ratioPair(p.a.net_sales, p.a.units, p.b.net_sales, p.b.units);
  return withExactTotal(
    decomposeProduct(
      [
        { name: 'sessions', a: sa, b: sb },
        { name: 'conversion_rate', a: convA, b: convB },
        { name: 'units_per_order', a: upoA, b: upoB },
        { name: 'avg_unit_price', a: aupA, b: aupB },
      ],
      method,
    ),
    p.a.net_sales,
    p.b.net_sales,
  );
}

/**
 * The product of the ratios reproduces net sales only up to rounding; report the observed totals
 * and spread the (last-bit) difference proportionally so the drivers sum to the observed delta.
 */
function withExactTotal(d: Decomposition, a: number, b: number): Decomposition {
  const delta = b - a;
  const sum = d.drivers.reduce((s, x) => s + x.contribution, 0);
  const scale = sum === 0 ? 1 : delta / sum;
  const drivers = d.drivers.map((x) => {
    const contribution = sum === 0 ? 0 : x.contribution * scale;
    return { ...x, contribution, share: delta === 0 ? 0 : contribution / delta };
  });
  return { ...d, a, b, delta, drivers };
}

export interface ChannelInput {
  channel: string;
  kind: 'own_site' | 'marketplace';
  a: ChannelTotals;
  b: ChannelTotals;
}

export interface ChannelDecomposition extends Decomposition {
  channel: string;
  kind: 'own_site' | 'marketplace';
}

export interface CombinedDecomposition {
  method: DecompositionMethod;
  method_note: string;
  a: number;
  b: number;
  delta: number;
  /** Each channel's own delta (net sales is additive over channels) and its share of the total. */
  channels: Array<{
    channel: string;
    kind: 'own_site' | 'marketplace';
    a: number;
    b: number;
    contribution: number;
    share: number;
  }>;
  /**
   * Drivers summed over channels by name (e.g. avg_unit_price over all channels); levels are not additive, so only
   * contributions.
   */
  drivers: Array<{ name: string; contribution: number; share: number }>;
  by_channel: ChannelDecomposition[];
}

/** Total net sales over own site + marketplaces: channel deltas sum to the total, drivers sum within each channel. */
export function decomposeChannels(
  inputs: readonly ChannelInput[],
  method: DecompositionMethod = 'lmdi',
): CombinedDecomposition {
  if (inputs.length === 0) throw new TidelensError('bad_input', 'decomposeChannels needs at least one channel.');
  const byChannel: ChannelDecomposition[] = inputs.map((c) => {
    const d = c.kind === 'own_site' ? decomposeOwnSite(c, method) : decomposeMarketplace(c, method);
    return { ...d, channel: c.channel, kind: c.kind };
  });
  // Summing the channel values left to right is how a reader would check the total, so use it.
  let a = 0;
  let b = 0;
  for (const d of byChannel) {
    a += d.a;
    b += d.b;
  }
  const delta = b - a;
  const driverTotals = new Map<string, number>();
  for (const d of byChannel) {
    for (const x of d.drivers) driverTotals.set(x.name, (driverTotals.get(x.name) ?? 0) + x.contribution);
  }
  const methods = new Set(byChannel.map((d) => d.method));
  const used: DecompositionMethod = methods.has('shapley') ? 'shapley' : 'lmdi';
  return {
    method: used,
    method_note: `channels are additive; within each channel: ${byChannel.map((d) => `${d.channel}: ${d.method_note}`).join('; ')}`,
    a,
    b,
    delta,
    channels: byChannel.map((d) => ({
      channel: d.channel,
      kind: d.kind,
      a: d.a,
      b: d.b,
      contribution: d.delta,
      share: delta === 0 ? 0 : d.delta / delta,
    })),
    drivers: [...driverTotals].map(([name, contribution]) => ({
      name,
      contribution,
      share: delta === 0 ? 0 : contribution / delta,
    })),
    by_channel: byChannel,
  };
}
