// The daily trend's event rules and tooltips read in the chart's language: Chinese from the vocabulary,
// not the detector's English description.
import { describe, expect, it } from 'vitest';
import { checkChart } from '../../guardrails/chart-guard.ts';
import { localizeChart } from '../../protocol/chart-text.ts';
import type { Cause } from './causes.ts';
import { causeEvents, trendWithEvents } from './trend-chart.ts';

const cause = (over: Partial<Cause>): Cause => ({
  kind: 'stockout',
  segment: { subcategory: ['Bikinis'] },
  title: '3 SKUs of Bikinis at zero stock between 2025-07-03 and 2025-07-10',
  effect: -1200,
  share: 0.4,
  confidence: 'high',
  z: 5,
  evidence: { query: 'q', facts: {} },
  start: '2025-07-03',
  end: '2025-07-10',
  ...over,
});

const causes = [
  cause({}),
  cause({
    kind: 'campaign_end',
    segment: { channel: ['own_website'] },
    title: 'Campaign ended: Summer splash (email, 2025-06-01 to 2025-07-05)',
    start: '2025-07-05',
    end: null,
  }),
  cause({ kind: 'seasonality', segment: {}, title: 'Season', start: null }),
];

function chart() {
  const series = { en: 'July 2025', zh: '2025年7月' };
  return trendWithEvents({
    title: { en: 'Daily net sales, with the events found', zh: '每日销售额及发现的事件' },
    measure: { en: 'Net sales', zh: '销售额' },
    series: [{ en: 'June 2025', zh: '2025年6月' }, series],
    points: [{ day: '2025-07-01', value: 10, period: series }],
    events: causeEvents(causes),
    format: '$,.0f',
  });
}

const rows = (spec: ReturnType<typeof chart>) =>
  (spec.data as { values: Record<string, unknown>[] }).values.filter((r) => r.event_day !== null);

describe('trend chart events', () => {
  it('keeps the detector description in English, one event per cause with a start day', () => {
    const events = rows(localizeChart(chart(), 'en'));
    expect(events.map((r) => r.event)).toEqual([causes[0]!.title, causes[1]!.title]);
    expect(events.map((r) => r.event_kind)).toEqual(['Stock-out', 'Campaign end']);
  });

  it('labels and describes each event in Chinese, with no English left in the event rows or tooltips', () => {
    const spec = localizeChart(chart(), 'zh');
    const events = rows(spec);
    expect(events.map((r) => r.event_kind)).toEqual(['缺货', '活动结束']);
    expect(events[0]!.event).toBe('缺货：比基尼（2025-07-03 至 2025-07-10）');
    expect(events[1]!.event).toMatch(/^活动结束：.+（自 2025-07-05 起）$/);
    for (const r of events) expect(String(r.event)).not.toMatch(/[A-Za-z]{3,}/);
    const tips = JSON.stringify((spec.layer as { encoding: { tooltip?: unknown } }[]).map((l) => l.encoding.tooltip));
    expect(tips).not.toMatch(/"title":"[A-Za-z]/);
  });

  it('passes the chart guard with the event words in usermeta', () => {
    expect(checkChart(chart()).ok).toBe(true);
  });
});
