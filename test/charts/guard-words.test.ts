// The chart guard lets a spec carry its Chinese words in usermeta, and nothing else there.
import { describe, expect, it } from 'vitest';
import { checkChart } from '../../src/guardrails/chart-guard.ts';
import { barChart } from '../../src/tools/charts.ts';

const spec = barChart({
  title: { en: 'Net sales by channel', zh: '按渠道划分的销售额' },
  rows: [
    { channel: 'amazon', v: 1 },
    { channel: 'own_website', v: 2 },
  ],
  category: { field: 'channel' },
  value: { field: 'v' },
});

describe('usermeta in the chart guard', () => {
  it("keeps the chart's words", () => {
    const r = checkChart(spec);
    expect(r.ok).toBe(true);
    expect(r.ok && r.spec.usermeta).toMatchObject({ zh: { 'Net sales by channel': '按渠道划分的销售额' } });
  });

  it('refuses anything else in usermeta', () => {
    for (const usermeta of [
      { embedOptions: { loader: { baseURL: 'https://evil.example' } } },
      { zh: { a: 'b' }, embedOptions: {} },
      { zh: { a: { expr: 'alert(1)' } } },
      { zh: {}, fields: [{ expr: 'x' }] },
    ]) {
      expect(checkChart({ ...spec, usermeta }).ok, JSON.stringify(usermeta)).toBe(false);
    }
  });
});
