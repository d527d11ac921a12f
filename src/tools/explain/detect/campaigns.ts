// Campaigns that started or ended around the period: marketing_campaigns overlapping the window,
// their traffic sources (traffic_sources.campaign_id) and attributed orders (order_campaign_map).
// Whether it is a start or an end is read from how many of its days fall in each period.
import type { Row } from '../../../db/types.ts';
import { bounds } from '../../filters.ts';
import { dayCount } from '../../../calendar/index.ts';
import { sql, type Fragment } from '../../sql/fragment.ts';
import type { DetectedEvent, Window } from './types.ts';

export const CAMPAIGN_LABEL =
  'evidence: campaigns overlapping the periods (marketing_campaigns, traffic_sources, order_campaign_map)';

/** A campaign source's sessions must reach this in one period before their move counts on its own. */
const MIN_SESSIONS = 100;
/**
 * A campaign that ran in both periods but whose source took this much less than its days there and
 * the organic traffic's growth say, by this many standard errors, stopped or was cut early: the
 * calendar still lists it, its traffic says otherwise.
 */
const SHORTFALL = 0.25;
const SHORTFALL_Z = 5;

/**
 * How far the source's period sessions fell short of its comparison sessions × its share of days in
 * each × the organic sessions' growth; null when it ran on no comparison day or fell short of nothing.
 */
export function campaignShortfall(
  s: { a: number; b: number },
  shareA: number,
  shareB: number,
  organicGrowth: number,
): { expected: number; relative: number } | null {
  if (shareA <= 0 || shareB <= 0 || !(organicGrowth > 0) || s.a < MIN_SESSIONS) return null;
  const expected = s.a * (shareB / shareA) * organicGrowth;
  const short = expected - s.b;
  const z = short / Math.sqrt(s.b + expected);
  return short >= SHORTFALL * expected && z >= SHORTFALL_Z ? { expected, relative: short / expected } : null;
}

export function campaignQuery(w: Window): Fragment {
  const lo = w.a.from < w.b.from ? w.a.from : w.b.from;
  const hi = w.a.to > w.b.to ? w.a.to : w.b.to;
  const [alo, ahi] = bounds(w.a);
  const [blo, bhi] = bounds(w.b);
  return sql`SELECT mc.campaign_id, mc.campaign_name, mc.campaign_type, mc.start_date, mc.end_date, mc.discount_value,
      ts.source_name,
      (SELECT COUNT(*) FROM order_campaign_map m JOIN orders o ON o.order_id = m.order_id
        WHERE m.campaign_id = mc.campaign_id AND o.order_status <> 'cancelled' AND o.order_date >= ${alo} AND o.order_date < ${ahi}) AS orders_a,
      (SELECT COUNT(*) FROM order_campaign_map m JOIN orders o ON o.order_id = m.order_id
        WHERE m.campaign_id = mc.campaign_id AND o.order_status <> 'cancelled' AND o.order_date >= ${blo} AND o.order_date < ${bhi}) AS orders_b
    FROM marketing_campaigns mc LEFT JOIN traffic_sources ts ON ts.campaign_id = mc.campaign_id
    WHERE mc.start_date <= ${hi} AND mc.end_date >= ${lo}
    ORDER BY mc.start_date, mc.campaign_id`;
}

function overlapDays(s: string, e: string, p: { from: string; to: string }): number {
  const from = s > p.from ? s : p.from;
  const to = e < p.to ? e : p.to;
  return from > to ? 0 : dayCount(from, to);
}

/** Rows of a yearly campaign whose other edition ran the same share of the other period: it neither started nor stopped. */
function recurringEditions(rows: Row[], shares: { a: number; b: number }[], yearless: (r: Row) => string): Set<number> {
  const recurring = new Set<number>();
  rows.forEach((r, i) => {
    const alike = (q: Row, j: number) =>
      i !== j &&
      yearless(r) === yearless(q) &&
      Math.abs(shares[i]!.a - shares[j]!.b) < 0.2 &&
      Math.abs(shares[i]!.b - shares[j]!.a) < 0.2;
    if (rows.some(alike)) recurring.add(i);
  });
  return recurring;
}

/**
 * `sourceName` maps a campaign's traffic source to the name the cube uses: a yearly campaign's
 * editions are one source there, so a year-on-year question sees it as one campaign that ran less.
 */
