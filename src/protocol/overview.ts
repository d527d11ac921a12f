// GET /api/overview: the KPI cards on the empty chat.
import { z } from 'zod';

export const KpiCardSchema = z.object({
  metric: z.string(),
  value: z.number().nullable(),
  previous: z.number().nullable(),
  lastYear: z.number().nullable(),
  /** Monthly values, oldest first, for the sparkline. */
  series: z.array(z.object({ period: z.string(), value: z.number().nullable() })),
});
export type KpiCard = z.infer<typeof KpiCardSchema>;

export const OverviewSchema = z.object({
  month: z.string(), // YYYY-MM, the latest full month in the data
  previousMonth: z.string(),
  lastYearMonth: z.string(),
  currency: z.string(),
  cards: z.array(KpiCardSchema),
});
export type Overview = z.infer<typeof OverviewSchema>;
