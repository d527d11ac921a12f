// Which part of the period a stock-out covered: per channel, the share of the period's orders that fell
// on the SKUs' days at zero stock, from the daily orders by channel (the quiet-channel detector's rows).
// The manifest's counterfactual leaves the SKUs' days in stock as they were, so a stock-out lost only
// what its days out would have sold; the period's days are not alike (weekdays, a campaign, Black
// Friday), so the share is read from the orders, not the calendar. Pure.
import { dayCount } from '../../calendar/index.ts';
import type { Row } from '../../db/types.ts';

/** The period's days and a stock-out's days out in it. */
export interface OutDays {
  /** The compared period (the later one). */
  period: { from: string; to: string };
  /** First and last day at zero stock (clipped to the period). */
  start: string;
  end: string;
}

/**
 * Per channel, the share of the period's orders (as they would have been with the SKUs in stock) that
 * fell on the days out. `missing(ch)` is the part of the channel's orders the SKUs took before (their
 * lines that were their order's one line ÷ the channel's orders): those orders are absent from the days
 * out, so the days out count them back. A channel with no orders in the period gets the days' share.
 */
export function outDayShares(rows: Row[], x: OutDays, missing: (channel: string) => number): Map<string, number> {
  const from = x.start > x.period.from ? x.start : x.period.from;
  const to = x.end < x.period.to ? x.end : x.period.to;
  const byChannel = new Map<string, { out: number; kept: number }>();
  for (const r of rows) {
    const day = String(r.day).slice(0, 10);
    if (day < x.period.from || day > x.period.to) continue;
    const ch = String(r.channel);
    const cur = byChannel.get(ch) ?? { out: 0, kept: 0 };
    if (day >= from && day <= to) cur.out += Number(r.orders);
    else cur.kept += Number(r.orders);
    byChannel.set(ch, cur);
  }
  const out = new Map<string, number>();
  for (const [ch, v] of byChannel) {
    const m = Math.min(Math.max(missing(ch), 0), 0.9);
    const outFull = v.out / (1 - m);
    out.set(ch, outFull + v.kept > 0 ? outFull / (outFull + v.kept) : dayShare(x, from, to));
  }
  return out;
}

/** The days out ÷ the period's days: the share when no orders say otherwise. */
export function dayShare(x: OutDays, from: string, to: string): number {
  return from > to ? 0 : dayCount(from, to) / dayCount(x.period.from, x.period.to);
}
