// A channel going quiet: runs of days in the current period where a channel (or a channel in one
// country) took almost no orders although the comparison period says it should have taken several.
import type { Row } from '../../../db/types.ts';
import type { Dialect } from '../../sql/dialect.ts';
import { dayOf } from '../../sql/dialect.ts';
import { bounds } from '../../filters.ts';
import { addDaysTo, dayCount } from '../../../calendar/index.ts';
import { and, or, raw, sql, type Fragment } from '../../sql/fragment.ts';
import { NOT_CANCELLED } from '../../metrics.ts';
import type { DetectedEvent, Window } from './types.ts';

export const CHANNEL_LABEL = 'evidence: daily orders by channel and country';

/**
 * Days before the period the daily channel query also reads. A marketplace in one small country takes a
 * couple of dozen orders a month: the comparison month alone sets its rate with a fifth of noise, and a
 * comparison a year back sets it in another year. The eight weeks before the period, with the comparison,
 * are the reference its share of the other channels is read from.
 */
export const CHANNEL_LEAD_DAYS = 56;

/** The days the daily channel query reads: the comparison, the weeks before the period, the period. */
export function channelSpans(w: Window): Array<{ from: string; to: string }> {
  return [w.a, { from: addDaysTo(w.b.from, -CHANNEL_LEAD_DAYS), to: addDaysTo(w.b.from, -1) }, w.b];
}

export function dailyChannelQuery(w: Window, dialect: Dialect, conds: Fragment[]): Fragment {
  const day = dayOf(dialect, raw('o.order_date'));
  const inSpans = channelSpans(w).map((p) => {
    const [lo, hi] = bounds(p);
    return sql`(o.order_date >= ${lo} AND o.order_date < ${hi})`;
  });
  return sql`SELECT t.day, t.channel, t.country, COUNT(*) AS orders, SUM(t.net) AS net FROM (SELECT ${day} AS day, o.channel, o.country, o.total_amount AS net FROM orders o
    WHERE ${and([or(inSpans), NOT_CANCELLED, ...conds])}) t
    GROUP BY t.day, t.channel, t.country`;
}

/**
 * A quiet run must have been expected to bring at least this many orders. One question tries ~20
 * channel × country series from ~30 start days, about 600 runs: P(0 | 12) ≈ 6e-6 keeps a false quiet
 * run to ~0.4% of questions (at 8, P ≈ 3e-4, one in five questions found one by chance). A longer run
 * has fewer days it could start on: a run of L days in a period of n can start on n − L + 1, so the
 * bar falls by the log of how many fewer (a whole month of a thin country: 8.6 orders, P ≈ 2e-4 for
 * each of the ~20 series).
 */
const MIN_EXPECTED_RUN = 12;
const START_DAYS = 30;
function minExpectedRun(runDays: number, periodDays: number): number {
  return MIN_EXPECTED_RUN + Math.log(Math.max(1, periodDays - runDays + 1) / START_DAYS);
}
/** Below this many orders a day, a quiet day is too ordinary to start a run (a short one: see minExpectedRun). */
const MIN_EXPECTED_DAY = 0.25;
const MIN_RUN = 3;

/**
 * A channel's orders (country null) or a channel-and-country's: the total over the reference days (the
 * comparison and the weeks before the period, `a`), by day in period B.
 */
export interface Series {
  channel: string;
  country: string | null;
  a: number;
  b: Map<string, number>;
}

/** A day of the period; the query's other days are the reference. */
const inPeriod = (day: string, w: Window) => day >= w.b.from && day <= w.b.to;

/** Each channel's and channel-and-country's orders, over the reference days and by day of the period. */
export function channelSeries(
  rows: Row[],
  w: Window,
  withCountries: (channel: string) => boolean = () => true,
  inReference: (day: string) => boolean = () => true,
) {
  const series = new Map<string, Series>();
  const add = (channel: string, country: string | null, day: string, n: number) => {
    const key = `${channel}|${country ?? ''}`;
    let s = series.get(key);
    if (!s) series.set(key, (s = { channel, country, a: 0, b: new Map() }));
    if (inPeriod(day, w)) s.b.set(day, (s.b.get(day) ?? 0) + n);
    else if (inReference(day)) s.a += n;
  };
  for (const r of rows) {
    const channel = String(r.channel);
    const day = String(r.day).slice(0, 10);
    add(channel, null, day, Number(r.orders));
    if (withCountries(channel)) add(channel, String(r.country), day, Number(r.orders));
  }
  return series;
}

export function periodTotal(s: Series): number {
  let n = 0;
  for (const v of s.b.values()) n += v;
  return n;
}

export const OWN_SITE = 'own_website';
/** The other marketplaces must have sold this many orders over the reference days to be a marketplace's rest. */
const MIN_MARKET_REST = 100;

/**
 * Channels going quiet. A series is expected to keep its share of the other channels' orders over the
 * reference days, on each day of the period: its own month a year back, or a month whose season was
 * not the period's, says less than the weeks just before (and the share leaves the season out). A
 * marketplace's share is of the other marketplaces' orders when they sold enough: the own site's
 * campaigns move its orders, not the marketplaces' (a spring sale made a thin country's usual
 * handful of orders look like a dozen missing).
 */
