// Every tool the model, the CLI and the eval can call: a plain list. Add a tool with one line.
// indexTools fails at load when two tools share a name.
import { breakdown } from './breakdown.ts';
import { campaignPerformance } from './campaign-performance.ts';
import { comparePeriods } from './compare-periods.ts';
import { describeSchema } from './describe-schema.ts';
import { explainChange } from './explain-change.ts';
import { indexTools } from './dispatch.ts';
import { funnel } from './funnel.ts';
import { runSqlTool } from './run-sql.ts';
import { salesTrend } from './sales-trend.ts';
import { topProducts } from './top-products.ts';
import { cohortRetention } from './cohort-retention.ts';
import { customerMix } from './customer-mix.ts';
import { priceChangeImpact } from './price-change-impact.ts';
import { returnsAnalysis } from './returns-analysis.ts';
import { rfmSegments } from './rfm-segments.ts';
import { stockStatus } from './stock-status.ts';
import type { Tool } from './types.ts';

export const tools: Tool[] = [
  salesTrend,
  breakdown,
  comparePeriods,
  topProducts,
  funnel,
  campaignPerformance,
  priceChangeImpact,
  stockStatus,
  customerMix,
  cohortRetention,
  rfmSegments,
  returnsAnalysis,
  describeSchema,
  runSqlTool,
  explainChange,
];

export const toolsByName: Map<string, Tool> = indexTools(tools);
