// A channel going quiet: runs of days in the current period where a channel (or a channel in one
// country) took almost no orders although the comparison period says it should have taken several.
import type { Row } from '../../../db/types.ts';
import type { Dialect } from '../../sql/dialect.ts';
import { dayOf } from '../../sql/dialect.ts';
import { bounds } from '../../filters.ts';
import { addDaysTo, dayCount } from '../../../calendar/index.ts';
import { and, raw, sql, type Fragment } from '../../sql/fragment.ts';
import { NOT_CANCELLED } from '../../metrics.ts';
import type { DetectedEvent, Window } from './types.ts';

export const CHANNEL_LABEL = 'evidence: daily orders by channel and country';

export function dailyChannelQuery(w: Window, dialect: Dialect, conds: Fragment[]): Fragment {
  const [alo, ahi] = bounds(w.a);
  const [blo, bhi] = bounds(w.b);
  const day = dayOf(dialect, raw('o.order_date'));
  return sql`SELECT t.day, t.channel, t.country, COUNT(*) AS orders, SUM(t.net) AS net FROM (SELECT ${day} AS day, o.channel, o.country, o.total_amount AS net FROM orders o
    WHERE ${and([sql`((o.order_date >= ${alo} AND o.order_date < ${ahi}) OR (o.order_date >= ${blo} AND o.order_date < ${bhi}))`, NOT_CANCELLED, ...conds])}) t
    GROUP BY t.day, t.channel, t.country`;
}

/**
 * A quiet run must have been expected to bring at least this many orders. One question tries ~20
 * channel × country series from ~30 start days, about 600 runs: P(0 | 12) ≈ 6e-6 keeps a false quiet
 * run to ~0.4% of questions (at 8, P ≈ 3e-4, one in five questions found one by chance). A longer run
 * has fewer days it could start on: a run of L days in a period of n can start on n − L + 1, so the
 * bar falls by the log of how many fewer (a whole month of a thin marketplace country: 8.6 orders,
 * P ≈ 2e-4 for each of the ~20 series).
 */
const MIN_EXPECTED_RUN = 12;
const START_DAYS = 30;
function minExpectedRun(runDays: number, periodDays: number): number {
  return MIN_EXPECTED_RUN + Math.log(Math.max(1, periodDays - runDays + 1) / START_DAYS);
}
/** Below this many orders a day, a quiet day is too ordinary to start a run (a short one: see minExpectedRun). */
const MIN_EXPECTED_DAY = 0.25;
const MIN_RUN = 3;

/** A channel's orders (country null) or a channel-and-country's: the total in period A, by day in period B. */
export interface Series {
  channel: string;
  country: string | null;
  a: number;
  b: Map<string, number>;
}

/**
 * The daily channel rows (`dailyChannelQuery`) as a series per channel and, where `byCountry` says so,
 * per channel and country. Both readings of those rows (quiet channels here, shifts against peers in
 * shifts.ts) start from it.
 */
export function dailySeries(rows: Row[], w: Window, byCountry: (channel: string) => boolean): Map<string, Series> {
  const series = new Map<string, Series>();
  const add = (channel: string, country: string | null, day: string, n: number) => {
    const key = `${channel}|${country ?? ''}`;
    let s = series.get(key);
    if (!s) series.set(key, (s = { channel, country, a: 0, b: new Map() }));
    if (day >= w.b.from && day <= w.b.to) s.b.set(day, (s.b.get(day) ?? 0) + n);
    else if (day >= w.a.from && day <= w.a.to) s.a += n;
  };
  for (const r of rows) {
    const channel = String(r.channel);
    const day = String(r.day).slice(0, 10);
    add(channel, null, day, Number(r.orders));
    if (byCountry(channel)) add(channel, String(r.country), day, Number(r.orders));
  }
  return series;
}

export function detectQuietChannels(rows: Row[], w: Window, growth: number): DetectedEvent[] {
  const series = dailySeries(rows, w, () => true);
  const lenA = dayCount(w.a.from, w.a.to);
  const lenB = dayCount(w.b.from, w.b.to);
  const found: Array<DetectedEvent & { scopeKey: string }> = [];
  for (const s of [...series.values()].sort((x, y) => (x.country === null ? 0 : 1) - (y.country === null ? 0 : 1))) {
    const expected = (s.a / lenA) * growth;
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
 * before carries that mix's own drift. Null when the other days are too few to set a rate.
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
  let segQuiet = 0;
  let segOther = 0;
  let segOtherOrders = 0;
  let restQuiet = 0;
  let restOther = 0;
  for (const r of rows) {
    const day = String(r.day).slice(0, 10);
    if (day < w.b.from || day > w.b.to) continue;
    const v = Number(r[measure] ?? 0);
    const onQuiet = day >= e.start && day <= e.end;
    if (inSeg(e, r)) {
      if (onQuiet) segQuiet += v;
      else {
        segOther += v;
        segOtherOrders += Number(r.orders ?? 0);
      }
    } else if (!quiet.some((q) => inSeg(q, r))) {
      if (onQuiet) restQuiet += v;
      else restOther += v;
    }
  }
  if (segOtherOrders < MIN_OTHER_DAYS_ORDERS || restOther <= 0) return null;
  return segQuiet - (segOther / restOther) * restQuiet;
}
