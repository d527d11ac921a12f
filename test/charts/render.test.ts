// Every chart kind the tools draw, run on the hand-built SQLite fixture, in both languages: the spec passes the
// chart guard, is put into the reader's language as the UI does (localizeChart), compiles with vega-lite and
// renders to SVG with vega's headless View. What a reader would see (titles, axis titles, tick and legend
// labels, tooltip titles) holds no field id (no underscore) and no "null"; quantities carry a format.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logger, None, parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { Db } from '../../src/db/types.ts';
import { checkChart } from '../../src/guardrails/chart-guard.ts';
import { localizeChart } from '../../src/protocol/chart-text.ts';
import type { Language } from '../../src/protocol/vocabulary.ts';
import { explainChange } from '../../src/tools/explain-change.ts';
import { tools } from '../../src/tools/registry.ts';
import type { ChartSpec, ToolContext } from '../../src/tools/types.ts';
import { fixtureSqlite } from '../parity/support.ts';

/** One or more inputs per charting tool, chosen to cover each chart it can draw. */
const INPUTS: [string, Record<string, unknown>][] = [
  ['sales_trend', { period: 'all', grain: 'month', metrics: ['net_sales', 'conversion_rate'] }],
  ['sales_trend', { period: 'last_90_days', grain: 'week', breakdown: 'channel' }],
  ['sales_trend', { period: 'last_month', compare_to: 'previous_period', metrics: ['orders'] }],
  ['breakdown', { by: 'channel', period: 'last_month', compare_to: 'previous_period' }],
  ['breakdown', { by: 'product', metric: 'net_sales', period: 'last_90_days', compare_to: 'previous_period' }],
  ['compare_periods', { period: 'last_month', compare_to: 'previous_period' }],
  ['top_products', { period: 'last_90_days', n: 30 }],
  ['funnel', { period: 'last_month' }],
  ['campaign_performance', { period: 'all' }],
  ['price_change_impact', { period: 'all' }],
  ['stock_status', { period: 'last_90_days' }],
  ['customer_mix', { period: 'last_month' }],
  ['customer_mix', { period: 'last_90_days', by: 'device' }],
  ['cohort_retention', { period: 'all' }],
  ['rfm_segments', { period: 'all' }],
  ['returns_analysis', { period: 'all', by: 'channel' }],
  ['explain_change', { metric: 'net_sales', period: '2025-02', compare_to: '2025-01' }],
  ['explain_change', { metric: 'return_rate', period: '2025-02', compare_to: '2025-01' }],
  ['run_sql', { sql: 'SELECT channel, SUM(total_amount) AS net_sales FROM orders GROUP BY channel' }],
  ['run_sql', { sql: 'SELECT order_date, COUNT(*) AS orders_per_day FROM orders GROUP BY order_date' }],
];

const HAN = /\p{Script=Han}/u;

function decode(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** The text a reader sees in the drawing: every <text> and <tspan>. */
function visibleText(svg: string): string[] {
  return [...svg.matchAll(/<(?:text|tspan)[^>]*>([^<]+)</g)].map((m) => decode(m[1]!).trim()).filter(Boolean);
}

async function render(spec: ChartSpec): Promise<string> {
  const vg = compile(spec as unknown as TopLevelSpec, { logger: logger(None) }).spec;
  const view = new View(parse(vg), { renderer: 'none', logLevel: None });
  try {
    view.width(600);
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

type Enc = Record<string, { type?: string; field?: string; axis?: { format?: string } | null; title?: unknown }>;

function encodings(spec: ChartSpec): Enc[] {
  const own = spec.encoding ? [spec.encoding as Enc] : [];
  const layers = (spec.layer as { encoding?: Enc }[] | undefined) ?? [];
  return [...own, ...layers.flatMap((l) => (l.encoding ? [l.encoding] : []))];
}

function tooltipTitles(spec: ChartSpec): string[] {
  return encodings(spec).flatMap((e) => {
    const t = e.tooltip as unknown;
    return Array.isArray(t) ? t.map((c: { title?: unknown }) => String(c.title ?? '')) : [];
  });
}

function titleText(spec: ChartSpec): string {
  const t = spec.title as unknown;
  if (typeof t === 'string') return t;
  return t && typeof t === 'object' ? String((t as { text?: unknown }).text ?? '') : '';
}

describe('every chart the tools draw reads like a report, in both languages', () => {
  let db: Db;
  let ctx: ToolContext;
  const charts: { name: string; spec: ChartSpec }[] = [];

  beforeAll(async () => {
    ({ db, ctx } = await fixtureSqlite());
    const all = [...tools, explainChange];
    for (const [tool, input] of INPUTS) {
      const t = all.find((x) => x.name === tool)!;
      const r = await t.run(t.inputSchema.parse(input), ctx);
      r.charts.forEach((spec, i) => charts.push({ name: `${tool} ${JSON.stringify(input)} #${i}`, spec }));
    }
  }, 120_000);
  afterAll(async () => db?.close());

  it('covers every charting tool', () => {
    const drawn = new Set(charts.map((c) => c.name.split(' ')[0]));
    expect([...drawn].sort()).toEqual([...new Set(INPUTS.map(([t]) => t))].sort());
  });

  for (const lang of ['en', 'zh'] as Language[]) {
    it(`renders each chart in ${lang} with words, formats and no null`, async () => {
      const problems: string[] = [];
      for (const { name, spec } of charts) {
        const guarded = checkChart(spec);
        if (!guarded.ok) {
          problems.push(`${name}: guard: ${guarded.reason}`);
          continue;
        }
        const shown = localizeChart(guarded.spec, lang);
        const texts = [...visibleText(await render(shown)), ...tooltipTitles(shown)];
        for (const t of texts) {
          if (t.includes('_')) problems.push(`${name}: field id shown: "${t}"`);
          if (/\bnull\b|\bundefined\b|\bNaN\b/.test(t)) problems.push(`${name}: "${t}"`);
        }
        for (const e of encodings(shown)) {
          for (const ch of ['x', 'y'] as const) {
            const c = e[ch];
            if (c?.type === 'quantitative' && c.axis !== null && !c.axis?.format) {
              problems.push(`${name}: ${ch} axis has no format`);
            }
          }
        }
        if (lang === 'zh' && !HAN.test(titleText(shown))) problems.push(`${name}: title not in Chinese`);
      }
      expect(problems).toEqual([]);
    }, 120_000);
  }

  it('formats money with a dollar sign and ratios as percentages on the axes', () => {
    const formats = charts.flatMap(({ spec }) =>
      encodings(spec).flatMap((e) => [e.x?.axis?.format, e.y?.axis?.format].filter(Boolean)),
    );
    expect(formats).toContain('$,.0f');
    expect(formats.some((f) => String(f).endsWith('%'))).toBe(true);
  });

  it('draws no null series: every colour legend lists only real values', () => {
    for (const { name, spec } of charts) {
      const values = (spec.data as { values: Record<string, unknown>[] }).values;
      for (const e of encodings(spec)) {
        const color = e.color;
        if (!color?.field) continue;
        const domain = (color as { scale?: { domain?: unknown[] } }).scale?.domain;
        const shown = domain ?? values.map((v) => v[color.field!]);
        expect(shown.includes(null), name).toBe(false);
      }
    }
  });
});
