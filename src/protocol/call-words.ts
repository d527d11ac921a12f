// A tool call in words, for table titles and for the step list a viewer reads: which vetted template
// answered and what it was asked ("Breakdown — net sales by channel, July 2025 vs June 2025"), never the
// raw call ("breakdown (metric=net_sales, by=channel, …)").
import { periodWords } from './periods.ts';
import { termLabels } from './terms.ts';
import { CHANNEL_LABELS, type Labels, type Language, METRIC_LABELS, type MetricId } from './vocabulary.ts';

const L = (en: string, zh: string): Labels => ({ en, zh });

export const TOOL_LABELS: Readonly<Record<string, Labels>> = {
  sales_trend: L('Sales trend', '销售趋势'),
  breakdown: L('Breakdown', '拆分'),
  compare_periods: L('Period comparison', '时期对比'),
  top_products: L('Product ranking', '商品排行'),
  funnel: L('Funnel', '转化漏斗'),
  campaign_performance: L('Campaign performance', '营销活动效果'),
  price_change_impact: L('Price change impact', '调价影响'),
  stock_status: L('Stock status', '库存状况'),
  customer_mix: L('Customer mix', '客户结构'),
  cohort_retention: L('Cohort retention', '同期群复购'),
  rfm_segments: L('RFM segments', 'RFM分群'),
  returns_analysis: L('Returns analysis', '退货分析'),
  explain_change: L('Change explanation', '变化归因'),
  describe_schema: L('Data dictionary', '数据说明'),
  run_sql: L('SQL query', 'SQL查询'),
};

/** Tools whose SQL was written by the model, not a vetted template. */
export const FREE_SQL_TOOLS = new Set(['run_sql']);

const BY_KEYS = ['by', 'breakdown', 'dimension'] as const;

function metricWords(id: unknown): Labels | undefined {
  return typeof id === 'string' && Object.hasOwn(METRIC_LABELS, id) ? METRIC_LABELS[id as MetricId] : undefined;
}

function periodOf(v: unknown): Labels | undefined {
  if (typeof v === 'string') return periodWords(v);
  if (v && typeof v === 'object' && 'from' in v && 'to' in v) {
    const { from, to } = v as { from: unknown; to: unknown };
    return periodWords(`${String(from)} to ${String(to)}`);
  }
  return undefined;
}

function join(parts: (Labels | undefined)[], en: string, zh: string): Labels | undefined {
  const kept = parts.filter((p): p is Labels => p !== undefined);
  if (!kept.length) return undefined;
  return { en: kept.map((p) => p.en).join(en), zh: kept.map((p) => p.zh).join(zh) };
}

/** "net sales by channel" / "按渠道的销售额". */
function subject(input: Record<string, unknown>): Labels | undefined {
  const metrics = Array.isArray(input.metrics) ? input.metrics.map(metricWords) : [metricWords(input.metric)];
  const measure = join(
    metrics.map((m) => m && { en: lower(m.en), zh: m.zh }),
    ', ',
    '、',
  );
  const byKey = BY_KEYS.find((k) => typeof input[k] === 'string');
  const by = byKey ? termLabels(String(input[byKey])) : undefined;
  if (measure && by) return { en: `${lower(measure.en)} by ${lower(by.en)}`, zh: `按${by.zh}的${measure.zh}` };
  if (measure) return { en: lower(measure.en), zh: measure.zh };
  if (by) return { en: `by ${lower(by.en)}`, zh: `按${by.zh}` };
  return undefined;
}

function lower(s: string): string {
  return /^[A-Z][a-z]/.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s;
}

/** "July 2025 vs June 2025" / "2025年7月对比2025年6月". */
function when(input: Record<string, unknown>): Labels | undefined {
  const period = periodOf(input.period);
  const cmp = input.compare_to === 'none' ? undefined : periodOf(input.compare_to);
  if (period && cmp) return { en: `${period.en} vs ${cmp.en}`, zh: `${period.zh}对比${cmp.zh}` };
  return period;
}

function channels(input: Record<string, unknown>): Labels | undefined {
  const ids = ([] as unknown[])
    .concat(input.channel ?? [])
    .filter((c): c is keyof typeof CHANNEL_LABELS => typeof c === 'string' && Object.hasOwn(CHANNEL_LABELS, c));
  return join(
    ids.map((c) => CHANNEL_LABELS[c]),
    ', ',
    '、',
  );
}

/** What the call was asked, e.g. "net sales by channel, July 2025 vs June 2025 (Amazon)". */
export function callSubject(tool: string, input: unknown): Labels | undefined {
  const i = input && typeof input === 'object' ? (input as Record<string, unknown>) : {};
  if (tool === 'explain_change') return explainWords(i);
  const main = join([subject(i), when(i)], ', ', '，');
  const ch = channels(i);
  if (!main) return ch;
  return ch ? { en: `${main.en} (${ch.en})`, zh: `${main.zh}(${ch.zh})` } : main;
}

/** "Causes of the July 2025 drop in net sales" / "2025年7月销售额下降的原因". */
function explainWords(i: Record<string, unknown>): Labels {
  const metric = metricWords(i.metric) ?? termLabels('value');
  const m = lower(metric.en);
  const period = periodOf(i.period);
  const cmp = periodOf(i.compare_to);
  const when = period ? `${period.en} ` : '';
  if (i.premise === 'drop' || i.premise === 'rise') {
    const zhMove = i.premise === 'drop' ? '下降' : '上升';
    return { en: `Causes of the ${when}${i.premise} in ${m}`, zh: `${period?.zh ?? ''}${metric.zh}${zhMove}的原因` };
  }
  const span = cmp && period ? { en: `${period.en} vs ${cmp.en}`, zh: `${period.zh}对比${cmp.zh}` } : period;
  return {
    en: span ? `Causes of the change in ${m}, ${span.en}` : `Causes of the change in ${m}`,
    zh: `${span?.zh ?? ''}${metric.zh}变化的原因`,
  };
}

export function toolLabel(tool: string, lang: Language): string {
  return Object.hasOwn(TOOL_LABELS, tool) ? TOOL_LABELS[tool]![lang] : tool.replace(/_/g, ' ');
}

/** A table's title: what was asked, capitalised, else the tool's name. */
export function tableTitleWords(tool: string, input: unknown, lang: Language): string {
  const s = callSubject(tool, input)?.[lang];
  if (!s) return toolLabel(tool, lang);
  return lang === 'en' ? s[0]!.toUpperCase() + s.slice(1) : s;
}

/** The raw title the agent gives a table, "tool (k=v, k=v)", read back into a tool and its input. */
export function parseCallTitle(title: string): { tool: string; input: Record<string, unknown> } | null {
  const m = /^([a-z_]+)(?: \((.*)\))?$/s.exec(title.trim());
  if (!m) return null;
  const input: Record<string, unknown> = {};
  for (const part of (m[2] ?? '').split(/, (?=[a-z_]+=)/)) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const raw = part.slice(eq + 1);
    try {
      input[part.slice(0, eq)] = /^[[{"]|^-?\d/.test(raw) ? JSON.parse(raw) : raw;
    } catch {
      input[part.slice(0, eq)] = raw;
    }
  }
  return { tool: m[1]!, input };
}
