// Tool results → the answer, in the question's language. Every number comes from a result and keeps its
// precision; the question's premise is checked against the data; a few follow-ups are offered. One writer per
// tool (compare.ts, ranked.ts, tables.ts, why.ts, customers.ts, free-sql.ts); this file picks and joins them.
import type { DataRange } from '../../../tools/types.ts';
import { type Intent, STOCK_MONTHS } from '../intent.ts';
import type { Outcome } from '../outcome.ts';
import { buildFreeSql } from '../plan/free-sql.ts';
import { renderCampaigns } from './campaigns.ts';
import { renderCohort } from './cohort.ts';
import { renderCompare } from './compare.ts';
import { renderCustomerMix } from './customers.ts';
import { metricName } from './format.ts';
import { extremeLead } from './extreme-lead.ts';
import { renderFunnel } from './funnel.ts';
import { needsAnalyst, renderFree } from './free-sql.ts';
import { renderPasted, sqlIsForAnalysts } from './pasted-sql.ts';
import { renderRanked, renderReasons } from './ranked.ts';
import { cap, usedRange, zh } from './read.ts';
import { partialRefusal, refusal, suggestions, unsupported } from './suggest.ts';
import { maturityNotes } from './maturity.ts';
import { defaultPeriodNote } from './period-note.ts';
import { reasonsLead, shareLead } from './share.ts';
import { renderStock, renderStockByMonth, stockMonthsLead } from './stock.ts';
import { renderGeneric, renderSchema, renderTrend } from './tables.ts';
import { toolErrorLine } from './tool-error.ts';
import { unmatchedLead } from './unmatched.ts';
import { excludedLead } from './excluded.ts';
import { renderWhy } from './why.ts';
import { zeroDaysLead } from './zero-days.ts';

function renderExplain(i: Intent, o: Outcome): string[] {
  return renderWhy(i, o) ?? renderGeneric(i, o);
}

const TITLES: Record<string, [string, string]> = {
  breakdown: ['Breakdown', '的分布'],
  top_products: ['Products', '的产品排名'],
  funnel: ['The own-site funnel', '独立站转化漏斗'],
  campaign_performance: ['Campaign performance', '营销活动效果'],
  price_change_impact: ['Price changes and their impact', '调价影响'],
  stock_status: ['Stock-outs', '缺货情况'],
  customer_mix: ['Customer mix', '客户结构'],
  cohort_retention: ['Cohort retention', '同期群留存'],
  rfm_segments: ['Customer segments (RFM)', '客户分层（RFM）'],
  returns_analysis: ['Returns', '退货分析'],
};

function renderOne(i: Intent, o: Outcome): string[] {
  switch (o.name) {
    case 'compare_periods':
      return renderCompare(i, o);
    case 'sales_trend':
      return [...zeroDaysLead(i, o), ...renderTrend(i, o)];
    case 'explain_change':
      return renderExplain(i, o);
    case 'describe_schema':
      return renderSchema(i, o);
    case 'run_sql':
      return i.kind === 'free_sql' && i.free
        ? renderFree(i.free, i, o.payload?.rows ?? [], buildFreeSql(i.free, i).unapplied)
        : renderGeneric(i, o);
    case 'breakdown': {
      const dim = String(o.input.dimension ?? o.input.by ?? '');
      const name = metricName(String(o.input.metric ?? i.metric), i.language);
      const title = zh(i.language)
        ? `${name}按${dimZh(dim)}${TITLES.breakdown[1]}`
        : `${cap(name, true)} by ${dim.replace(/_/g, ' ')}`;
      return [...shareLead(i, o), ...(i.share ? [] : extremeLead(i, o)), ...renderRanked(i, o, title)];
    }
    case 'customer_mix': {
      const by = typeof o.input.by === 'string' ? o.input.by : null;
      const lines = renderCustomerMix(i, o.payload?.rows ?? [], by, o.payload ? usedRange(o.payload.summary) : null);
      return lines.length ? lines : renderGeneric(i, o);
    }
    case 'campaign_performance':
    case 'funnel': {
      const lines = o.name === 'funnel' ? renderFunnel(i, o) : renderCampaigns(i, o);
      return lines.length ? lines : renderRanked(i, o, TITLES[o.name]![zh(i.language) ? 1 : 0]);
    }
    case 'cohort_retention': {
      const lines = renderCohort(i, o);
      return lines.length ? lines : renderGeneric(i, o);
    }
    case 'stock_status': {
      const lines = renderStock(i, o);
      return lines.length ? lines : renderGeneric(i, o);
    }
    case 'returns_analysis':
      return [
        ...reasonsLead(i, o),
        ...renderRanked(i, o, zh(i.language) ? TITLES.returns_analysis[1] : TITLES.returns_analysis[0]),
        ...renderReasons(i, o),
      ];
    default: {
      const t = TITLES[o.name];
      if (!t) return renderGeneric(i, o);
      const title = zh(i.language)
        ? t[1]
        : o.name === 'top_products'
          ? `${i.order === 'bottom' ? 'Bottom' : 'Top'} products by ${metricName(String(o.input.metric ?? i.metric), 'en')}`
          : t[0];
      return renderRanked(i, o, title);
    }
  }
}

