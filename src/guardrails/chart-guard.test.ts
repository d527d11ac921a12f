// Hostile chart specs: every exfiltration or code path named in the issue is refused.
import { describe, expect, it } from 'vitest';
import { checkChart } from './chart-guard.ts';

/** A minimal valid chart: inline data, a bar per month. */
const GOOD_CHART = {
  mark: 'bar',
  data: {
    values: [
      { month: '2025-06', net_sales: 100 },
      { month: '2025-07', net_sales: 88 },
    ],
  },
  encoding: { x: { field: 'month', type: 'ordinal' }, y: { field: 'net_sales', type: 'quantitative' } },
};

const withKey = (patch: Record<string, unknown>) => ({ ...GOOD_CHART, ...patch });

describe('chart guard', () => {
  it('accepts a plain inline-data chart, layers and folds', () => {
    expect(checkChart(GOOD_CHART).ok).toBe(true);
    const layered = {
      data: GOOD_CHART.data,
      transform: [{ fold: ['net_sales'], as: ['metric', 'value'] }],
      encoding: { x: { field: 'month', type: 'ordinal' } },
      layer: [
        { mark: 'line', encoding: { y: { field: 'value', type: 'quantitative' }, color: { field: 'metric' } } },
        { mark: { type: 'point', tooltip: true } },
      ],
    };
    expect(checkChart(layered)).toMatchObject({ ok: true });
  });

  it.each([
    ['url data', withKey({ data: { url: 'https://evil.example/d.json' } })],
    [
      'usermeta embed options',
      withKey({ usermeta: { embedOptions: { loader: { baseURL: 'https://evil.example' } } } }),
    ],
    ['params', withKey({ params: [{ name: 'p', expr: 'alert(1)' }] })],
    ['signals', withKey({ signals: [] })],
    ['href channel', withKey({ encoding: { ...GOOD_CHART.encoding, href: { field: 'month' } } })],
    ['image mark', withKey({ mark: 'image' })],
    [
      'expression in labelExpr',
      withKey({ encoding: { x: { field: 'month', axis: { labelExpr: "datum.label + ''" } } } }),
    ],
    ['calculate transform', withKey({ transform: [{ calculate: 'datum.x', as: 'y' }] })],
    ['filter expression', withKey({ transform: [{ filter: 'true' }] })],
    [
      'condition test',
      withKey({
        encoding: { ...GOOD_CHART.encoding, color: { condition: { test: 'datum.x', value: 'red' }, value: 'blue' } },
      }),
    ],
    ['signal reference', withKey({ width: { signal: 'x' } })],
    ['unknown field', withKey({ encoding: { x: { field: 'email' } } })],
    ['image data field', withKey({ data: { values: [{ month: 'x', image: 'https://evil.example/p.png' }] } })],
    ['nested data values', withKey({ data: { values: [{ month: { a: 1 } }] } })],
    ['named dataset', withKey({ data: { name: 'x' } })],
    ['config', withKey({ config: { background: 'red' } })],
    ['layer with its own data', { data: GOOD_CHART.data, layer: [{ mark: 'bar', data: { url: 'x' } }] }],
    ['unknown top-level key', withKey({ vconcat: [] })],
  ])('refuses %s', (_name, spec) => {
    const r = checkChart(spec as Record<string, unknown>);
    expect(r.ok).toBe(false);
  });
});