export function detectQuietChannels(rows: Row[], w: Window): DetectedEvent[] {
  const series = channelSeries(rows, w);
  const sum = (xs: Series[]) => ({
    ref: xs.reduce((n, s) => n + s.a, 0),
    b: xs.reduce((n, s) => n + periodTotal(s), 0),
  });
  const channels = [...series.values()].filter((s) => s.country === null);
  const all = sum(channels);
  const market = sum(channels.filter((s) => s.channel !== OWN_SITE));
  const lenB = dayCount(w.b.from, w.b.to);
  const found: Array<DetectedEvent & { scopeKey: string }> = [];
  for (const s of [...series.values()].sort((x, y) => (x.country === null ? 0 : 1) - (y.country === null ? 0 : 1))) {
    const pool = s.channel !== OWN_SITE && market.ref - s.a >= MIN_MARKET_REST ? market : all;
    const restRef = pool.ref - s.a;
    if (restRef <= 0) continue;
    const expected = (s.a / restRef) * ((pool.b - periodTotal(s)) / lenB);
    if (expected < MIN_EXPECTED_DAY) continue;
    let run: string[] = [];
    let best: string[] = [];
    for (let d = w.b.from; d <= w.b.to; d = addDaysTo(d, 1)) {
      if ((s.b.get(d) ?? 0) <= 0.1 * expected) run.push(d);
      else run = [];
      if (run.length > best.length) best = [...run];
    }
    if (best.length < MIN_RUN || best.length * expected < minExpectedRun(best.length, lenB)) continue;
    // A whole channel gone quiet already covers its countries.
    if (s.country !== null && found.some((f) => f.scopeKey === s.channel)) continue;
    const quietOrders = best.reduce((n, d) => n + (s.b.get(d) ?? 0), 0);
    found.push({
      scopeKey: s.country === null ? s.channel : `${s.channel}|${s.country}`,
      kind: 'channel_outage',
      segment: s.country === null ? { channel: [s.channel] } : { channel: [s.channel], country: [s.country] },
      title: `${s.channel}${s.country ? ` in ${s.country}` : ''} took almost no orders from ${best[0]} to ${best.at(-1)} (${best.length} days)`,
      start: best[0]!,
      end: best.at(-1)!,
      evidenceQuery: CHANNEL_LABEL,
      facts: {
        channel: s.channel,
        country: s.country,
        quiet_days: best.length,
        orders_on_quiet_days: quietOrders,
        expected_orders_per_day: Math.round(expected * 10) / 10,
      },
    });
  }
  return found.map(({ scopeKey: _k, ...e }) => e);
}

/** The segment must have sold this many orders on its other days of the period to set its rate. */
const MIN_OTHER_DAYS_ORDERS = 30;

/**
 * A quiet run's effect measured inside the period: the segment's orders (or net sales) on its other
 * days of the period, as a share of what the channels that did not go quiet sold on those days,
 * × what they sold on the quiet days, minus what the segment took on the quiet days. The same
 * channel in the same weeks is the closest comparison there is; a month's channel mix from months
 * before carries that mix's own drift. When the other days are too few to set the share (an outage
 * over the whole period, or a thin marketplace), the reference days (the comparison and the weeks
 * before the period) set it with them. Null when even those are too few.
 */
export function outageEffect(
  rows: Row[],
  w: Window,
  e: DetectedEvent,
  quiet: DetectedEvent[],
  measure: 'orders' | 'net',
): number | null {
  if (e.kind !== 'channel_outage' || !e.start || !e.end) return null;
  const inSeg = (x: DetectedEvent, r: Row) =>
    x.segment.channel?.includes(String(r.channel)) === true &&
    (!x.segment.country || x.segment.country.includes(String(r.country)));
  // The segment, and the rest: every channel that did not go quiet.
  const zero = () => ({ seg: 0, segOrders: 0, rest: 0 });
  const quietDays = zero();
  const otherDays = zero();
  const ref = zero();
  for (const r of rows) {
    const day = String(r.day).slice(0, 10);
    const v = Number(r[measure] ?? 0);
    const t = !inPeriod(day, w) ? ref : day >= e.start && day <= e.end ? quietDays : otherDays;
    if (inSeg(e, r)) {
      t.seg += v;
      t.segOrders += Number(r.orders ?? 0);
    } else if (!quiet.some((q) => inSeg(q, r))) t.rest += v;
  }
  const other = otherDays.segOrders >= MIN_OTHER_DAYS_ORDERS ? otherDays : pooled(otherDays, ref);
  if (other.segOrders < MIN_OTHER_DAYS_ORDERS || other.rest <= 0) return null;
  return quietDays.seg - (other.seg / other.rest) * quietDays.rest;
}

type Sums = { seg: number; segOrders: number; rest: number };
function pooled(x: Sums, y: Sums): Sums {
  return { seg: x.seg + y.seg, segOrders: x.segOrders + y.segOrders, rest: x.rest + y.rest };
}