function dimZh(d: string): string {
  return (
    (
      {
        channel: '渠道',
        country: '国家',
        category: '品类',
        subcategory: '子品类',
        product: '产品',
        device: '设备',
        source: '流量来源',
        source_type: '来源类型',
        customer_type: '新老客',
        campaign: '活动',
      } as Record<string, string>
    )[d] ?? d
  );
}

export interface Answer {
  text: string;
  suggestions: string[];
}

export function compose(i: Intent, outcomes: Outcome[], data: DataRange): Answer {
  if (i.kind === 'refuse') return { text: refusal(i), suggestions: suggestions(i, data) };
  if (i.kind === 'unsupported') return { text: unsupported(i, data), suggestions: suggestions(i, data) };
  if (i.kind === 'pasted_sql') {
    return outcomes.length
      ? { text: renderPasted(outcomes, i.language), suggestions: [] }
      : { text: sqlIsForAnalysts(i.language), suggestions: suggestions(i, data) };
  }
  if (i.kind === 'free_sql' && i.free && !outcomes.length)
    return {
      text: [
        ...(i.alsoRefused ? [partialRefusal(i.alsoRefused, i.language)] : []),
        needsAnalyst(i.free, i.language),
      ].join('\n\n'),
      suggestions: suggestions(i, data),
    };
  const body: string[] = [
    ...(i.alsoRefused ? [partialRefusal(i.alsoRefused, i.language)] : []),
    ...unmatchedLead(i),
    ...excludedLead(i),
  ];

  const ok = outcomes.filter((o) => o.payload && !o.error);
  // A month per call ("stock-outs by month"): one list of months, not one stock answer per month.
  const monthly = i.kind === 'stock' && ok.filter((o) => o.name === 'stock_status').length > 1;
  body.push(...stockMonthsLead(i, ok.filter((o) => o.name === 'stock_status').length, STOCK_MONTHS));
  const leads = body.length;
  if (monthly)
    body.push(
      renderStockByMonth(
        i,
        ok.filter((o) => o.name === 'stock_status'),
      ).join('\n'),
    );
  for (const o of ok) {
    if (monthly && o.name === 'stock_status') continue;
    const lines = renderOne(i, o);
    if (lines.length) body.push(lines.join('\n'));
  }
  const failed = outcomes.filter((o) => o.error && !ok.some((x) => x.name === o.name));
  if (body.length === leads) {
    const none = zh(i.language)
      ? outcomes.length
        ? '这个问题没有查到可用的数据。'
        : '我现有的工具回答不了这个问题。'
      : outcomes.length
        ? 'The query returned no data for this question.'
        : 'None of my tools can answer this question.';
    body.push([none, ...failed.map((o) => toolErrorLine(o, i.language))].join('\n'));
  } else if (failed.length) body.push(failed.map((o) => toolErrorLine(o, i.language)).join('\n'));
  const late = maturityNotes(i, ok);
  if (late.length) body.push(late.join('\n'));
  const dropped = [...new Set(ok.flatMap((o) => o.dropped))].filter((k) => k in i.filters);
  if (dropped.length)
    body.push(
      zh(i.language)
        ? `注意：该分析不支持按${dropped.join('、')}筛选，结果未应用这些条件。`
        : `Note: this analysis does not take the ${dropped.join(', ')} filter, so it is not applied.`,
    );
  if (i.periodDefaulted && i.kind !== 'schema') body.push(defaultPeriodNote(i, ok, data));
  const usesSales = ok.some((o) =>
    [o.input.metric, ...(Array.isArray(o.input.metrics) ? o.input.metrics : [])].includes('net_sales'),
  );
  if (usesSales) {
    body.push(
      zh(i.language)
        ? '口径：销售额为净销售额（折扣后、退款前，不含已取消订单，按下单日期）。'
        : 'Sales means net sales: after discounts, before refunds, excluding cancelled orders, by order date.',
    );
  }
  return { text: body.join('\n\n'), suggestions: suggestions(i, data) };
}
