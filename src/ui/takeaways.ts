// A briefing's first lines written from the turn's findings (the claims the tools computed from their rows),
// not re-read from the answer's prose: the figures are the findings' own, rounded to what a reader takes in
// at a glance, and the words are the reader's language. Pure: the Answer component passes the steps' findings.
import {
  CHANNEL_LABELS,
  dataValueLabel,
  type Finding,
  type FindingOf,
  knownTerm,
  columnUnit,
  type Unit,
} from '../protocol/index.ts';
import { periodWords } from '../protocol/periods.ts';
import { roundCount, roundMoney, roundPercent, trim } from './briefing.ts';
import { TAKEAWAY_EN, TAKEAWAY_ZH, type TakeawayWords } from './takeaway-words.ts';
import type { Lang } from './i18n.ts';

const MINUS = '\u2212';
const CHANGE = /_change$/;

type Shown = Unit | 'multiple';

/** How a metric's values read; a ROAS is a multiple (1.7×), an unknown id a plain number. */
function unitOf(metric: string): Shown {
  const id = metric.replace(CHANGE, '');
  if (/^roas$/i.test(id)) return 'multiple';
  return columnUnit(id) ?? 'count';
}

/** A value rounded by its size and unit: $15.2k, 82%, 1.7×, 12.3k; `signed` puts + or − in front. */
export function roundValue(v: number, unit: Shown, l: Lang, signed = false): string {
  const abs = Math.abs(v);
  const sign = !signed ? (v < 0 ? MINUS : '') : v < 0 ? MINUS : v > 0 ? '+' : '';
  if (unit === 'money') return `${sign}${roundMoney(abs, l)}`;
  if (unit === 'ratio') return `${sign}${roundPercent(abs * 100)}`;
  if (unit === 'multiple') return `${sign}${trim(abs, abs >= 10 ? 0 : 1)}×`;
  if (abs >= 1e4) return `${sign}${roundCount(abs, l)}`;
  return `${sign}${abs >= 100 || Number.isInteger(abs) ? Math.round(abs).toLocaleString('en-US') : trim(abs, 1)}`;
}

