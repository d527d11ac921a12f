// A named shopping day with "week" or "that day" ("the week of Singles' Day 2025", "双十一那周", "Black Friday
// week 2024", "圣诞节当天") is a calendar span: the words are rewritten as the dates they name, so the period reader
// reads them like any date range. Without "week"/"day" the name stays a sales event (its campaign's dates).
import { addDaysTo, mondayOf, monthStart, parseDay } from '../../../calendar/days.ts';
import type { DataRange } from '../../../tools/types.ts';

/** The day (YYYY-MM-DD) a shopping day falls on in a year. */
type DateOf = (year: number) => string;

const day = (y: number, m: number, d: number) => addDaysTo(monthStart(y, m), d - 1);
/** The day after Thanksgiving (the fourth Thursday of November): not always the fourth Friday (2024-11-29). */
const blackFriday: DateOf = (y) => {
  const first = parseDay(day(y, 11, 1)).getUTCDay();
  return day(y, 11, 1 + ((4 - first + 7) % 7) + 21 + 1);
};

const DAYS: [string, string, DateOf][] = [
  ["singles'? ?day|11\\.11", '双十一|双11|光棍节', (y) => day(y, 11, 11)],
  ['black friday', '黑五|黑色星期五', blackFriday],
  ['cyber monday', '网一|网络星期一', (y) => addDaysTo(blackFriday(y), 3)],
  ['christmas(?: day)?', '圣诞节?', (y) => day(y, 12, 25)],
];

const YEAR_EN = '((?:19|20)\\d{2})';
/** Monday to Sunday around the day. */
function weekOf(d: string): string {
  const mon = mondayOf(d);
  return `${mon} to ${addDaysTo(mon, 6)}`;
}

/** The year named, else the latest one whose day the data reaches. */
function yearFor(named: string | undefined, at: DateOf, data: DataRange): number {
  if (named) return Number(named);
  const max = Number(data.maxDate.slice(0, 4));
  return at(max) <= data.maxDate ? max : max - 1;
}

export function shoppingDaySpans(q: string, data: DataRange): string {
  let out = q;
  for (const [en, zh, at] of DAYS) {
    const span = (year: string | undefined, week: boolean) => {
      const d = at(yearFor(year, at, data));
      return week ? weekOf(d) : d;
    };
    // "the week of Singles' Day 2025", "2024 Black Friday week", "Black Friday week 2024"
    out = out
      .replace(
        new RegExp(
          `\\b(?:the\\s+)?week\\s+(?:of|around)\\s+(?:the\\s+)?(?:${YEAR_EN}\\s+)?(?:${en})(?:\\s+${YEAR_EN})?`,
          'gi',
        ),
        (_, y1, y2) => span(y1 ?? y2, true),
      )
      .replace(
        new RegExp(`\\b(?:${YEAR_EN}(?:'s)?\\s+)?(?:${en})(?:\\s+${YEAR_EN})?\\s+week\\b(?:\\s+${YEAR_EN})?`, 'gi'),
        (_, y1, y2, y3) => span(y1 ?? y2 ?? y3, true),
      )
      .replace(
        new RegExp(`\\b(?:on\\s+)?the\\s+day\\s+of\\s+(?:${YEAR_EN}\\s+)?(?:${en})(?:\\s+${YEAR_EN})?`, 'gi'),
        (_, y1, y2) => span(y1 ?? y2, false),
      )
      // "2025年双十一那周", "双十一当天", "去年黑五那一周" is left to the event reading (no year to pin here).
      .replace(
        new RegExp(
          `(?:${YEAR_EN}\\s*年?\\s*(?:的)?)?(?:${zh})(?:的)?(?:(那一?周|当周|这一?周|那个星期|那一?个礼拜)|(当天|那一?天))`,
          'g',
        ),
        (_, y, week) => span(y, Boolean(week)),
      );
  }
  return out;
}
