import { describe, expect, it } from 'vitest';
import { summarizeChart } from './chart-summary.ts';

describe('summarizeChart', () => {
  it('reads the y field of a line chart and labels the extremes with x', () => {
    const s = summarizeChart({
      title: 'Net sales by month',
      data: {
        values: [
          { m: '2025-06', v: 10 },
          { m: '2025-07', v: 4 },
          { m: '2025-08', v: 12 },
        ],
      },
      encoding: { x: { field: 'm', type: 'temporal' }, y: { field: 'v', type: 'quantitative', title: 'net sales' } },
    });
    expect(s).toEqual({
      kind: 'extremes',
      title: 'Net sales by month',
      measure: 'net sales',
      points: 3,
      max: { label: '2025-08', value: 12 },
      min: { label: '2025-07', value: 4 },
    });
  });

  it('reads x for horizontal bars and adds the colour series to the label', () => {
    const s = summarizeChart({
      data: {
        values: [
          { c: 'US', n: 5, p: 'now' },
          { c: 'CA', n: 9, p: 'before' },
        ],
      },
      encoding: { y: { field: 'c', type: 'nominal' }, x: { field: 'n', type: 'quantitative' }, color: { field: 'p' } },
    });
    expect(s).toMatchObject({ max: { label: 'CA · before', value: 9 }, min: { label: 'US · now', value: 5 } });
  });

  it('finds the measure in a layer and skips rows without it (event rules)', () => {
    const s = summarizeChart({
      title: { text: 'Daily trend' },
      data: {
        values: [
          { day: '2025-07-01', value: 3 },
          { day: null, value: null, event_day: '2025-07-02' },
        ],
      },
      layer: [{ encoding: { x: { field: 'day', type: 'temporal' }, y: { field: 'value', type: 'quantitative' } } }],
    });
    expect(s).toMatchObject({ title: 'Daily trend', points: 1, max: { value: 3 }, min: { value: 3 } });
  });

  it('gives range bars that are not a waterfall no extremes, and returns null without inline data', () => {
    const s = summarizeChart({
      data: {
        values: [
          { label: 'a', start: 0, end: 10 },
          { label: 'b', start: 10, end: 7 },
        ],
      },
      encoding: { x: { field: 'label' }, y: { field: 'start', type: 'quantitative' }, y2: { field: 'end' } },
    });
    expect(s).toBeNull(); // 7 and 10 are positions of the bars' ends, not values of any step
    expect(summarizeChart({ data: { url: 'x' }, encoding: {} })).toBeNull();
  });
});

/**
 * A waterfall spec shaped as src/tools/charts.ts's waterfallChart draws one (the UI may not import the tools
 * layer): horizontal range bars from `start` to `end`, the step's own change in `amount`, totals drawn from a
 * base and marked by the colour scale's first kind.
 */
function waterfall(
  start: [string, number],
  steps: [string, number][],
  end: string,
  kinds = ['Total', 'Increase', 'Decrease'],
  valueTitle: string | null = 'Net sales',
) {
  let level = start[1];
  const base = 0;
  const rows: Record<string, string | number>[] = [
    { label: start[0], start: base, end: level, amount: level, kind: kinds[0]!, order: 0 },
  ];
  steps.forEach(([label, delta], i) => {
    rows.push({
      label,
      start: level,
      end: level + delta,
      amount: delta,
      kind: kinds[delta >= 0 ? 1 : 2]!,
      order: i + 1,
    });
    level += delta;
  });
  rows.push({ label: end, start: base, end: level, amount: level, kind: kinds[0]!, order: steps.length + 1 });
  return {
    title: 'Net sales, June to July',
    data: { values: rows.reverse() }, // the order field, not the rows' order, runs the steps
    mark: { type: 'bar' },
    encoding: {
      y: { field: 'label', type: 'nominal', sort: { field: 'order', order: 'ascending' } },
      x: { field: 'start', type: 'quantitative', title: valueTitle, scale: { zero: false } },
      x2: { field: 'end' },
      color: { field: 'kind', type: 'nominal', scale: { domain: kinds } },
      tooltip: [
        { field: 'label', type: 'nominal' },
        { field: 'amount', type: 'quantitative', format: '$,.2f' },
      ],
    },
  };
}

describe('summarizeChart on a waterfall', () => {
  // A campaign that ends: the running level dips to 7,417.21 after "Campaign end", which is no step's value.
  const spec = waterfall(
    ['June', 10_000],
    [
      ['Season', 417.21],
      ['Campaign end', -3_000],
      ['New customers', 1_200.5],
      ['Price', -250],
    ],
    'July',
  );

  it('states the start and end totals and the largest decrease and increase steps by their own change', () => {
    expect(summarizeChart(spec)).toEqual({
      kind: 'waterfall',
      title: 'Net sales, June to July',
      measure: 'Net sales',
      start: { label: 'June', value: 10_000 },
      end: { label: 'July', value: 10_000 + 417.21 - 3_000 + 1_200.5 - 250 },
      fall: { label: 'Campaign end', value: -3_000 },
      rise: { label: 'New customers', value: 1_200.5 },
    });
  });

  it('never reports a running subtotal as an extreme', () => {
    const said = JSON.stringify(summarizeChart(spec));
    expect(said).not.toContain('7417.21');
    expect(said).not.toContain('10417.21');
  });

  it('leaves out a side no step moved, and reads Chinese kinds and labels the same way', () => {
    const up = waterfall(['之前', 5], [['增长', 2]], '之后', ['合计', '增加', '减少'], null);
    const s = summarizeChart(up);
    expect(s).toMatchObject({ kind: 'waterfall', measure: '', start: { label: '之前', value: 5 }, end: { value: 7 } });
    expect(s).toMatchObject({ rise: { label: '增长', value: 2 } });
    expect(s && 'fall' in s ? s.fall : undefined).toBeUndefined();
  });
});
