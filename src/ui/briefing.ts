// An answer read as a manager's briefing: its opening in two or three short lines with figures rounded to
// what a reader takes in at a glance ($15.2k, −13%, 82%), and the rest of the text in titled sections
// that fold away. Pure text work: every rounded figure is a rounding of a figure the answer states, which
// the grounding check has already traced to a query result, so a rounding still matches that result
// (the check allows a number written with fewer digits the width of its last digit).
import type { Lang } from './i18n.ts';

const MINUS = '\u2212';

/** d decimals, trailing zeros dropped: 8.80 → "8.8", 13.0 → "13". */
export function trim(v: number, d: number): string {
  return v.toFixed(d).replace(/\.?0+$/, '') || '0';
}

/** Digits grouped in threes, for amounts shown whole. */
const grouped = (v: number) => Math.round(v).toLocaleString('en-US');

/** A money amount (no sign) with precision that follows its size: $322, $1.0k, $15.2k, $116k, $1.2M; 万 in Chinese. */
export function roundMoney(abs: number, l: Lang): string {
  if (l === 'zh') {
    if (abs >= 1e8) return `$${trim(abs / 1e8, abs >= 1e9 ? 1 : 2)}亿`;
    if (abs >= 1e4) return `$${trim(abs / 1e4, abs >= 1e6 ? 0 : abs >= 1e5 ? 1 : 2)}万`;
  } else {
    if (abs >= 1e9) return `$${trim(abs / 1e9, 1)}B`;
    if (abs >= 1e6) return `$${trim(abs / 1e6, 1)}M`;
    if (abs >= 1e5) return `$${Math.round(abs / 1e3)}k`;
    if (abs >= 1e3) return `$${(abs / 1e3).toFixed(1)}k`;
  }
  if (abs >= 10) return `$${grouped(abs)}`;
  return `$${trim(abs, 2)}`;
}

/** A percentage (no sign, in percent units): whole from 10 up, one decimal from 1, two below. */
export function roundPercent(abs: number): string {
  if (abs >= 10) return `${Math.round(abs)}%`;
  if (abs >= 1) return `${trim(abs, 1)}%`;
  return `${trim(abs, 2)}%`;
}

/** A large plain count: 12.3k / 1.23万 (callers keep counts under 10,000 as they are). */
export function roundCount(abs: number, l: Lang): string {
  if (l === 'zh') return abs >= 1e8 ? `${trim(abs / 1e8, 2)}亿` : `${trim(abs / 1e4, abs >= 1e6 ? 0 : 2)}万`;
  if (abs >= 1e6) return `${trim(abs / 1e6, 1)}M`;
  return abs >= 1e5 ? `${Math.round(abs / 1e3)}k` : `${(abs / 1e3).toFixed(1)}k`;
}

