// Several inputs per template, shared by the engine parity suite (templates.test.ts) and the rollup parity
// suite (rollup.test.ts): every query template in the registry must appear here.
export const PARITY_INPUTS: Record<string, Record<string, unknown>[]> = {
  sales_trend: [
    { period: 'all', grain: 'month', metrics: ['net_sales', 'orders', 'units', 'aov'] },
    { period: 'all', grain: 'week', metrics: ['sessions', 'conversion_rate', 'return_rate', 'refunds'] },
    { period: 'last_30_days', metrics: ['gross_margin', 'discount_rate', 'new_customer_share'] },
    { period: 'last_90_days', grain: 'week', breakdown: 'category' },
    { period: 'last_month', compare_to: 'previous_period', channel: 'own_website', device: ['mobile', 'tablet'] },
    { period: 'all', grain: 'quarter', metrics: ['conversion_rate', 'return_rate', 'aov', 'net_sales'] },
    { period: { from: '2025-02-10', to: '2025-03-20' }, grain: 'quarter', metrics: ['sessions', 'orders'] },
    { period: 'ytd', grain: 'quarter', metrics: ['discount_rate', 'units'], category: 'Swimwear', country: 'US' },
  ],
  breakdown: [
    { by: 'channel', period: 'all' },
    { by: 'subcategory', metric: 'units', period: 'last_90_days', compare_to: 'previous_year' },
    { by: 'source_type', metric: 'conversion_rate', period: 'last_month' },
    { by: 'product', metric: 'gross_margin', period: 'last_90_days', country: ['US', 'France'] },
    { by: 'customer_type', metric: 'aov', period: 'ytd', category: 'Swimwear' },
    { by: 'product', metric: 'return_rate', period: 'all', category: 'Swimwear' },
  ],
  compare_periods: [
    { period: 'last_month' },
    { period: 'this_month', compare_to: 'previous_period', category: 'Swimwear' },
    { period: 'last_90_days', compare_to: 'previous_year', channel: ['amazon', 'other_marketplace'] },
    { period: { from: '2025-01-05', to: '2025-02-10' }, source_type: 'email', customer_type: 'returning' },
  ],
  top_products: [
    { period: 'last_90_days' },
    { period: 'last_month', metric: 'units', direction: 'bottom', n: 5 },
    { period: 'ytd', metric: 'return_rate', min_units: 3, channel: 'amazon' },
  ],
  funnel: [
    { period: 'last_month' },
    { period: 'last_90_days', by: 'device', compare_to: 'previous_period' },
    { period: 'all', by: 'source', category: 'Bikinis' },
  ],
  campaign_performance: [{ period: 'all' }, { period: 'last_90_days', country: 'United States' }],
  price_change_impact: [{ period: 'all' }, { period: 'last_90_days', window_days: 7, channel: 'own_website' }],
  stock_status: [{ period: 'last_month' }, { period: 'last_90_days', n: 10, category: 'Swimwear' }],
  customer_mix: [
    { period: 'last_month' },
    { period: 'last_90_days', by: 'country', compare_to: 'previous_period' },
    { period: 'all', by: 'user_level', channel: 'amazon' },
  ],
  cohort_retention: [{ period: 'all' }, { period: 'last_90_days', country: 'Canada' }],
  rfm_segments: [{ period: 'all' }, { period: 'last_90_days', device: 'mobile' }],
  returns_analysis: [
    { period: 'all' },
    { period: 'last_90_days', by: 'product' },
    { period: 'ytd', by: 'channel', compare_to: 'previous_year' },
    { period: 'last_90_days', by: 'product', channel: 'amazon', compare_to: 'previous_period' },
  ],
};
