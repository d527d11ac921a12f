// The campaigns writer when the model part carries rows but not every campaign's rate finding: per-item findings
// are cut to fit beside many rows, and the rows' own ROAS and ROI columns still give each campaign's answer.
import { describe, expect, it } from 'vitest';
import type { Intent } from '../intent.ts';
import type { Outcome } from '../outcome.ts';
import { renderCampaigns } from './campaigns.ts';

const intent = {
  language: 'en',
  kind: 'campaigns',
  metric: 'net_sales',
  metrics: ['net_sales'],
  period: { start: '2023-01-01', end: '2024-12-31', grain: 'range' },
  compare_to: null,
  dimension: null,
  filters: {},
  topN: null,
  order: 'top',
  rankBy: 'value',
  granularity: null,
  claim: null,
  periodDefaulted: false,
  campaigns: ['Autumn Drop 2023', 'Autumn Drop 2024'],
} as unknown as Intent;

const row = (name: string, year: number, net: number, budget: number, roi: number) => ({
  campaign_name: name,
  start_date: `${year}-09-01`,
  end_date: `${year}-09-30`,
  budget,
  net_sales: net,
  roas: Math.round((net / budget) * 10000) / 10000,
  roi,
});

const outcome: Outcome = {
  name: 'campaign_performance',
  input: {},
  dropped: [],
  error: null,
  payload: {
    summary: '3 campaign(s), 2023-01-01 to 2024-12-31.',
    columns: ['campaign_name', 'start_date', 'end_date', 'budget', 'net_sales', 'roas', 'roi'],
    rows: [
      row('Autumn Drop 2023', 2023, 3000, 2000, -0.1),
      row('Spring Thing 2024', 2024, 900, 1000, -0.5),
      row('Autumn Drop 2024', 2024, 2500, 2000, -0.2),
    ],
    // Only the whole-result findings survived the cut.
    findings: [],
  },
};

describe('campaign answers from rows when their findings were cut', () => {
  it('answers each campaign asked about with its ROAS and ROI', () => {
    const text = renderCampaigns(intent, outcome).join('\n');
    expect(text).toContain('“Autumn Drop 2023”');
    expect(text).toContain('ROAS 1.50');
    expect(text).toContain('ROAS 1.25');
    expect(text).toContain('ROI -10.00%');
    expect(text).not.toContain('Spring Thing');
  });

  it('gives nothing when neither findings nor rows carry a ROAS', () => {
    const bare = { ...outcome, payload: { ...outcome.payload!, rows: [{ campaign_name: 'X', budget: 0 }] } };
    expect(renderCampaigns(intent, bare)).toEqual([]);
  });
});
