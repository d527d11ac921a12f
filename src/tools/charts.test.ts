import { compile } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { localizeChart } from '../protocol/chart-text.ts';
import { METRIC_LABELS } from '../protocol/vocabulary.ts';
import {
  assertPureSpec,
  barChart,
  byTitle,
  formatOf,
  lineChart,
  MAX_BARS,
  shortNames,
  waterfallBase,
  waterfallChart,
} from './charts.ts';

const rows = [
  { day: '2025-01-01', value: 10, channel: 'amazon' },
  { day: '2025-01-02', value: 12.5, channel: 'own_website' },
];

describe('charts', () => {
  it('builds specs Vega-Lite compiles, with inline data only', () => {
    const specs = [
      lineChart({ title: 't', rows, x: { field: 'day' }, y: { field: 'value' }, color: { field: 'channel' } }),
      barChart({ title: 'b', rows, category: { field: 'channel' }, value: { field: 'value', format: ',.2f' } }),
      waterfallChart({
        title: 'w',
        startLabel: 'Jan',
        start: 100,
        steps: [
          { label: 'amazon', delta: 20 },
          { label: 'own', delta: -5 },
        ],
        endLabel: 'Feb',
      }),
    ];
    for (const s of specs) {
      expect(() => compile(s as never)).not.toThrow();
      expect(() => assertPureSpec(s)).not.toThrow();
      expect(JSON.stringify(s)).not.toMatch(/"url"|"expr"|"signals"|"params"/);
    }
  });

  it('computes waterfall positions in code', () => {
    const s = waterfallChart({
      title: 'w',
      startLabel: 'A',
      start: 100,
      steps: [
        { label: 'x', delta: 20 },
        { label: 'y', delta: -50 },
      ],
      endLabel: 'B',
    });
    const values = (s.data as { values: Record<string, unknown>[] }).values;
    // Totals start below the lowest level (not at zero), so the changes are not slivers.
    expect(values.map((v) => [v.start, v.end, v.kind])).toEqual([
      [45, 100, 'Total'],
      [100, 120, 'Increase'],
      [120, 70, 'Decrease'],
      [45, 70, 'Total'],
    ]);
    expect((s.encoding as { x: { scale: unknown } }).x.scale).toEqual({ zero: false });
  });

  it('draws a waterfall from unrounded values (a 2.74 % level stays 2.74 %)', () => {
    const s = waterfallChart({
      title: 'w',
      startLabel: 'A',
      start: 0.0231,
      steps: [{ label: 'x', delta: 0.0043 }],
      endLabel: 'B',
      format: formatOf('ratio'),
    });
    const values = (s.data as { values: Record<string, unknown>[] }).values;
    expect(values.at(-1)!.end).toBeCloseTo(0.0274, 6);
    expect(waterfallBase([0.0231, 0.0274])).toBeGreaterThan(0.02);
  });

  it('folds a long waterfall and caps bars, saying so in both languages', () => {
    const steps = Array.from({ length: 40 }, (_, i) => ({ label: `p${i}`, delta: i - 20 }));
    const w = waterfallChart({ title: 'w', startLabel: 'A', start: 1000, steps, endLabel: 'B' });
    expect((w.data as { values: unknown[] }).values.length).toBeLessThanOrEqual(MAX_BARS);
    const many = Array.from({ length: 50 }, (_, i) => ({ name: `Product ${i}`, v: i }));
    const b = barChart({
      title: { en: 'Top', zh: '前列' },
      rows: many,
      category: { field: 'name' },
      names: true,
      value: { field: 'v' },
    });
    expect((b.data as { values: unknown[] }).values).toHaveLength(MAX_BARS);
    expect(JSON.stringify(localizeChart(b, 'zh').title)).toMatch(/共50项/);
  });

  it('labels ids in words and carries their Chinese', () => {
    const b = barChart({
      title: byTitle(METRIC_LABELS.net_sales, 'channel'),
      rows,
      category: { field: 'channel' },
      value: { field: 'value', format: formatOf('money') },
    });
    const en = JSON.stringify(b);
    expect(en).toContain('Own website');
    expect(en).not.toContain('"own_website"');
    const zh = localizeChart(b, 'zh');
    expect(zh.title).toBe('按渠道划分的销售额');
    expect((zh.data as { values: Record<string, unknown>[] }).values.map((v) => v.channel)).toEqual([
      '亚马逊',
      '独立站',
    ]);
    expect(zh.usermeta).toBeUndefined();
  });

  it('shortens product names and keeps two names cut alike apart', () => {
    const long = 'A very long product name that goes on and on';
    expect(shortNames([long, `${long} too`])).toEqual([
      'A very long product name th…',
      'A very long product name th… (2)',
    ]);
  });

  it('keeps data values inert and drops non-finite numbers', () => {
    const s = barChart({
      title: 'b',
      rows: [{ k: '<img src=x onerror=alert(1)>', v: Infinity }],
      category: { field: 'k' },
      value: { field: 'v' },
    });
    expect((s.data as { values: unknown[] }).values).toEqual([{ k: '<img src=x onerror=alert(1)>', v: null }]);
  });

  it('assertPureSpec rejects urls and expressions', () => {
    expect(() => assertPureSpec({ data: { url: 'http://x' } })).toThrow(/url/);
    expect(() => assertPureSpec({ transform: [{ calculate: 'datum.x' }] })).toThrow(/transform/);
    expect(() => assertPureSpec({ params: [] })).toThrow(/params/);
  });
});
