// Stage 6, present: the change in the metric's unit (with last year's seasonal move), the cause rows
// and charts for the UI, the summary lines and the compact structured data for the model.
import type { Row } from '../../../db/types.ts';
import { formatOf, waterfallChart } from '../../charts.ts';
import type { Scope } from '../../filters.ts';
import { formatValue } from '../../metrics.ts';
import { addDaysTo } from '../../../calendar/index.ts';
import { metricColumn } from '../../sql/metric-query.ts';
import { periodWords } from '../../../protocol/periods.ts';
import { termLabels } from '../../../protocol/terms.ts';
import { type Labels, METRIC_LABELS } from '../../../protocol/vocabulary.ts';
import type { ExecutedQuery, ToolResult } from '../../types.ts';
import type { Cause, Ranking } from '../causes.ts';
import { totals } from '../cube.ts';
import { gapChart } from '../gap-chart.ts';
import type { DetectedEvent, Window } from '../detect/types.ts';
import type { Drivers } from '../drivers.ts';
import { explainFindings } from '../findings.ts';
import { modelData, rounder, share } from '../model-data.ts';
import type { MetricProfile } from '../profiles.ts';
import type { ExplainChangeFacts } from '../result.ts';
import { alignDay, causeEvents, trendWithEvents } from '../trend-chart.ts';
import type { Loaded } from './load.ts';
import type { Where } from './search.ts';
import { segmentText, summaryLines } from './summary.ts';

export interface PresentInput {
  profile: MetricProfile;
  scope: Scope;
  premise?: 'drop' | 'rise';
  window: Window;
  loaded: Loaded;
  events: DetectedEvent[];
  where: Where;
  drivers: Drivers;
  ranking: Ranking;
  queries: ExecutedQuery[];
}

const COLUMNS = ['rank', 'kind', 'segment', 'title', 'effect', 'share', 'confidence', 'evidence'];

export function present(x: PresentInput): ToolResult {
  const { profile, ranking, drivers, where } = x;
  const unit = profile.unit;
  const r = rounder(unit);
  const fmt = (v: number) => formatValue(unit, unit === 'count' ? Math.round(v) : v);
  const change = changeFacts(x);
  const causes = ranking.causes;
  const rows = causes.map((c, i) => ({
    rank: i + 1,
    kind: c.kind,
    segment: segmentText(c.segment),
    title: c.title,
    effect: c.effect === null ? null : r(c.effect),
    share: c.share === null ? null : share(c.share),
    confidence: c.confidence,
    evidence: c.evidence.query,
  }));
  return {
    columns: COLUMNS,
    rows,
    queries: x.queries,
    summary: summaryLines({ scope: x.scope, profile, change, ranking, drivers, fmt, premise: x.premise }),
    charts: charts(x),
    findings: explainFindings(
      change,
      causes.map((cause, i) => ({ cause, effect: rows[i]!.effect, share: rows[i]!.share })),
    ),
    data: modelData({
      view: x.loaded.view,
      unit,
      change,
      drivers,
      search: where.search,
      searchGrowth: where.growth.num / where.growth.den,
      events: x.events,
      causes,
      expectedB: ranking.expectedB,
      residual: ranking.residual,
      noClearCause: ranking.noClearCause,
      reason: ranking.reason,
    }),
  };
}

function changeFacts(x: PresentInput): ExplainChangeFacts {
  const { view, lastYear, lastYearSpans } = x.loaded;
  const A = x.scope.compare!;
  const B = x.scope.period;
  const r = rounder(x.profile.unit);
  const t = totals(view);
  const delta = t.b - t.a;
  const rel = t.a === 0 ? null : delta / Math.abs(t.a);
  const direction = delta > 0 ? ('up' as const) : delta < 0 ? ('down' as const) : ('flat' as const);
  const seasonGrowth = lastYear ? (view.kind === 'additive' ? lastYear.num : lastYear.num / lastYear.den) : null;
  const seasonalB = seasonGrowth === null ? null : t.a * seasonGrowth;
  return {
    metric: x.profile.id,
    label: x.profile.label,
    a: r(t.a),
    b: r(t.b),
    delta: r(delta),
    relative: rel === null ? null : share(rel),
    direction,
    period: { from: B.from, to: B.to, label: B.label },
    compare: { from: A.from, to: A.to, label: A.label },
    season:
      seasonGrowth !== null && seasonalB !== null
        ? {
            last_year: { a: lastYearSpans.a, b: lastYearSpans.b, change: share(seasonGrowth - 1) },
            expected_b: r(seasonalB),
            versus_season: r(t.b - seasonalB),
          }
        : null,
  };
}

function charts(x: PresentInput) {
  const A = x.scope.compare!;
  const B = x.scope.period;
  const format = formatOf(x.profile.unit);
  const metric = METRIC_LABELS[x.profile.id];
  const a = periodWords(A.label);
  const b = periodWords(B.label);
  // The gap picture leads (the UI shows the first chart on the answer's first screen); drivers follow.
  const gap = gapChart({ ranking: x.ranking, a, b, metric, format });
  return [
    ...(gap ? [gap] : []),
    waterfallChart({
      title: {
        en: `${metric.en}: ${a.en} → ${b.en}, by driver`,
        zh: `${metric.zh}：${a.zh} → ${b.zh}(按驱动因素)`,
      },
      startLabel: a,
      start: x.drivers.a,
      steps: x.drivers.steps.map((s) => ({ label: driverLabel(s.label), delta: s.contribution })),
      endLabel: b,
      format,
      valueTitle: metric,
    }),
    trend(x.loaded.trendRows, x.profile, x.window, { a, b }, x.ranking.causes, format),
  ];
}

/** A driver step ("own_website: avg_unit_price", "paid_search", "rate within segments") in words. */
function driverLabel(label: string): Labels {
  const words = (part: string) => termLabels(part.trim());
  const [head, tail] = label.split(/: (.*)/s);
  if (tail === undefined) return words(label);
  const h = words(head!);
  const t = words(tail);
  return { en: `${h.en}: ${t.en}`, zh: `${h.zh}：${t.zh}` };
}

function trend(
  rows: Row[],
  profile: MetricProfile,
  w: Window,
  labels: { a: Labels; b: Labels },
  causes: Cause[],
  format: string,
) {
  const adjacent = addDaysTo(w.a.to, 1) === w.b.from;
  const points = rows
    .map((r) => {
      const day = String(r.k_day).slice(0, 10);
      const inB = day >= w.b.from && day <= w.b.to;
      const v = Number(r[metricColumn(profile.id, inB ? 0 : 1)]);
      return {
        day: inB ? day : alignDay(day, w.a, w.b, adjacent),
        value: Number.isFinite(v) ? v : null,
        period: inB ? labels.b : labels.a,
      };
    })
    .sort((p, q) => (p.day < q.day ? -1 : 1));
  const events = causeEvents(causes);
  const metric = METRIC_LABELS[profile.id];
  return trendWithEvents({
    title: { en: `Daily ${metric.en.toLowerCase()}, with the events found`, zh: `每日${metric.zh}及发现的事件` },
    measure: metric,
    series: [labels.a, labels.b],
    points,
    events,
    format,
  });
}
