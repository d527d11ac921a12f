import { compile } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { assertPureSpec, barChart, lineChart, waterfallChart } from './charts.ts';

const rows = [
  { day: '2025-01-01', value: 10, channel: 'amazon' },
  { day: '2025-01-02', value: 12.5, channel: 'own_website' },
];

describe('charts', () => {
  it('builds specs Vega-Lite compiles, with inline data only', () => {
    const specs = [
      lineChart({ title: 't', rows, x: { field: 'day' }, y: { field: 'value' }, color: { field: 'channel' } }),
      barChart({ title: 'b', rows, category: { field: 'channel' }, value: { field: 'value', format: ',.2f' } }),
      waterfallChart({ title: 'w', startLabel: 'Jan', start: 100, steps: [{ label: 'amazon', delta: 20 }, { label: 'own', delta: -5 }], endLabel: 'Feb' }),
    ];
    for (const s of specs) {
      expect(() => compile(s as never)).not.toThrow();
      expect(() => assertPureSpec(s)).not.toThrow();
      expect(JSON.stringify(s)).not.toMatch(/"url"|"expr"|"signals"|"params"/);
    }
  });

  it('computes waterfall positions in code', () => {
    const s = waterfallChart({ title: 'w', startLabel: 'A', start: 100, steps: [{ label: 'x', delta: 20 }, { label: 'y', delta: -50 }], endLabel: 'B' });
    const values = (s.data as { values: Record<string, unknown>[] }).values;
    expect(values.map((v) => [v.start, v.end, v.kind])).toEqual([[0, 100, 'total'], [100, 120, 'increase'], [120, 70, 'decrease'], [0, 70, 'total']]);
  });

  it('keeps data values inert and drops non-finite numbers', () => {
    const s = barChart({ title: 'b', rows: [{ k: '<img src=x onerror=alert(1)>', v: Infinity }], category: { field: 'k' }, value: { field: 'v' } });
    expect((s.data as { values: unknown[] }).values).toEqual([{ k: '<img src=x onerror=alert(1)>', v: null }]);
  });

  it('assertPureSpec rejects urls and expressions', () => {
    expect(() => assertPureSpec({ data: { url: 'http://x' } })).toThrow(/url/);
    expect(() => assertPureSpec({ transform: [{ calculate: 'datum.x' }] })).toThrow(/transform/);
    expect(() => assertPureSpec({ params: [] })).toThrow(/params/);
  });
});
