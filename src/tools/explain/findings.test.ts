import { describe, expect, it } from 'vitest';
import type { Cause } from './causes.ts';
import { causeNames, explainFindings } from './findings.ts';
import type { ExplainChangeFacts } from './result.ts';

const change: ExplainChangeFacts = {
  metric: 'net_sales',
  label: 'Net sales',
  a: 59512.07,
  b: 49981.32,
  delta: -9530.75,
  relative: -0.16,
  direction: 'down',
  period: { from: '2025-07-01', to: '2025-07-31', label: '2025-07' },
  compare: { from: '2025-06-01', to: '2025-06-30', label: '2025-06' },
  season: null,
};
const cause = (kind: Cause['kind'], segment: Cause['segment'], facts: Cause['evidence']['facts']): Cause => ({
  kind,
  segment,
  title: kind,
  effect: -1,
  share: 0.5,
  confidence: 'medium',
  z: null,
  evidence: { query: '', facts },
});
const stock = cause('stockout', { product: ['SW-1', 'SW-2'] }, { subcategories: 'Bikinis', sku_count: 2 });
const ended = cause('campaign_end', { source: ['Instagram Ads'] }, { campaign: 'Summer Splash 2025' });
const findings = explainFindings(change, [
  { cause: stock, effect: -6220.14, share: 0.653 },
  { cause: ended, effect: -4225.52, share: 0.443 },
]);

describe('explain_change findings', () => {
  it('states the change, each cause share under each name, the stock-out SKUs and their count', () => {
    expect(findings[0]).toMatchObject({ kind: 'change', subject: '2025-07', period: '2025-07', direction: 'down' });
    expect(findings).toContainEqual(expect.objectContaining({ kind: 'share', subject: 'Bikinis', share: 0.653 }));
    expect(findings).toContainEqual(expect.objectContaining({ kind: 'threshold', items: ['SW-1', 'SW-2'] }));
    expect(findings).toContainEqual(expect.objectContaining({ kind: 'count', count: 2 }));
  });

  it('names a cause by its category, campaign and source, never by a channel or a SKU list', () => {
    expect(causeNames(stock)).toEqual(['Bikinis']);
    expect(causeNames(ended)).toEqual(['Instagram Ads', 'Summer Splash 2025']);
    expect(causeNames(cause('price_increase', { channel: ['amazon'], category: ['Swimwear'] }, {}))).toEqual([
      'Swimwear',
    ]);
  });
});
