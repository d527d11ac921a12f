// The baseline demand curve: month shape (January above December, growth to July, decline from
// August), weekday rhythm, Black Friday and Christmas bumps, and year-on-year growth.
import { blackFriday, monthOf, weekdayOf, yearOf, dayOf } from './calendar.ts';

/** Orders per day at --scale 1 when the curve is 1 (about 25,000 orders a year). */
export const ORDERS_PER_DAY = 62;
/** Items × quantity per order, for stock planning. */
export const UNITS_PER_ORDER = 1.3;
// Per-day factors; month lengths are taken into account so monthly totals grow about 10% a month to July.
const MONTH = [0.88, 1.1, 1.1, 1.24, 1.3, 1.5, 1.55, 1.3, 1.05, 0.85, 0.78, 0.5];
const WEEKDAY = [1.08, 0.97, 0.96, 0.97, 0.98, 1.0, 1.04];
const GROWTH = 0.08;

export function demandCurve(day: number, fromDay: number): number {
  let f = MONTH[monthOf(day)]! * WEEKDAY[weekdayOf(day)]! * Math.pow(1 + GROWTH, (day - fromDay) / 365);
  const y = yearOf(day);
  const bf = blackFriday(y);
  if (day >= bf && day <= bf + 3) f *= 1.8;
  if (day >= dayOf(y, 11, 8) && day <= dayOf(y, 11, 20)) f *= 1.15;
  return f;
}

export const HOUR_WEIGHTS = [
  1, 0.6, 0.4, 0.3, 0.3, 0.4, 0.7, 1.2, 1.6, 1.9, 2.1, 2.2, 2.3, 2.2, 2.1, 2.1, 2.2, 2.4, 2.7, 3.0, 3.1, 2.8, 2.2, 1.5,
];
