// The daily trend of both periods with the events drawn as vertical rules: one inline data set,
// a line layer (rows with a value) and a rule layer (rows with an event day); rows missing a layer's
// field are dropped by Vega-Lite's default handling of invalid values, so no filter expression is needed.
import type { ChartSpec } from '../types.ts';
import { addDaysTo, daysBetweenDays } from '../../calendar/index.ts';

export interface TrendPoint {
  day: string;
  value: number | null;
  period: string;
}

export interface TrendEvent {
  day: string;
  label: string;
}

/** Adjacent periods share one time axis; otherwise the comparison is laid onto the current period's days. */
export function alignDay(day: string, a: { from: string }, b: { from: string }, adjacent: boolean): string {
  return adjacent ? day : addDaysTo(b.from, daysBetweenDays(a.from, day));
}

export function trendWithEvents(opts: {
  title: string;
  points: TrendPoint[];
  events: TrendEvent[];
  format: string;
}): ChartSpec {
  const values: Record<string, string | number | null>[] = [
    ...opts.points.map((p) => ({ day: p.day, value: p.value, period: p.period, event_day: null, event: null })),
    ...opts.events
      .slice(0, 12)
      .map((e) => ({ day: null, value: null, period: null, event_day: e.day, event: e.label })),
  ];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: opts.title,
    width: 'container',
    data: { values },
    layer: [
      {
        mark: { type: 'line', point: true },
        encoding: {
          x: { field: 'day', type: 'temporal', title: 'day' },
          y: { field: 'value', type: 'quantitative', title: null, axis: { format: opts.format } },
          color: { field: 'period', type: 'nominal', title: null },
          tooltip: [
            { field: 'day', type: 'temporal', title: 'day' },
            { field: 'value', type: 'quantitative', title: 'value', format: opts.format },
            { field: 'period', type: 'nominal', title: 'period' },
          ],
        },
      },
      {
        mark: { type: 'rule', strokeDash: [4, 3], color: '#d0453b' },
        encoding: {
          x: { field: 'event_day', type: 'temporal' },
          tooltip: [
            { field: 'event_day', type: 'temporal', title: 'from' },
            { field: 'event', type: 'nominal', title: 'event' },
          ],
        },
      },
    ],
  };
}
