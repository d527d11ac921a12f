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
    expect(s?.max).toEqual({ label: 'CA · before', value: 9 });
    expect(s?.min).toEqual({ label: 'US · now', value: 5 });
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

  it('uses y2 for range bars and returns null without inline data', () => {
    const s = summarizeChart({
      data: {
        values: [
          { label: 'a', start: 0, end: 10 },
          { label: 'b', start: 10, end: 7 },
        ],
      },
      encoding: { x: { field: 'label' }, y: { field: 'start', type: 'quantitative' }, y2: { field: 'end' } },
    });
    expect(s?.min).toEqual({ label: 'b', value: 7 });
    expect(summarizeChart({ data: { url: 'x' }, encoding: {} })).toBeNull();
  });
});
