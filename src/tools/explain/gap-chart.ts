// The why answer's main picture: last period's actual, the move the season and trend predict, the expected
// level, each cause of the gap between expected and actual, what the causes leave unexplained, and this
// period's actual. The bars add up by construction (a + season + causes + remainder = b), so the chart,
// the causes table and the text tell one story.
import { knownTerm, termLabels } from '../../protocol/terms.ts';
import { VALUE_LABELS_ZH } from '../../protocol/value-labels.ts';
import type { Labels } from '../../protocol/vocabulary.ts';
import { waterfallChart, type WaterfallStep } from '../charts.ts';
import type { ChartSpec } from '../types.ts';
import type { Cause, Ranking } from './causes.ts';

/** A segment's values in words, at most two: "Amazon, Swimwear". */
export function segmentWords(seg: Cause['segment']): Labels | null {
  const values = Object.values(seg).flat().slice(0, 2);
  if (!values.length) return null;
  const word = (v: string, l: 'en' | 'zh') =>
    knownTerm(v, l) ?? (l === 'zh' && Object.hasOwn(VALUE_LABELS_ZH, v) ? VALUE_LABELS_ZH[v]! : v);
  return { en: values.map((v) => word(v, 'en')).join(', '), zh: values.map((v) => word(v, 'zh')).join('、') };
}

/** "Stock-out: Bikinis" / "缺货：Bikinis"; a second cause of the same words gets a number, so bars stay apart. */
function causeLabels(causes: Cause[]): Labels[] {
  const seen = new Map<string, number>();
  return causes.map((c) => {
    const kind = termLabels(c.kind);
    const seg = segmentWords(c.segment);
    const l = seg ? { en: `${kind.en}: ${seg.en}`, zh: `${kind.zh}：${seg.zh}` } : kind;
    const n = (seen.get(l.en) ?? 0) + 1;
    seen.set(l.en, n);
    return n === 1 ? l : { en: `${l.en} (${n})`, zh: `${l.zh}(${n})` };
  });
}

export interface GapChartInput {
  ranking: Ranking;
  /** The two periods in words and the metric's name. */
  a: Labels;
  b: Labels;
  metric: Labels;
  format: string;
}

/** Null when no cause has an effect in the metric's units: the driver waterfall is the picture then. */
export function gapChart(x: GapChartInput): ChartSpec | null {
  const { ranking, a, b, metric } = x;
  const causes = ranking.causes.filter((c) => c.kind !== 'seasonality' && c.effect !== null);
  if (!causes.length) return null;
  const season = ranking.expectedB - ranking.a;
  const labels = causeLabels(causes);
  const steps: WaterfallStep[] = [
    { label: { en: 'Season and trend', zh: '季节与趋势' }, delta: season },
    { label: { en: `Expected ${b.en}`, zh: `${b.zh}预期` }, delta: 0, total: true },
    ...causes.map((c, i) => ({ label: labels[i]!, delta: c.effect! })),
    { label: { en: 'Not explained', zh: '未解释部分' }, delta: ranking.residual },
  ];
  return waterfallChart({
    // Short enough for a phone's width: the bars say the rest.
    title: { en: `${metric.en}, ${b.en} vs expected`, zh: `${metric.zh}：${b.zh}实际与预期` },
    startLabel: a,
    start: ranking.a,
    steps,
    endLabel: b,
    format: x.format,
    valueTitle: metric,
  });
}
