// The ground-truth manifest: for each event, its effect on the scenario's target metric over the
// target period = (metric with all events) − (metric with all events but this one), measured by
// re-running the generator in memory without that event, and its share of the change against each
// comparison period. The no-event baseline shows what seasonality and trend alone would have done.
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { generate, type GenInfo } from './generator/index.ts';
import type { Pools } from './generator/pools.ts';
import type { MetaTables } from './load/meta.ts';
import { MetricSink, type Period } from './metrics.ts';
import type { Scenario } from './scenarios/schema.ts';

export interface ManifestInput {
  seed: number;
  scale: number;
  from: string;
  to: string;
  scenario: Scenario;
  pools?: Pools;
}

export function targetPeriods(s: Scenario): Period[] {
  return [s.target.period, ...s.target.comparisons];
}

export function metricSinkFor(s: Scenario, info: Pick<GenInfo, 'catalog'>): MetricSink {
  const cost = new Map(info.catalog.products.map((p) => [p.id, p.costCents]));
  return new MetricSink(targetPeriods(s), (id) => cost.get(id) ?? 0);
}

async function measure(
  i: ManifestInput,
  events: Scenario['events'],
  info: Pick<GenInfo, 'catalog'>,
): Promise<MetricSink> {
  const sink = metricSinkFor(i.scenario, info);
  const stopAt = targetPeriods(i.scenario)
    .map((p) => p.to)
    .sort()
    .at(-1)!;
  await generate(
    { seed: i.seed, scale: i.scale, from: i.from, to: i.to, events, stopAt, light: true, pools: i.pools },
    sink,
  );
  return sink;
}

export interface Manifest {
  scenario: string;
  question: string | null;
  metric: string;
  period: Period;
  seed: number;
  scale: number;
  value: number;
  comparisons: Array<{
    label: string;
    from: string;
    to: string;
    value: number;
    change: number;
    baseline_change: number;
  }>;
  events: Array<{
    id: string;
    kind: string;
    description: string | null;
    start: string;
    end: string | null;
    segment: unknown;
    magnitude: number;
    product_ids: number[];
    value_without_event: number;
    effect: number;
    share_of_change: Record<string, number | null>;
  }>;
  /** (all events − no events) − Σ single-event effects: what the overlap of events adds. */
  interaction: number;
}

/** `all` is the metric sink that watched the loading run (every event present). */
export async function buildManifest(i: ManifestInput, info: GenInfo, all: MetricSink): Promise<Manifest> {
  const s = i.scenario;
  const metric = s.target.metric;
  const value = all.value(0, metric);
  const none = await measure(i, [], info);
  const comparisons = s.target.comparisons.map((c, k) => ({
    label: c.label,
    from: c.from,
    to: c.to,
    value: all.value(k + 1, metric),
    change: round(value - all.value(k + 1, metric)),
    baseline_change: round(none.value(0, metric) - none.value(k + 1, metric)),
  }));
  const events: Manifest['events'] = [];
  for (const e of s.events) {
    const without = await measure(
      i,
      s.events.filter((x) => x.id !== e.id),
      info,
    );
    const effect = round(value - without.value(0, metric));
    const compiled = info.events.find((x) => x.id === e.id)!;
    events.push({
      id: e.id,
      kind: e.kind,
      description: e.description ?? null,
      start: e.start,
      end: e.end ?? null,
      segment: e.segment,
      magnitude: e.magnitude,
      product_ids: compiled.productIds,
      value_without_event: without.value(0, metric),
      effect,
      share_of_change: Object.fromEntries(
        comparisons.map((c) => [c.label, c.change ? Math.round((effect / c.change) * 1e4) / 1e4 : null]),
      ),
    });
  }
  const interaction = round(value - none.value(0, metric) - events.reduce((a, e) => a + e.effect, 0));
  return {
    scenario: s.name,
    question: s.target.question ?? null,
    metric,
    period: s.target.period,
    seed: i.seed,
    scale: i.scale,
    value,
    comparisons,
    events,
    interaction,
  };
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

export function manifestTables(m: Manifest): Pick<MetaTables, 'events' | 'manifest'> {
  return {
    events: m.events.map((e) => ({
      event_id: e.id,
      kind: e.kind,
      description: e.description,
      start_date: e.start,
      end_date: e.end,
      segment_json: JSON.stringify(e.segment),
      magnitude: e.magnitude,
      product_ids: e.product_ids.join(','),
    })),
    manifest: m.events.flatMap((e) =>
      m.comparisons.map((c) => ({
        event_id: e.id,
        kind: e.kind,
        metric: m.metric,
        period_from: m.period.from,
        period_to: m.period.to,
        comparison_label: c.label,
        comparison_from: c.from,
        comparison_to: c.to,
        value_with_all: m.value,
        value_without_event: e.value_without_event,
        effect: e.effect,
        total_change: c.change,
        share_of_change: e.share_of_change[c.label] ?? null,
      })),
    ),
  };
}

export function writeManifestFile(path: string, m: Manifest): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(m, null, 2) + '\n');
}