// A sign, a dollar sign, the digits, and a percent or "pp". Not inside a Latin word or a code (SKU-001,
// 2025-07-01), but right after a Chinese character ("为$1,234"):
// only amounts with a $, percentages and grouped numbers from 10,000 up are rewritten.
const FIGURE =
  /(?<![A-Za-z0-9_.\-/])([-−+]?)(\$)?([-−+]?)(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(\s?(?:%|％|pp\b))?(?![\p{N}%])/gu;

/** Every money amount, percentage and large count in `text`, rounded; a hyphen used as minus becomes "−". */
export function roundFigures(text: string, l: Lang): string {
  return text.replace(FIGURE, (all, s1: string, dollar: string, s2: string, digits: string, unit: string) => {
    const v = Number(digits.replace(/,/g, ''));
    if (!Number.isFinite(v)) return all;
    const sign = (s1 || s2).replace('-', MINUS);
    const u = (unit ?? '').trim();
    if (dollar) return `${sign}${roundMoney(v, l)}`;
    if (u === '%' || u === '％') return `${sign}${roundPercent(v)}`;
    if (u === 'pp') return `${sign}${trim(v, v >= 10 ? 0 : 1)} pp`;
    if (digits.includes(',') && v >= 1e4) return `${sign}${roundCount(v, l)}`;
    return all;
  });
}

/** Markdown emphasis and links reduced to their words, for lines shown as plain text. */
function plain(md: string): string {
  return md
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__|`)/g, '')
    .replace(/(^|\s)[*_](\S[^*_]*)[*_](?=\s|$|[.,;:])/g, '$1$2')
    .trim();
}

const isList = (line: string) => /^\s*(?:[-*+]|\d+[.)])\s/.test(line);
const isHeading = (line: string) => /^#{1,6}\s/.test(line);
const isTable = (line: string) => /^\s*\|/.test(line);

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Sentences of a paragraph; a long sentence is cut at its semicolons, so each line stays short. */
export function sentences(paragraph: string): string[] {
  const out: string[] = [];
  for (const s of paragraph.split(/(?<=[.!?])\s+(?=\S)|(?<=[。！？])/u)) {
    const t = s.trim();
    if (!t) continue;
    if (t.length > 140)
      out.push(...t.split(/(?<=;)\s+|(?<=；)/u).map((p) => capital(p.trim().replace(/;$/, '.').replace(/；$/, '。'))));
    else out.push(t);
  }
  return out.filter(Boolean);
}

export interface Section {
  /** The lead-in line without its colon ("Causes, largest first"); empty for loose paragraphs. */
  title: string;
  markdown: string;
}

export interface Briefing {
  /** Two or three plain lines, figures rounded. */
  takeaways: string[];
  /** The same lines as written, exact: to match them against the claim check's sentences. */
  exact: string[];
  /** The rest of the answer in the order written, exact figures kept. */
  sections: Section[];
}

/**
 * Splits an answer: the opening paragraph gives the takeaways; a paragraph ending in a colon with its list
 * becomes a titled section; other paragraphs are gathered into one untitled section. While the answer is
 * still streaming only finished sentences are used, so no half-written figure is ever rounded.
 */
export function briefing(text: string, l: Lang, streaming = false, max = 3): Briefing {
  const blocks = text
    .replace(/\r/g, '')
    .split(/\n\s*\n/)
    .map((b) => b.trim())
    .filter(Boolean);
  const first = blocks[0] ?? '';
  const leadIsProse = first && !isList(first) && !isHeading(first) && !isTable(first);
  const lead = leadIsProse ? first : '';
  const rest = leadIsProse ? blocks.slice(1) : blocks;
  let lines = sentences(lead.replace(/\n/g, ' '));
  // The last sentence may still be arriving ("$11." of "$11,655.11"): shown once the paragraph or the stream ends.
  if (streaming && rest.length === 0 && !/[。！？]$/.test(lead)) lines = lines.slice(0, -1);
  const exact = lines.slice(0, max).map(plain);
  const takeaways = exact.map((s) => roundFigures(s, l));
  const sections: Section[] = [];
  const loose: string[] = [];
  for (const b of rest) {
    const [head, ...body] = b.split('\n');
    if (/[:：]$/.test(head!.trim()) && body.length && body.every((x) => isList(x) || /^\s+\S/.test(x))) {
      sections.push({ title: plain(head!.trim().replace(/[:：]$/, '')), markdown: body.join('\n') });
    } else loose.push(b);
  }
  // Sentences of the opening left out of the takeaways are kept, exact, ahead of the loose paragraphs.
  const unused = lines.slice(max).join(' ');
  if (unused) loose.unshift(unused);
  if (loose.length) sections.push({ title: '', markdown: loose.join('\n\n') });
  return { takeaways, exact, sections };
}

/**
 * The briefing of an answer whose takeaways were written from the turn's findings (src/ui/takeaways.ts): those
 * lines lead, and the answer's own opening moves, exact, into the untitled folded section ("More detail") after
 * the titled ones, so no sentence is lost.
 */
export function briefingFrom(text: string, l: Lang, lines: string[], streaming = false): Briefing {
  const b = briefing(text, l, streaming, 0);
  return { takeaways: lines, exact: [], sections: b.sections };
}

/** Words and digits only, so a sentence matches however it was split or marked up. */
const bare = (s: string) => s.replace(/[^\p{L}\p{N}]+/gu, '');

/**
 * Whether the claim check found a finding behind this line: a verified claim sentence and the line overlap
 * (one holds the other; the check and the briefing cut sentences at slightly different places).
 */
export function isVerified(exactLine: string, verified: readonly string[]): boolean {
  const line = bare(exactLine);
  if (line.length < 8) return false;
  return verified.some((v) => {
    const b = bare(v);
    return b.length >= 8 && (b.includes(line) || line.includes(b));
  });
}
