// Periods named in a question ("July", "Q2 2025", "上个月", "去年同期"), resolved against the data's own
// calendar: a month without a year is the latest such month in the data, never the wall clock's.
import {
  addDaysTo,
  addMonthsTo,
  bucketStartOf,
  dayCount,
  dayParts,
  isValidDay,
  lastDayOfMonth,
  latestFullMonth,
  monthPeriod as calendarMonth,
  monthStart,
  namePeriod,
  quarterPeriod as calendarQuarter,
  shiftYears as shiftSpanYears,
  yearPeriod as calendarYear,
  type NamedPeriod,
  type RelativePeriod,
} from '../../../calendar/index.ts';
import type { DataRange } from '../../../tools/types.ts';
import type { CompareTo, Period } from '../intent.ts';
import { anyNumber, NUMBER_WORD, zhNumber } from '../../../guardrails/number-words.ts';

export interface PeriodMentions {
  period?: Period;
  compare_to?: CompareTo;
  /** "去年同期呢？", "same time last year?": asks for the same period a year back, not (only) compares against it. */
  sameTimeLastYear?: boolean;
  /** A bare "last year"/"去年": a year on its own, or, in a follow-up, the same period a year back. */
  lastYearBare: boolean;
  /** The named period starts after the data ends. */
  future: boolean;
  /** The base (compare_to) was named without its year ("比10月差"): a follow-up places it before its own period. */
  baseYearless?: boolean;
  /** The named period ends before the data starts. */
  beforeData: boolean;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
// A month name ends where the word does: "5 decliners" names no 5 December, "jul2025" still July.
const EN_MONTH = String.raw`(january|february|march|april|may|june|july|august|september|sept|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec)(?![a-z])\.?`;
const ZH_MONTH = String.raw`(1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])\s*月(?:份)?`;
const YEAR = String.raw`((?:19|20)\d{2})`;

const monthOf = (w: string): number => MONTHS.indexOf(w.toLowerCase().slice(0, 3)) + 1;
const zhMonthOf = (w: string): number => (/^\d+$/.test(w) ? Number(w) : (zhNumber(w) ?? 0));

// The calendar's periods in the intent's shape: the calendar's kinds are the intent's grains.
const asPeriod = (n: NamedPeriod): Period => ({ start: n.from, end: n.to, grain: n.kind });
const monthPeriod = (y: number, m: number): Period => asPeriod(calendarMonth(y, m));
const quarterPeriod = (y: number, q: number): Period => asPeriod(calendarQuarter(y, q));
const yearPeriod = (y: number): Period => asPeriod(calendarYear(y));
/** One day, when it exists ("31 February" does not). */
function dayPeriod(y: number, m: number, d: number): Period | null {
  const day = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return isValidDay(day) ? { start: day, end: day, grain: 'day' } : null;
}
function halfPeriod(y: number, h: number): Period {
  return { start: monthStart(y, h * 6 - 5), end: lastDayOfMonth(y, h * 6), grain: 'range' };
}

interface Found {
  pos: number;
  /** Length of the matched text. */
  len?: number;
  period: Period;
  /** Day, month or quarter named without a year: may take a year named elsewhere in the question. */
  yearless?: { month?: number; quarter?: number; half?: number; day?: number; endDay?: number };
  bareYear?: number;
}

/** Finds and removes matches so later, looser patterns do not see them again. */
class Scanner {
  found: Found[] = [];
  constructor(public text: string) {}
  take(re: RegExp, fn: (m: RegExpExecArray) => Omit<Found, 'pos'> | null): void {
    const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g');
    let m: RegExpExecArray | null;
    const hits: [number, number][] = [];
    while ((m = g.exec(this.text))) {
      if (m[0].length === 0) {
        g.lastIndex++;
        continue;
      }
      const f = fn(m);
      if (f) {
        this.found.push({ pos: m.index, len: m[0].length, ...f });
        hits.push([m.index, m[0].length]);
      }
    }
    for (const [i, n] of hits) this.text = this.text.slice(0, i) + ' '.repeat(n) + this.text.slice(i + n);
  }
  has(re: RegExp): boolean {
    const m = re.exec(this.text);
    if (!m) return false;
    this.text = this.text.slice(0, m.index) + ' '.repeat(m[0].length) + this.text.slice(m.index + m[0].length);
    return true;
  }
}

/** The data's last day, and the latest month m (or quarter q) in it: "July" is last July when the data ends in May. */
interface Calendar {
  max: { y: number; m: number; d: number };
  latestMonth: (m: number) => Period;
  latestQuarter: (q: number) => Period;
}

function calendar(data: DataRange): Calendar {
  const max = dayParts(data.maxDate);
  return {
    max,
    latestMonth: (m) => monthPeriod(m <= max.m ? max.y : max.y - 1, m),
    latestQuarter: (q) => quarterPeriod(q <= Math.ceil(max.m / 3) ? max.y : max.y - 1, q),
  };
}

/**
 * Years written short, as managers type them: "Q1 '25", "Jun ’25", "FY25", "FY2024", "24年": the four-digit year
 * every reader below expects. A "24年" after 过去/近/最近/这 counts years ("过去25年"), not a year.
 */
export function expandShortYears(q: string): string {
  return (
    q
      .replace(/\bFY\s*'?((?:19|20)\d{2})\b/gi, '$1')
      .replace(/\bFY\s*'?(\d{2})\b/gi, '20$1')
      .replace(/(?<![\w'’‘])['’‘](\d{2})\b(?![%.,]?\d)/g, '20$1')
      .replace(/(?<![\d.过近这前后去]|最近)(\d{2})\s*年(?!代|度?以来)/g, '20$1年')
      // "24下半年", "25上半年": a half after a two-digit year.
      .replace(/(?<![\d.])(\d{2})\s*(?=[上下]半年)/g, '20$1年')
  );
}

const FULL_MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** Levenshtein distance, stopping early once it passes `max`. */
function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    if (Math.min(...row) > max) return max + 1;
    prev = row;
  }
  return prev[b.length]!;
}

/**
 * A misspelt month name beside a year ("septmber 2025", "2025 feburary") read as the month: one slip in a name of up
 * to six letters, two in a longer one. Only next to a year, so ordinary words that happen to be close are left alone.
 */
export function fixMonthTypos(q: string): string {
  const fix = (w: string) => {
    const low = w.toLowerCase();
    if (FULL_MONTHS.includes(low) || low.length < 5) return w;
    const hit = FULL_MONTHS.find((m) => editDistance(low, m, m.length > 6 ? 2 : 1) <= (m.length > 6 ? 2 : 1));
    return hit ?? w;
  };
  return q
    .replace(/\b([A-Za-z]{5,11})(?=,?\s+(?:of\s+)?(?:19|20)\d{2}\b)/g, (w) => fix(w))
    .replace(/(?<=\b(?:19|20)\d{2}\s+)([A-Za-z]{5,11})\b/g, (w) => fix(w));
}

/**
 * "nov 24", "Oct 25 vs Sep 25": a month name with two digits after it, in a question that writes no year, is the month
 * of that year when the data holds the year, as ops staff abbreviate it. "on nov 24", "nov 24th", "Nov 24, 2025" and a
 * number the data has no year for stay days.
 */
export function monthShortYears(q: string, data: DataRange): string {
  if (/\b(?:19|20)\d{2}\b/.test(q)) return q;
  const first = Number(data.minDate.slice(0, 4));
  const last = Number(data.maxDate.slice(0, 4));
  return q
    .replace(
      new RegExp(
        String.raw`(?<!\b(?:on|the)\s+)\b${EN_MONTH}\s*(\d{2})\b(?![:.,]?\d|\s*(?:st|nd|rd|th)\b|\s*[-–]\s*\d)`,
        'gi',
      ),
      (whole, month: string, yy: string) => {
        const y = 2000 + Number(yy);
        return y >= first && y <= last ? `${month} ${y}` : whole;
      },
    )
    .replace(/\b([hq])([1-4])\s*(\d{2})\b(?![:.,]?\d)/gi, (whole, unit: string, n: string, yy: string) => {
      // "h1 24", "q4 25": a half or quarter with a two-digit year the data holds.
      const y = 2000 + Number(yy);
      const fits = unit.toLowerCase() === 'q' || Number(n) <= 2;
      return fits && y >= first && y <= last ? `${unit.toUpperCase()}${n} ${y}` : whole;
    });
}

/** How the question sets two periods against each other: `transition`, a change from the first to the second ("what
 * dropped to nothing between Q1 and Q2"), so "between A and B" compares them instead of spanning them. */
export interface PeriodReading {
  transition?: boolean;
}

export function parsePeriods(raw: string, data: DataRange, reading: PeriodReading = {}): PeriodMentions {
  const question = fixMonthTypos(monthShortYears(expandShortYears(raw), data));
  const cal = calendar(data);
  const s = new Scanner(question);
  const sameTime = SAME_TIME_LAST_YEAR.test(question) && !COMPARING.test(question.replace(SAME_TIME_LAST_YEAR, ' '));
  // Comparisons first: "去年同期" must not read as the year 去年.
  const compare = comparison(s);
  takeDates(s, cal);
  takeQuarters(s, cal);
  const lastYearBare = takeRelative(s, data, cal);
  takeMonths(s, question, cal);
  // A year on its own ("in 2024", "2024年").
  s.take(new RegExp(String.raw`${YEAR}\s*年?(?!\d)`), (m) => ({
    period: yearPeriod(Number(m[1])),
    bareYear: Number(m[1]),
  }));
  const out = settle(s.found, question, data, compare, lastYearBare, reading.transition ?? false);
  return sameTime && compare === 'previous_year' ? { ...out, sameTimeLastYear: true } : out;
}

const SAME_TIME_LAST_YEAR =
  /去年同期|上年同期|\bsame (?:period|month|quarter|week|day|time) (?:a |the )?(?:last|previous|prior) year\b|\b(?:the )?same (?:period|month|quarter|week|day|time) a year (?:ago|before|earlier)\b/i;
/** Words that make "去年同期" the base of a comparison ("和去年同期相比") rather than the period asked about. */
const COMPARING =
  /\bvs\.?|\bversus\b|\bcompar|\bagainst\b|\bthan\b|\brelative to\b|\byoy\b|\byear[- ](?:over|on)[- ]year\b|比|对比|较|同比/i;

/** The unit a follow-up steps back by from the period being discussed; `period`: that period's own length. */
export type StepUnit = 'day' | 'week' | 'month' | 'quarter' | 'year' | 'period';

/** "the week before", "前一周", "the previous quarter", "上个季度": a step back from the period being discussed. */
export interface StepWords {
  unit: StepUnit;
  /**
   * The words also name a period of their own ("上个季度", "the previous quarter": the latest full one in the data),
   * so they step only in a follow-up; "the week before" and "前一周" name nothing without a period to step from.
   */
  alsoNamed: boolean;
  /** The question without the step words, for the periods it names besides. */
  rest: string;
}

const UNIT_WORDS: Record<string, StepUnit> = {
  day: 'day',
  week: 'week',
  month: 'month',
  quarter: 'quarter',
  year: 'year',
  period: 'period',
  天: 'day',
  日: 'day',
  周: 'week',
  星期: 'week',
  礼拜: 'week',
  月: 'month',
  季度: 'quarter',
  季: 'quarter',
  年: 'year',
};

const STEP_WORDS: [RegExp, boolean][] = [
  [
    /\bthe (day|week|month|quarter|year|period) (?:before|prior|earlier)\b(?!\s+last\b)|\ba (day|week|month|quarter|period) (?:before|prior|earlier)\b(?!\s+last\b)|\bthe preceding (day|week|month|quarter|year|period)\b|\bthe (?:previous|prior) (day|period)\b/i,
    false,
  ],
  [/(?:再往|往)?前一(?:个)?(天|日|周|星期|礼拜|月|季度|年)|上一个(月|季度)之前/, false],
  [/\b(?:the )?(?:previous|prior) (week|month|quarter)\b/i, true],
  [/(?<!上)上一?个?(月|季度|星期|礼拜)|(?<!上)上(周|季)(?!上)/, true],
];

/** The step-back words of a question, if any: the first kind that matches. */
export function stepWords(q: string): StepWords | null {
  for (const [re, alsoNamed] of STEP_WORDS) {
    const m = re.exec(q);
    if (!m) continue;
    const word = m
      .slice(1)
      .find((x) => x !== undefined)!
      .toLowerCase();
    return { unit: UNIT_WORDS[word] ?? 'period', alsoNamed, rest: q.replace(re, ' ') };
  }
  return null;
}

/**
 * The period one `unit` before `p`: the calendar day, Monday week, month, quarter or year before the one holding its
 * first day ("the week before" July 2025 is 23–29 June, "the previous quarter" is Q2 2025); `period`, the unit of `p`
 * itself (a month, quarter or year; else as many days right before).
 */
export function stepBack(p: Period, unit: StepUnit): Period {
  if (unit === 'period') {
    if (p.grain === 'month' || p.grain === 'quarter' || p.grain === 'year' || p.grain === 'week' || p.grain === 'day')
      return stepBack(p, p.grain);
    const len = dayCount(p.start, p.end);
    return { ...p, start: addDaysTo(p.start, -len), end: addDaysTo(p.start, -1) };
  }
  const first = unit === 'year' ? `${p.start.slice(0, 4)}-01-01` : bucketStartOf(p.start, unit);
  const start =
    unit === 'day'
      ? addDaysTo(first, -1)
      : unit === 'week'
        ? addDaysTo(first, -7)
        : addMonthsTo(first, -({ month: 1, quarter: 3, year: 12 } as const)[unit]);
  return { start, end: addDaysTo(first, -1), grain: unit };
}

// "比前一个月", "相对上个月", "较上月", "from the previous month", "than the month before": the period before the one
// asked about, whatever year that is; never the data's own last month.
const PREVIOUS_PERIOD = [
  String.raw`\b(?:vs\.?|versus|compared (?:to|with)|than|against|over|relative to|from|on) (?:the )?(?:previous|prior|preceding|last) (?:month|quarter|period|week)\b`,
  String.raw`\b(?:vs\.?|versus|compared (?:to|with)|than|against|over|relative to|from) (?:the )?(?:month|quarter|week) (?:before|earlier|prior)\b`,
  String.raw`(?:和|与|跟|比|较|同|相对于?|相比于?|对比|比起)\s*(?:上一?个?|前一个?)(?:月|季度|周|星期)(?:比|相比|对比)?`,
];

function comparison(s: Scanner): CompareTo | undefined {
  if (
    s.has(
      /去年同期|同比|上年同期|\byoy\b|\by\/y\b|\by-o-y\b|\byear[- ](?:over|on)[- ]year\b|\bsame (?:period|month|quarter|time) (?:a |the )?(?:last|previous|prior) year\b|\b(?:vs\.?|versus|compar(?:ed?|ing)(?: it| this| that)? (?:to|with)|than|against|over|relative to) (?:the same \w+ )?(?:of )?(?:a year (?:ago|before|earlier|back)|last year|the (?:previous|prior) year)(?:'s)?\b|\b(?:with|from|on) a year (?:ago|before|earlier)\b|(?:和|与|跟|比)去年(?:比|相比|对比)?/i,
    )
  )
    return 'previous_year';
  if (
    s.has(/环比|上期|\bmom\b|\bqoq\b|\bm\/m\b|\bmonth[- ]over[- ]month\b|\bquarter[- ]over[- ]quarter\b/i) ||
    s.has(new RegExp(PREVIOUS_PERIOD.join('|'), 'i'))
  )
    return 'previous_period';
  return undefined;
}

/** Explicit dates, and months with their year. */
function takeDates(s: Scanner, { max }: Calendar): void {
  s.take(/(\d{4}-\d{2}-\d{2})\s*(?:to|through|until|till|and|-|–|~|至|到)\s*(\d{4}-\d{2}-\d{2})/i, (m) => ({
    period: { start: m[1], end: m[2], grain: 'range' },
  }));
  s.take(/\b(\d{4}-\d{2}-\d{2})\b/, (m) => ({ period: { start: m[1], end: m[1], grain: 'day' } }));
  s.take(/\b(\d{4})-(\d{1,2})\b(?!-)/, (m) =>
    Number(m[2]) >= 1 && Number(m[2]) <= 12 ? { period: monthPeriod(Number(m[1]), Number(m[2])) } : null,
  );

  takeDays(s, max);

  // Month with year.
  s.take(new RegExp(String.raw`\b${EN_MONTH},?\s+(?:of\s+)?${YEAR}\b`, 'i'), (m) => ({
    period: monthPeriod(Number(m[2]), monthOf(m[1])),
  }));
  s.take(new RegExp(String.raw`\b${YEAR}\s+${EN_MONTH}\b`, 'i'), (m) => ({
    period: monthPeriod(Number(m[1]), monthOf(m[2])),
  }));
  s.take(new RegExp(String.raw`${YEAR}\s*年\s*${ZH_MONTH}`), (m) => ({
    period: monthPeriod(Number(m[1]), zhMonthOf(m[2])),
  }));
  s.take(new RegExp(String.raw`(去|今|前)年\s*${ZH_MONTH}`), (m) => ({
    period: monthPeriod(max.y - ({ 去: 1, 今: 0, 前: 2 } as Record<string, number>)[m[1]], zhMonthOf(m[2])),
  }));
  s.take(new RegExp(String.raw`\b${EN_MONTH}\s+(?:of\s+)?(last|this|previous)\s+year\b`, 'i'), (m) => ({
    period: monthPeriod(m[2].toLowerCase() === 'this' ? max.y : max.y - 1, monthOf(m[1])),
  }));
  s.take(new RegExp(String.raw`\b(last|this|previous)\s+year'?s\s+${EN_MONTH}\b`, 'i'), (m) => ({
    period: monthPeriod(m[1].toLowerCase() === 'this' ? max.y : max.y - 1, monthOf(m[2])),
  }));
}

/**
 * Days: "10 March 2025", "March 10th, 2025", "2025年3月10日", and without a year ("31 May", "5月31日"), which
 * take the year of a date beside them (settle) or else the latest such day in the data.
 */
function takeDays(s: Scanner, max: Calendar['max']): void {
  const day = (y: number | null, m: number, d: number): Omit<Found, 'pos'> | null => {
    const year = y ?? (m < max.m || (m === max.m && d <= max.d) ? max.y : max.y - 1);
    const period = dayPeriod(year, m, d);
    return period ? { period, ...(y === null ? { yearless: { month: m, day: d } } : {}) } : null;
  };
  const DAY = String.raw`(\d{1,2})(?:st|nd|rd|th)?`;
  // "nov 24-30", "24–30 Nov 2025", "11月24日到30日": days of one month, the month written once.
  const span = (y: number | null, m: number, d1: number, d2: number): Omit<Found, 'pos'> | null => {
    const a = day(y, m, d1);
    const b = a && dayPeriod(Number(a.period.start.slice(0, 4)), m, d2);
    if (!a || !b || b.start <= a.period.start) return null;
    return {
      period: { start: a.period.start, end: b.end, grain: 'range' },
      ...(y === null ? { yearless: { month: m, day: d1, endDay: d2 } } : {}),
    };
  };
  const TO = String.raw`\s*(?:-|–|to|through|thru|until|till)\s*`;
  s.take(
    new RegExp(String.raw`\b${EN_MONTH}\s+${DAY}${TO}${DAY}\b(?!\s+(?:of\s+)?${EN_MONTH})(?:,?\s+${YEAR}\b)?`, 'i'),
    (m) => span(m[4] ? Number(m[4]) : null, monthOf(m[1]), Number(m[2]), Number(m[3])),
  );
  s.take(new RegExp(String.raw`\b${DAY}${TO}${DAY}\s+(?:of\s+)?${EN_MONTH}(?:,?\s+${YEAR}\b)?`, 'i'), (m) =>
    span(m[4] ? Number(m[4]) : null, monthOf(m[3]), Number(m[1]), Number(m[2])),
  );
  s.take(
    new RegExp(
      String.raw`(?:${YEAR}\s*年\s*)?(1[0-2]|0?[1-9])\s*月\s*(\d{1,2})\s*[日号]?\s*(?:-|–|~|到|至)\s*(\d{1,2})\s*[日号]`,
    ),
    (m) => span(m[1] ? Number(m[1]) : null, Number(m[2]), Number(m[3]), Number(m[4])),
  );
  s.take(new RegExp(String.raw`\b${DAY}\s+(?:of\s+)?${EN_MONTH}(?:,?\s+${YEAR})?(?![\d-])`, 'i'), (m) =>
    day(m[3] ? Number(m[3]) : null, monthOf(m[2]), Number(m[1])),
  );
  s.take(new RegExp(String.raw`\b${EN_MONTH}\s+${DAY}(?![\d:])(?:,?\s+${YEAR}\b)?`, 'i'), (m) =>
    day(m[3] ? Number(m[3]) : null, monthOf(m[1]), Number(m[2])),
  );
  s.take(new RegExp(String.raw`(?:${YEAR}\s*年\s*)?(1[0-2]|0?[1-9])\s*月\s*(\d{1,2})\s*[日号]`), (m) =>
    day(m[1] ? Number(m[1]) : null, Number(m[2]), Number(m[3])),
  );
}

function takeQuarters(s: Scanner, { max, latestQuarter }: Calendar): void {
  const qWord: Record<string, number> = {
    first: 1,
    second: 2,
    third: 3,
    fourth: 4,
    '1st': 1,
    '2nd': 2,
    '3rd': 3,
    '4th': 4,
  };
  s.take(new RegExp(String.raw`\bq([1-4])\s*,?\s*${YEAR}\b|\b${YEAR}\s*q([1-4])\b`, 'i'), (m) => ({
    period: quarterPeriod(Number(m[2] ?? m[3]), Number(m[1] ?? m[4])),
  }));
  s.take(new RegExp(String.raw`${YEAR}\s*年?\s*第?\s*([一二三四1-4])\s*季度`), (m) => ({
    period: quarterPeriod(Number(m[1]), anyNumber(m[2]) ?? 1),
  }));
  s.take(/(去|今|前)年\s*第?\s*([一二三四1-4])\s*季度/, (m) => ({
    period: quarterPeriod(max.y - ({ 去: 1, 今: 0, 前: 2 } as Record<string, number>)[m[1]], anyNumber(m[2]) ?? 1),
  }));
  s.take(
    /\bq([1-4])\b|\b(first|second|third|fourth|1st|2nd|3rd|4th) quarter\b|第\s*([一二三四1-4])\s*季度|([一二三四])季度/i,
    (m) => {
      const q = m[1] ? Number(m[1]) : m[2] ? qWord[m[2].toLowerCase()] : (anyNumber(m[3] ?? m[4]) ?? 1);
      return { period: latestQuarter(q), yearless: { quarter: q } };
    },
  );
  s.take(
    new RegExp(
      String.raw`\b(?:h([12])|(first|second) half)(?:\s+(?:of\s+)?${YEAR})?\b|(?:${YEAR}\s*年)?\s*(上|下)半年|\b${YEAR}\s*h([12])\b`,
      'i',
    ),
    (m) => {
      const h = m[1]
        ? Number(m[1])
        : m[2]
          ? m[2].toLowerCase() === 'first'
            ? 1
            : 2
          : m[7]
            ? Number(m[7])
            : m[5] === '上'
              ? 1
              : 2;
      const named = Number(m[3] ?? m[4] ?? m[6] ?? 0);
      const y = named || (h === 1 || max.m >= 7 ? max.y : max.y - 1);
      // "H1 vs H2 2024", "between H1 and H2 2024": a half without its year takes the year named beside it.
      return named ? { period: halfPeriod(y, h) } : { period: halfPeriod(y, h), yearless: { half: h } };
    },
  );
}

/** Periods relative to the end of the data; true when a bare "last year" was among them. */
function takeRelative(s: Scanner, data: DataRange, { max }: Calendar): boolean {
  let lastYearBare = false;
  // The product's calendar names these, so "last month" here is last_month in every tool and the overview.
  const named = (name: RelativePeriod, grain: Period['grain']): Period => {
    const n = namePeriod(name, data);
    return { start: n.from, end: n.to > data.maxDate ? data.maxDate : n.to, grain };
  };
  // "上上个月", "the month before last", "two months ago": one unit before the latest full one, never "last month" twice.
  s.take(/上上个?月|\b(?:the )?month before last\b|\b(?:two|2) months ago\b/i, () => ({
    period: stepBack(named('last_month', 'month'), 'month'),
  }));
  s.take(/上上个?季度?|\b(?:the )?quarter before last\b|\b(?:two|2) quarters ago\b/i, () => ({
    period: stepBack(named('last_quarter', 'quarter'), 'quarter'),
  }));
  s.take(/上上(?:个)?(?:周|星期|礼拜)|\b(?:the )?week before last\b|\b(?:two|2) weeks ago\b/i, () => ({
    period: stepBack(named('last_week', 'week'), 'week'),
  }));
  s.take(/\b(?:last|previous|prior|past) month\b|上一?个?月/i, () => ({ period: named('last_month', 'month') }));
  // 当月 ("that month") points back at the month just discussed, as 那个月 does: it names no period of its own.
  s.take(/\bthis month\b|\bcurrent month\b|\bmonth[- ]to[- ]date\b|\bmtd\b|本月|这个月/i, () => ({
    period: named('this_month', 'month'),
  }));
  s.take(/\b(?:last|previous|prior) quarter\b|上一?个?季度/i, () => ({ period: named('last_quarter', 'quarter') }));
  s.take(/\bthis quarter\b|\bcurrent quarter\b|\bquarter[- ]to[- ]date\b|\bqtd\b|本季度|这个季度/i, () => ({
    period: named('this_quarter', 'quarter'),
  }));
  s.take(/\bytd\b|\byear[- ]to[- ]date\b|\bthis year\b|\bso far this year\b|今年以来|年初至今|今年/i, () => ({
    period: { start: monthStart(max.y, 1), end: data.maxDate, grain: 'range' },
  }));
  s.take(/\b(?:last|previous|prior) week\b|上周|上个星期/i, () => ({ period: named('last_week', 'week') }));
  s.take(/\bthis week\b|本周|这周/i, () => ({ period: named('this_week', 'week') }));
  s.take(/\byesterday\b|昨天/i, () => ({ period: named('yesterday', 'day') }));
  s.take(/\btoday\b|今天/i, () => ({ period: named('today', 'day') }));
  s.take(
    new RegExp(
      String.raw`\b(?:last|past|previous|trailing)\s+(${NUMBER_WORD})\s+(days?|weeks?|months?)\b|(?:最近|近|过去|前)\s*(\d+|[一二两三四五六七八九十]+)\s*(天|日|周|个?星期|个?月)`,
      'i',
    ),
    (m) => {
      const n = anyNumber(m[1] ?? m[3]) ?? 0;
      const unit = (m[2] ?? m[4]).toLowerCase();
      if (n <= 0) return null;
      // The tools' trailing window, so "最近3个月" is the span last_3_months is everywhere.
      if (/^month|月/.test(unit)) {
        const t = namePeriod(`last_${n}_months`, data);
        return { period: { start: t.from, end: t.to, grain: 'range' } };
      }
      const days = /^week|周|星期/.test(unit) ? n * 7 : n;
      return { period: { start: addDaysTo(data.maxDate, -(days - 1)), end: data.maxDate, grain: 'range' } };
    },
  );
  // "过去半年", "the past half year", "近一年": trailing months, as last_6_months and last_12_months are everywhere.
  s.take(
    /(?:最近|近|过去|前)\s*(半|一|1|两|2)\s*年|\b(?:last|past|previous|trailing)\s+(half[- ]?(?:a[- ])?year|year)\b(?!'s)/i,
    (m) => {
      const w = (m[1] ?? m[2] ?? '').toLowerCase();
      const months = /半|half/.test(w) ? 6 : /两|2/.test(w) ? 24 : 12;
      if (/^year$/.test(w)) return null;
      const t = namePeriod(`last_${months}_months`, data);
      return { period: { start: t.from, end: t.to, grain: 'range' } };
    },
  );
  takeDistant(s, data, max);
  s.take(/\b(?:last|previous|prior) year\b|\ba year (?:ago|earlier|before|back)\b|去年|上一年/i, () => {
    lastYearBare = true;
    return { period: yearPeriod(max.y - 1) };
  });
  s.take(/前年/, () => ({ period: yearPeriod(max.y - 2) }));
  return lastYearBare;
}

/** "five years ago", "十年前", "18 months ago": counted back from the data's last year or latest full month. */
const AGO = new RegExp(
  String.raw`\b(${NUMBER_WORD})\s+(years?|months?)\s+ago\b|(?<![\d年])(\d{1,2}|[一二两三四五六七八九十]+)\s*(年|个月)(?:以)?前(?![三四五六七八九十\d]*个?(?:月|季度|周|天))`,
  'i',
);
/** "a few years ago", "很多年前": no number, but more than a year back. */
const YEARS_AGO_VAGUE =
  /\b(?:a few|several|many|some) years ago\b|\byears ago\b|(?:好|很|许)多年(?:以)?前|几年(?:以)?前/i;
/** "the 1990s", "the '90s", "the nineties", "九十年代", "上个世纪": a decade or a century, as a span of years. */
const DECADE =
  /\b(?:the\s+)?((?:19|20)\d)0['’]?s\b|\bthe\s+['’]?([3-9])0['’]?s\b|\bthe\s+(thirties|forties|fifties|sixties|seventies|eighties|nineties)\b|(?:上个?世纪|二十世纪|20世纪)?\s*([三四五六七八九]十|[3-9]0)\s*年代/i;
const CENTURY = /\blast century\b|\bthe (?:20th|twentieth) century\b|上(?:一)?个?世纪|二十世纪|20世纪/i;
const DECADE_WORDS = ['thirties', 'forties', 'fifties', 'sixties', 'seventies', 'eighties', 'nineties'];

const yearsSpan = (from: number, to: number): Period => ({
  start: monthStart(from, 1),
  end: lastDayOfMonth(to, 12),
  grain: 'range',
});

/**
 * Periods far back from the data's end: n years or months ago, a decade, the last century. Read as the period they
 * name, so one before the data is said to be before it, and one inside it is answered, never the default month.
 */
function takeDistant(s: Scanner, data: DataRange, max: Calendar['max']): void {
  s.take(AGO, (m) => {
    const n = anyNumber(m[1] ?? m[3]) ?? zhNumber(m[3] ?? '') ?? 0;
    const unit = (m[2] ?? m[4]).toLowerCase();
    if (n <= 0) return null;
    if (/^year|年/.test(unit)) return { period: yearPeriod(max.y - n) };
    if (n <= 2) return null;
    const last = latestFullMonth(data);
    const { y, m: mo } = dayParts(addMonthsTo(last.from, -(n - 1)));
    return { period: monthPeriod(y, mo) };
  });
  // Without a number only its direction is known: said to be before the data when two years back already is.
  s.take(YEARS_AGO_VAGUE, () => (max.y - 2 < dayParts(data.minDate).y ? { period: yearPeriod(max.y - 2) } : null));
  s.take(DECADE, (m) => {
    const w = m[3]?.toLowerCase();
    const start = m[1]
      ? Number(m[1]) * 10
      : m[2]
        ? 1900 + Number(m[2]) * 10
        : w
          ? 1930 + DECADE_WORDS.indexOf(w) * 10
          : 1900 + (/^\d/.test(m[4]!) ? Number(m[4]) : (zhNumber(m[4]!) ?? 0));
    return { period: yearsSpan(start, start + 9) };
  });
  s.take(CENTURY, () => ({ period: yearsSpan(1900, 1999) }));
}

/** A month on its own; "may" is a month only where a verb cannot be. */
function takeMonths(s: Scanner, question: string, { latestMonth }: Calendar): void {
  s.take(
    /\b(january|february|march|april|june|july|august|september|sept|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec)\b\.?/i,
    (m) => {
      if (m[1].toLowerCase() === 'mar' && /^\s+the\b/i.test(question.slice(m.index + 3))) return null;
      const mo = monthOf(m[1]);
      return { period: latestMonth(mo), yearless: { month: mo } };
    },
  );
  s.take(
    /\b(?:in|for|during|of|since|from|to|and|vs\.?|versus|than|through|until)\s+(may)\b|\bmay(?=\s*(?:[?？.,]|$|vs\b|versus\b|and\b|compared\b))/i,
    () => ({
      period: latestMonth(5),
      yearless: { month: 5 },
    }),
  );
  s.take(/(?<!^)\bMay\b/, () => ({ period: latestMonth(5), yearless: { month: 5 } }));
  s.take(/(1[0-2]|0?[1-9])\s*(?:-|–|~|到|至)\s*(1[0-2]|0?[1-9])\s*月(?:份)?/, (m) => {
    const a = latestMonth(Number(m[1]));
    const b = monthPeriod(Number(a.start.slice(0, 4)), Number(m[2]));
    return b.start >= a.start ? { period: { start: a.start, end: b.end, grain: 'range' } } : null;
  });
  s.take(new RegExp(ZH_MONTH), (m) => {
    const mo = zhMonthOf(m[1]);
    return mo >= 1 && mo <= 12 ? { period: latestMonth(mo), yearless: { month: mo } } : null;
  });
}

/** A day, month or quarter named without a year, in year `y`. */
function yearlessAt(yl: NonNullable<Found['yearless']>, y: number): Period | null {
  if (yl.month && yl.day && yl.endDay) {
    const a = dayPeriod(y, yl.month, yl.day);
    const b = dayPeriod(y, yl.month, yl.endDay);
    return a && b ? { start: a.start, end: b.end, grain: 'range' } : null;
  }
  if (yl.month && yl.day) return dayPeriod(y, yl.month, yl.day);
  if (yl.half) return halfPeriod(y, yl.half);
  return yl.month ? monthPeriod(y, yl.month) : quarterPeriod(y, yl.quarter!);
}

/** What may stand between the two ends of a range: a joining word, with "the end of", "up", a comma or an aside around it. */
const JOINER = /^\s*(?:-|–|~|到|至|and|to|through|until|till|thru|和|与)\s*$/i;
const SPAN_FILLER =
  /\b(?:the|end|start|beginning|early|late|mid|middle|up|right|all|way|of)\b|月底|月初|底|初|份|的|之间/gi;

/**
 * What was found, read together: a lone year lends itself to yearless months, two periods are a range or a comparison.
 */
function settle(
  all: Found[],
  question: string,
  data: DataRange,
  compare: CompareTo | undefined,
  lastYearBare: boolean,
  transition = false,
): PeriodMentions {
  let found = [...all].sort((a, b) => a.pos - b.pos);
  // "July ... 2024": a lone year gives its year to the yearless months and quarters.
  const years = found.filter((f) => f.bareYear !== undefined);
  const yearless = found.filter((f) => f.yearless);
  if (years.length === 1 && yearless.length > 0) {
    const y = years[0].bareYear!;
    for (const f of yearless) f.period = yearlessAt(f.yearless!, y) ?? f.period;
    found = found.filter((f) => f !== years[0]);
  }
  anchorYearless(found, question);

  const out: PeriodMentions = {
    compare_to: compare,
    lastYearBare: lastYearBare && found.length === 1,
    future: false,
    beforeData: false,
  };
  if (found.length === 1 && !compare && isBaseOnly(question, found[0].pos)) {
    // "和6月比呢？", "compared with June?": the one period named is the base; the period asked about stays.
    out.compare_to = found[0].period;
    if (found[0].yearless) out.baseYearless = true;
    return out;
  }
  if (found.length === 1) out.period = found[0].period;
  else if (found.length >= 2) {
    const [a, b] = found;
    const comparing =
      /\bvs\.?\b|\bversus\b|\bcompar|\bagainst\b|\bthan\b|对比|比较|相比/i.test(question) || CHANGE_ASK.test(question);
    const fromTo = /\b(?:from|between)\b|从|自/i.test(question.slice(0, a.pos + 1));
    const between =
      a.len === undefined ? question.slice(a.pos, b.pos).replace(/^\S+/, '') : question.slice(a.pos + a.len, b.pos);
    const joined = /^\s*(?:-|–|~|到|至|to|through|until|till|thru)\s*$/i.test(between);
    // "from Aug to Sept": a range; "went from selling in Aug to nothing in Sept": two periods set against each other.
    const spanned = fromTo && JOINER.test(between.replace(/\([^)]*\)|[,，]/g, ' ').replace(SPAN_FILLER, ' '));
    if (!comparing && !(transition && found.length === 2) && (spanned || joined)) {
      const start = a.period.start < b.period.start ? a.period.start : b.period.start;
      const end = a.period.end > b.period.end ? a.period.end : b.period.end;
      out.period = { start, end, grain: 'range' };
      // "from 2023 to 2025": an end named wholly outside the data is said, not cut off in silence.
      for (const p of [a.period, b.period]) {
        if (p.start > data.maxDate) out.future = true;
        else if (p.end < data.minDate) out.beforeData = true;
      }
    } else {
      // "June vs July", "compare July to June": the later period is asked about, the earlier is the base.
      const [base, asked] = a.period.start <= b.period.start ? [a, b] : [b, a];
      out.period = asked.period;
      out.compare_to = base.period;
    }
  }
  // "Q4 2023 vs Q4 2024": a base outside the data leaves nothing to compare against, said as its period would be.
  const base = typeof out.compare_to === 'object' ? out.compare_to : undefined;
  for (const p of [out.period, base]) {
    if (!p) continue;
    if (p.start > data.maxDate) out.future = true;
    else if (p.end < data.minDate) out.beforeData = true;
  }
  return out;
}

/**
 * "Which channel grew the most from 2024 to 2025?", "从2024年到2025年哪个渠道增长最多": a change asked between two
 * periods named as a range is the later one set against the earlier, not one span over both.
 */
export const CHANGE_ASK =
  /\b(?:gr[eo]w(?:s|n|th)?|growing|r[io]se|rises|risen|rising|increased?|increases|increasing|fell|fall(?:s|en|ing)?|dropped|drops?|dropping|declined?|declines|declining|decreased?|decreases|change[sd]?|changing|jump(?:ed|s)?|shr[au]nk|shrinks?|shrinking)\b|增长|增加|下降|下滑|减少|变化|涨|跌/i;

/** A change stated from a base: "went down from May", "up 5% from Q1", "fell from June". */
const CHANGE_FROM =
  /\b(?:up|down|higher|lower|r[io]sen?|rises?|fall|falls|fell|fallen|drops?|dropped|grow|grows|grew|grown|declined?|declines|increased?|increases|decreased?|decreases|slips?|slipped|slid|jump|jumps|jumped|climb|climbs|climbed|shrank|shrunk|dips?|dipped)\s+(?:[\d.,]+\s*%?\s+|by\s+[\d.,]+\s*%?\s+)?from\b/i;

/**
 * "2024年12月比11月", "Q4 2024 vs Q3", "from November to February 2025": a month or quarter named without a year
 * beside one named with its year is the nearest such one to it (a tie goes to the earlier), not the latest in the
 * data. In a range it stays on the side of the anchor it is written on.
 */
function anchorYearless(found: Found[], question: string): void {
  // "H1 vs H2 2024", "between H1 and H2 2024": a half without its year is a half of the year named beside it.
  for (const f of found) {
    if (!f.yearless?.half) continue;
    const named = found.filter((g) => !g.yearless && g.bareYear === undefined);
    if (!named.length) continue;
    const anchor = named.reduce((a, b) => (Math.abs(b.pos - f.pos) < Math.abs(a.pos - f.pos) ? b : a));
    f.period = halfPeriod(dayParts(anchor.period.start).y, f.yearless.half);
    f.yearless = undefined;
  }
  const anchors = found.filter(
    (f) =>
      !f.yearless &&
      f.bareYear === undefined &&
      (f.period.grain === 'month' || f.period.grain === 'quarter' || f.period.grain === 'day'),
  );
  if (!anchors.length) return;
  const range = /\b(?:from|between)\b|从|自|\bto\b|\bthrough\b|\buntil\b|到|至/i.test(question);
  // "down from May", "up from Q1": the period after "from" is the base of a change, not one end of a range.
  const comparing =
    /\bvs\.?\b|\bversus\b|\bcompar|\bagainst\b|\bthan\b|比/i.test(question) || CHANGE_FROM.test(question);
  for (const f of found) {
    if (!f.yearless) continue;
    const anchor = anchors.reduce((a, b) => (Math.abs(b.pos - f.pos) < Math.abs(a.pos - f.pos) ? b : a));
    const a = dayParts(anchor.period.start);
    const yl = f.yearless;
    const months = (p: Period) => (dayParts(p.start).y - a.y) * 12 + dayParts(p.start).m - a.m;
    let options = [a.y - 1, a.y, a.y + 1]
      .map((y) => yearlessAt(yl, y))
      .filter((p): p is Period => p !== null && p.start !== anchor.period.start);
    // In a range the yearless end stays on its side of the anchor: "from 20 September to 30 November 2025".
    if (range && !comparing)
      options = options.filter((p) => (f.pos < anchor.pos ? p.end < anchor.period.start : p.start > anchor.period.end));
    options.sort((x, y) => Math.abs(months(x)) - Math.abs(months(y)) || months(x) - months(y));
    if (options.length) f.period = options[0];
  }
}

/** The period at `pos` is introduced as a comparison base ("vs June", "跟6月相比"). */
function isBaseOnly(question: string, pos: number): boolean {
  const before = question.slice(0, pos);
  const after = question.slice(pos);
  if (
    /\b(?:vs\.?|versus|compared? (?:to|with)|comparing (?:it |that )?(?:to|with)|against|relative to|than)\s+(?:the\s+|that of\s+|in\s+)?$/i.test(
      before,
    )
  )
    return true;
  return (
    (/(?:和|与|跟|同|较|对比|相较于?|比起)\s*$/.test(before) &&
      /^[^，,。？?]{0,12}?(?:比|相比|对比|比较|比呢)/.test(after)) ||
    // "为什么比6月低": the period after 比 with a comparative after it is what the asked period is measured against.
    (/(?:^|[^对相好无])比\s*$/.test(before) &&
      /^[^，,。？?]{0,10}?(?:低|高|少|多|差|好|下降|下滑|下跌|增长|上升|减少|增加|跌|涨|弱|强|不如)/.test(after))
  );
}

/** The same period n years earlier ("and last year?"), by the calendar's one rule for leap days. */
export function shiftYears(p: Period, n: number): Period {
  const { from, to } = shiftSpanYears({ from: p.start, to: p.end }, n);
  return { start: from, end: to, grain: p.grain };
}

/** The default when a question names no period: the calendar's latest full month, as in the overview. */
export function defaultPeriod(data: DataRange): Period {
  const m = latestFullMonth(data);
  return { start: m.from, end: m.to, grain: 'month' };
}
