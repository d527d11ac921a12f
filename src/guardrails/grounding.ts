// Grounding check: every number in an answer must come from the turn's tool results (or the question).
// Pure: the loop records what did not match, for the UI and the eval suite.

export interface NumberMention {
  /** As written in the text, e.g. "$1.2M", "12.3%", "3.4万". */
  text: string;
  /** The value it stands for after units (1.2M → 1_200_000; 12.3% → 12.3 with percent=true). */
  value: number;
  percent: boolean;
  /** Half-width of the interval the written number rounds from. */
  tolerance: number;
}

export interface GroundingResult {
  ungrounded: string[];
  checked: number;
}

const UNITS: Record<string, number> = {
  k: 1e3,
  K: 1e3,
  thousand: 1e3,
  千: 1e3,
  m: 1e6,
  M: 1e6,
  mn: 1e6,
  million: 1e6,
  百万: 1e6,
  b: 1e9,
  B: 1e9,
  bn: 1e9,
  billion: 1e9,
  万: 1e4,
  亿: 1e8,
};

// Not preceded by a Latin letter/digit (SKU-12, Q2, v1.2) and not followed by one (12px); CJK around numbers is normal.
const NUM =
  /(?<![A-Za-z0-9_.][-/]?|[A-Za-z0-9_.])(?:US\$|CA\$|A\$|AU\$|C\$|\$|€|£|¥|￥|USD\s?|EUR\s?|GBP\s?)?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(\s?(?:%|％|percent\b|pp\b|thousand\b|million\b|billion\b|bn\b|mn\b|[kKMB](?![A-Za-z])|千|百万|万|亿))?(?![A-Za-z0-9])/g;

// Dates, times and list markers are labels, not quantities.
const NOT_QUANTITIES = [
  /\b\d{4}-\d{2}(?:-\d{2})?(?:[ T]\d{2}:\d{2}(?::\d{2})?)?\b/g,
  /\b\d{1,2}:\d{2}(?::\d{2})?\b/g,
  /\d{4}\s?年(?:\s?\d{1,2}\s?月)?(?:\s?\d{1,2}\s?[日号])?/g,
  /\d{1,2}\s?月(?:\s?\d{1,2}\s?[日号])?/g,
  /第\s?\d+\s?[季周]度?/g,
  /^\s*\d+[.)、]\s/gm,
  /\b(?:Q[1-4]|H[12]|W\d{1,2})\b/g,
];

export function extractNumbers(text: string): NumberMention[] {
  let t = text;
  for (const re of NOT_QUANTITIES) t = t.replace(re, (m) => ' '.repeat(m.length));
  const out: NumberMention[] = [];
  for (const m of t.matchAll(NUM)) {
    const digits = m[1]!;
    const unitRaw = (m[2] ?? '').trim();
    const hasCurrency = /\D/.test(m[0].slice(0, m[0].indexOf(digits)));
    const n = Number(digits.replace(/,/g, ''));
    if (!Number.isFinite(n)) continue;
    const decimals = digits.includes('.') ? digits.split('.')[1]!.length : 0;
    // A bare four-digit year is a label.
    if (!unitRaw && !hasCurrency && decimals === 0 && !digits.includes(',') && n >= 1900 && n <= 2100) continue;
    const percent = unitRaw === '%' || unitRaw === '％' || unitRaw === 'percent' || unitRaw === 'pp';
    const mult = percent ? 1 : (UNITS[unitRaw] ?? 1);
    let tolerance: number;
    if (decimals === 0 && mult === 1 && !percent) {
      // Whole amounts and counts: exact, except that "about 1,200" rounds to the nearest hundred.
      const zeros = n >= 1000 ? (/0+$/.exec(String(n))?.[0].length ?? 0) : 0;
      tolerance = 10 ** zeros / 2;
    } else {
      // Rounded to a decimal, a unit or a percentage: may also have been truncated, so a whole step.
      tolerance = 10 ** -decimals * mult;
    }
    out.push({ text: m[0].trim(), value: n * mult, percent, tolerance: tolerance + 1e-9 });
  }
  return out;
}

/** Every number in the tool results: row values, numeric strings, numbers in summaries and structured data. */
export function collectSourceNumbers(sources: unknown[]): number[] {
  const nums: number[] = [];
  const walk = (v: unknown, depth: number): void => {
    if (depth > 8 || v === null || v === undefined) return;
    if (typeof v === 'number') {
      if (Number.isFinite(v)) nums.push(v);
    } else if (typeof v === 'bigint') nums.push(Number(v));
    else if (typeof v === 'string') {
      const s = v.trim();
      if (/^-?\d+(\.\d+)?$/.test(s)) nums.push(Number(s));
      else for (const m of extractNumbers(s)) nums.push(m.value);
    } else if (Array.isArray(v)) for (const x of v) walk(x, depth + 1);
    else if (typeof v === 'object') for (const x of Object.values(v as Record<string, unknown>)) walk(x, depth + 1);
  };
  for (const s of sources) walk(s, 0);
  return nums;
}

function matches(m: NumberMention, source: number): boolean {
  const s = Math.abs(source);
  const v = Math.abs(m.value);
  const near = (a: number) => Math.abs(a - v) <= m.tolerance;
  if (m.percent) return near(s * 100) || near(s);
  return near(s) || near(s * 100) || near(s / 100);
}

export function checkGrounding(answer: string, sources: unknown[]): GroundingResult {
  const mentions = extractNumbers(answer);
  const nums = collectSourceNumbers(sources);
  const ungrounded = mentions.filter((m) => !nums.some((s) => matches(m, s))).map((m) => m.text);
  return { ungrounded: [...new Set(ungrounded)], checked: mentions.length };
}