export function detectCampaigns(
  rows: Row[],
  w: Window,
  sessions: (source: string) => { a: number; b: number },
  sourceName: (source: string) => string = (x) => x,
  organicGrowth = 0,
): DetectedEvent[] {
  const out: DetectedEvent[] = [];
  // A yearly campaign (same name but the year) that ran in both periods did not start or stop: skip both editions.
  const yearless = (r: Row) =>
    String(r.campaign_name)
      .replace(/\s*\b(19|20)\d{2}\b/g, '')
      .trim();
  const shares = rows.map((r) => {
    const s = String(r.start_date).slice(0, 10);
    const e = String(r.end_date).slice(0, 10);
    return {
      a: overlapDays(s, e, w.a) / dayCount(w.a.from, w.a.to),
      b: overlapDays(s, e, w.b) / dayCount(w.b.from, w.b.to),
    };
  });
  const recurring = recurringEditions(rows, shares, yearless);
  const sourceOf = (r: Row) =>
    r.source_name === null || r.source_name === undefined ? null : sourceName(String(r.source_name));
  // Year on year both editions of a yearly campaign are one source: its days are theirs together.
  const daysOf = new Map<string, { a: number; b: number }>();
  rows.forEach((r, i) => {
    const src = sourceOf(r);
    if (!src) return;
    const d = daysOf.get(src) ?? { a: 0, b: 0 };
    daysOf.set(src, { a: d.a + shares[i]!.a, b: d.b + shares[i]!.b });
  });
  const cut = new Set<string>();
  for (const [idx, r] of rows.entries()) {
    const source = sourceOf(r);
    const s = source ? sessions(source) : { a: 0, b: 0 };
    const days = source ? daysOf.get(source)! : { a: 0, b: 0 };
    const short = Math.abs(days.a - days.b) < 0.2 ? campaignShortfall(s, days.a, days.b, organicGrowth) : null;
    if (short && source && shares[idx]!.b > 0) {
      if (!cut.has(source)) out.push(cutCampaign(r, source, s, short));
      cut.add(source);
      continue;
    }
    if (recurring.has(idx) || (source && cut.has(source))) continue;
    const start = String(r.start_date).slice(0, 10);
    const end = String(r.end_date).slice(0, 10);
    const lenA = dayCount(w.a.from, w.a.to);
    const lenB = dayCount(w.b.from, w.b.to);
    const shareA = overlapDays(start, end, w.a) / lenA;
    const shareB = overlapDays(start, end, w.b) / lenB;
    const daysAlike = Math.abs(shareA - shareB) < 0.2;
    // Four days of Black Friday against one are a few days apart but most of a month's campaign traffic.
    const sessionsMoved = Math.max(s.a, s.b) >= MIN_SESSIONS && Math.abs(s.b - s.a) >= 0.5 * Math.max(s.a, s.b);
    if (daysAlike && !sessionsMoved) continue; // ran (or not) alike in both periods
    const kind = (daysAlike ? s.b > s.a : shareB > shareA) ? 'campaign_start' : 'campaign_end';
    // A yearly campaign that ran in the comparison but less in the period: the edition of the
    // period's year is the one that stopped (or never came); name it, with last year's in the facts.
    const edition = rows.find(
      (q, j) =>
        j !== idx &&
        yearless(q) === yearless(r) &&
        (kind === 'campaign_end' ? shares[j]!.b > 0 || shares[j]!.a === 0 : true) &&
        String(q.start_date) > String(r.start_date),
    );
    const shown = kind === 'campaign_end' && edition ? edition : r;
    const sStart = String(shown.start_date).slice(0, 10);
    const sEnd = String(shown.end_date).slice(0, 10);
    out.push({
      kind,
      segment: source ? { source: [source] } : { channel: ['own_website'] },
      title: `${kind === 'campaign_start' ? 'Campaign started' : 'Campaign ended'}: ${shown.campaign_name} (${shown.campaign_type}, ${sStart} to ${sEnd})`,
      start: kind === 'campaign_start' ? sStart : sEnd,
      end: kind === 'campaign_start' ? sEnd : null,
      evidenceQuery: CAMPAIGN_LABEL,
      facts: {
        campaign: String(shown.campaign_name),
        campaign_type: String(shown.campaign_type),
        start_date: sStart,
        end_date: sEnd,
        ...(shown !== r ? { comparison_edition: `${r.campaign_name} (${start} to ${end})` } : {}),
        traffic_source: source,
        sessions_a: s.a,
        sessions_b: s.b,
        attributed_orders_a: Number(r.orders_a),
        attributed_orders_b: Number(r.orders_b),
        discount_pct: r.discount_value === null ? null : Number(r.discount_value),
      },
    });
  }
  return out;
}

/**
 * A campaign on the calendar in both periods whose traffic fell far short of its schedule: ended or
 * cut early. Its stop day is not on record, so the event carries no dates.
 */
function cutCampaign(
  r: Row,
  source: string,
  s: { a: number; b: number },
  short: { expected: number; relative: number },
): DetectedEvent {
  const start = String(r.start_date).slice(0, 10);
  const end = String(r.end_date).slice(0, 10);
  return {
    kind: 'campaign_end',
    segment: { source: [source] },
    title: `Campaign cut short: ${r.campaign_name} (${r.campaign_type}, on the calendar ${start} to ${end}) took ${Math.round(short.relative * 100)}% fewer sessions than its days and the organic traffic's growth say`,
    start: null,
    end: null,
    evidenceQuery: CAMPAIGN_LABEL,
    facts: {
      campaign: String(r.campaign_name),
      campaign_type: String(r.campaign_type),
      start_date: start,
      end_date: end,
      traffic_source: source,
      sessions_a: s.a,
      sessions_b: s.b,
      sessions_expected: Math.round(short.expected),
      attributed_orders_a: Number(r.orders_a),
      attributed_orders_b: Number(r.orders_b),
      discount_pct: r.discount_value === null ? null : Number(r.discount_value),
    },
  };
}
