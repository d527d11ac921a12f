// Moved to src/calendar: kept so callers outside the templates (explain_change, its detectors) keep
// building until they import src/calendar themselves.
export {
  addDaysTo, addMonthsTo, bucketRanges, bucketStarts, dayCount, daysBetweenDays, fmtDay, isValidDay, lastDayOfMonth,
  maxDay, minDay, monthStart, parseDay, type CalendarGrain,
} from '../../calendar/index.ts';
