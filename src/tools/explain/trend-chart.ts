// The daily trend of both periods with the events drawn as labelled vertical rules: one inline data set,
// a line layer (rows with a value), a rule layer and a text layer (rows with an event day); rows missing
// a layer's field are dropped by Vega-Lite's default handling of invalid values, so no filter expression
// is needed. The series' colour domain is given, so the event rows add no "null" series to the legend.
// Every word the chart shows, the events' labels and tooltips included, carries its Chinese in usermeta.
import type { ChartSpec } from '../types.ts';
import { addDaysTo, daysBetweenDays } from '../../calendar/index.ts';
import { termLabels } from '../../protocol/terms.ts';
import type { Labels } from '../../protocol/vocabulary.ts';
import { axisFormat } from '../charts.ts';
import type { Cause } from './causes.ts';
import { segmentWords } from './gap-chart.ts';

export interface TrendPoint {
  day: string;
  value: number | null;
  period: Labels;
}

export interface TrendEvent {
  day: string;
  /** The kind of event in words: the rule's label. */
  kind: Labels;
  /** What happened, in words: the tooltip. */
  title: Labels;
}

export interface TrendOptions {
  title: Labels;
  /** What the line measures, e.g. the metric's name. */
  measure: Labels;
  /** The two periods, comparison first. */
  series: [Labels, Labels];
  points: TrendPoint[];
  events: TrendEvent[];
  format: string;
}

const MAX_EVENTS = 12;

/** Adjacent periods share one time axis; otherwise the comparison is laid onto the current period's days. */
export function alignDay(day: string, a: { from: string }, b: { from: string }, adjacent: boolean): string {
  return adjacent ? day : addDaysTo(b.from, daysBetweenDays(a.from, day));
}

/**
 * The causes with a start day as events. English keeps the detector's description; Chinese says the same
 * cause from the vocabulary (the kind, the segment's values, its days), since the description is English text.
 */
export function causeEvents(causes: Cause[]): TrendEvent[] {
  return causes
    .filter((c) => c.start)
    .map((c) => {
      const kind = termLabels(c.kind);
      const seg = segmentWords(c.segment);
      const days = c.end && c.end !== c.start ? `${c.start} 至 ${c.end}` : `自 ${c.start} 起`;
      const zh = `${kind.zh}${seg ? `：${seg.zh}` : ''}（${days}）`;
      return { day: c.start!, kind, title: { en: c.title, zh } };
    });
}

function words(o: TrendOptions): Record<string, string> {
  const zh: Record<string, string> = {};
  const add = (l: Labels) => l.en !== l.zh && (zh[l.en] = l.zh);
  [o.title, o.measure, ...o.series, ...o.events.flatMap((e) => [e.kind, e.title])].forEach(add);
  ['day', 'period', 'event', 'kind'].forEach((k) => add(termLabels(k)));
  return zh;
}

function lineLayer(o: TrendOptions) {
  const day = termLabels('day').en;
  return {
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'day', type: 'temporal', title: null, axis: { format: '%m-%d', labelAngle: 0 } },
      y: {
        field: 'value',
        type: 'quantitative',
        title: o.measure.en,
        scale: { zero: false },
        axis: { format: axisFormat(o.format) },
      },
      color: {
        field: 'period',
        type: 'nominal',
        title: null,
        scale: { domain: o.series.map((s) => s.en) },
        legend: { orient: 'bottom' },
      },
      tooltip: [
        { field: 'day', type: 'temporal', title: day, format: '%Y-%m-%d' },
        { field: 'value', type: 'quantitative', title: o.measure.en, format: o.format },
        { field: 'period', type: 'nominal', title: termLabels('period').en },
      ],
    },
  };
}

function eventLayers() {
  const tooltip = [
    { field: 'event_day', type: 'temporal', title: termLabels('day').en, format: '%Y-%m-%d' },
    { field: 'event_kind', type: 'nominal', title: termLabels('kind').en },
    { field: 'event', type: 'nominal', title: termLabels('event').en },
  ];
  const x = { field: 'event_day', type: 'temporal' };
  return [
    { mark: { type: 'rule', strokeDash: [4, 3], color: '#d0453b' }, encoding: { x, tooltip } },
    {
      mark: { type: 'text', align: 'left', baseline: 'top', dx: 3, dy: 2, fontSize: 10, color: '#d0453b', limit: 120 },
      encoding: { x, y: { value: 0 }, text: { field: 'event_kind', type: 'nominal' }, tooltip },
    },
  ];
}

export function trendWithEvents(o: TrendOptions): ChartSpec {
  const events = o.events.slice(0, MAX_EVENTS);
  const none = { day: null, value: null, period: null, event_day: null, event_kind: null, event: null };
  const values: Record<string, string | number | null>[] = [
    ...o.points.map((p) => ({ ...none, day: p.day, value: p.value, period: p.period.en })),
    ...events.map((e) => ({ ...none, event_day: e.day, event_kind: e.kind.en, event: e.title.en })),
  ];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: o.title.en,
    width: 'container',
    height: 240,
    data: { values },
    layer: [lineLayer(o), ...eventLayers()],
    usermeta: { zh: words({ ...o, events }), fields: ['period', 'event_kind', 'event'] },
  };
}