/** A metric's name in the reader's language; a name no dictionary knows is shown in words, never as an id. */
function metricName(metric: string, l: Lang): string {
  const id = metric.replace(CHANGE, '');
  const known = knownTerm(id, l);
  if (known) return known;
  const words = id.replace(/_+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A period label in words; in Chinese, a label that stays English ("June 2025 at the same age") is left out. */
function periodName(label: string | undefined, l: Lang): string {
  if (!label) return '';
  const w = periodWords(label)[l];
  return l === 'zh' && /[A-Za-z]{3,}/.test(w) ? '' : w;
}

/** A segment, period or item name in the reader's language (channels, countries, categories, months). */
function itemName(name: string, l: Lang): string {
  if (Object.hasOwn(CHANNEL_LABELS, name)) return CHANNEL_LABELS[name as keyof typeof CHANNEL_LABELS][l];
  if (/^\d{4}(?:-\d{2}|-?Q[1-4])?$/.test(name)) return periodWords(name)[l];
  return knownTerm(name, l) ?? dataValueLabel(name, l);
}

const isWhole = (f: FindingOf<'change'>) => f.subject === 'total' || f.subject === f.period;

function changeLine(f: FindingOf<'change'>, l: Lang, w: TakeawayWords): string {
  const unit = unitOf(f.metric);
  const m = metricName(f.metric, l);
  const p = periodName(f.period, l);
  const to = roundValue(f.to, unit, l);
  if (f.direction === 'flat') return w.flat(m, to, p);
  if (f.relative === null) return w.fromZero(m, to, p);
  // A rate moves in percentage points: "fell 0.8 pp", not "fell 21 %" of itself.
  const by =
    unit === 'ratio'
      ? `${trim(Math.abs(f.absolute) * 100, Math.abs(f.absolute) >= 0.1 ? 0 : 1)} pp`
      : roundPercent(Math.abs(f.relative) * 100);
  const base = periodName(f.base, l);
  const from = roundValue(f.from, unit, l);
  return w.change(m, f.direction === 'down', by, to, p, base ? `${base}${l === 'zh' ? '：' : ': '}${from}` : from);
}

/** The names explain_change gives its season-and-trend cause (src/tools/explain/findings.ts). */
const SEASON = new Set(['seasonality', 'general trend', '季节', '整体趋势']);

/**
 * The cause with the largest share of an explained change, among those that moved the same way as the change;
 * season and trend is the expected move, not a cause, so it is never named the biggest one.
 */
function causeLine(shares: FindingOf<'share'>[], l: Lang, w: TakeawayWords): string | null {
  const season = new Set(shares.filter((s) => SEASON.has(s.subject)).map((s) => `${s.value}|${s.share}`));
  const causes = shares.filter((s) => s.share > 0 && !season.has(`${s.value}|${s.share}`));
  const top = [...causes].sort((a, b) => b.share - a.share)[0];
  if (!top) return null;
  const name = itemName(top.subject, l);
  const effect = roundValue(top.value, unitOf(top.metric), l, true);
  // A cause larger than the whole change (others offset it) is true as a share but reads as an error: "133 % of
  // the change". The effect alone says it without inviting the question.
  if (top.share > 1) return w.causeEffect(name, effect);
  return w.cause(name, roundPercent(Math.abs(top.share) * 100), effect);
}

function stockLine(findings: Finding[], l: Lang, w: TakeawayWords): string | null {
  const count = findings.find((f): f is FindingOf<'count'> => f.kind === 'count' && f.condition === 'out_of_stock');
  if (count)
    return count.count > 0
      ? w.outOfStock(count.count, periodName(count.period, l))
      : w.noneOutOfStock(periodName(count.period, l));
  const none = findings.find(
    (f): f is FindingOf<'threshold'> => f.kind === 'threshold' && f.condition === 'out_of_stock' && !f.holds,
  );
  if (none) return w.noneOutOfStock(periodName(none.period, l));
  const now = findings.find((f): f is FindingOf<'count'> => f.kind === 'count' && f.condition === 'at zero stock now');
  return now ? w.zeroNow(now.count) : null;
}

function extremeLine(findings: Finding[], l: Lang, w: TakeawayWords): string | null {
  const hi = findings.find((f): f is FindingOf<'extreme'> => f.kind === 'extreme' && f.which === 'highest');
  const lo = findings.find(
    (f): f is FindingOf<'extreme'> =>
      f.kind === 'extreme' && f.which === 'lowest' && hi !== undefined && f.metric === hi.metric && f.over === hi.over,
  );
  if (!hi || !lo) return null;
  const unit = unitOf(hi.metric);
  const over = w.over[hi.over] ?? metricName(hi.over, l).toLowerCase();
  const v = (p: { value: number }) => roundValue(p.value, unit, l);
  return w.extreme(
    over,
    itemName(hi.subject.name, l),
    v(hi.subject),
    itemName(lo.subject.name, l),
    v(lo.subject),
    hi.excluded.length,
  );
}

function rankingLine(f: FindingOf<'ranking'>, l: Lang, w: TakeawayWords): string | null {
  const first = f.items[0];
  if (!first) return null;
  const by = w.over[f.by] ?? metricName(f.by, l).toLowerCase();
  const value = roundValue(first.value, unitOf(f.metric), l, CHANGE.test(f.metric));
  return w.ranking(f.direction === 'top', by, itemName(first.name, l), value, f.fellToZero.length);
}

function shareLine(shares: FindingOf<'share'>[], l: Lang, w: TakeawayWords): string | null {
  const top = [...shares].sort((a, b) => b.share - a.share)[0];
  if (!top || top.share >= 1) return null;
  return w.share(itemName(top.subject, l), roundPercent(top.share * 100), metricName(top.metric, l));
}

function rateLine(f: FindingOf<'rate'>, l: Lang, w: TakeawayWords): string {
  return w.rate(metricName(f.metric, l), roundValue(f.rate, unitOf(f.metric) === 'multiple' ? 'multiple' : 'ratio', l));
}

const of = <K extends Finding['kind']>(fs: Finding[], k: K) => fs.filter((f): f is FindingOf<K> => f.kind === k);

/** Candidate lines, most telling first: the headline change, its biggest cause, stock, extremes, rankings, shares. */
function candidates(findings: Finding[], l: Lang, w: TakeawayWords): (string | null)[] {
  const changes = of(findings, 'change');
  const head = changes.find(isWhole) ?? (changes.length === 1 ? changes[0] : undefined);
  const shares = of(findings, 'share');
  const ranking = of(findings, 'ranking')[0];
  const rate = of(findings, 'rate').find((f) => f.subject === 'all');
  return [
    head ? changeLine(head, l, w) : null,
    causeLine(
      shares.filter((s) => CHANGE.test(s.metric)),
      l,
      w,
    ),
    stockLine(findings, l, w),
    extremeLine(findings, l, w),
    ranking ? rankingLine(ranking, l, w) : null,
    shareLine(
      shares.filter((s) => !CHANGE.test(s.metric)),
      l,
      w,
    ),
    rate ? rateLine(rate, l, w) : null,
  ];
}

/**
 * Two or three takeaway lines from the findings, in `l`; [] when the findings say nothing a line can carry
 * (the answer's own opening is used then). A maturity finding always gets a line: a still-arriving figure
 * read as final is the mistake a briefing must not invite.
 */
export function takeawaysFrom(findings: readonly Finding[], l: Lang, max = 3): string[] {
  const w = l === 'zh' ? TAKEAWAY_ZH : TAKEAWAY_EN;
  const list = [...findings];
  const lines = [...new Set(candidates(list, l, w).filter((x): x is string => x !== null))];
  const late = of(list, 'maturity')[0];
  const maturing = late ? w.maturing(metricName(late.metric, l), periodName(late.period, l), late.after) : null;
  const room = maturing ? max - 1 : max;
  return [...lines.slice(0, room), ...(maturing ? [maturing] : [])];
}

/** The findings of every finished step of an answer, in the order the tools ran. */
export function findingsOf(steps: readonly { record?: { findings?: Finding[] } }[]): Finding[] {
  return steps.flatMap((s) => s.record?.findings ?? []);
}
