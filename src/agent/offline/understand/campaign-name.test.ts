import { describe, expect, it } from 'vitest';
import { campaignName, campaignNames } from './campaign-name.ts';

describe('a campaign named with a short year or in lower case', () => {
  it.each([
    ['Spring Preview 25 budget - did it pay back?', 'Spring Preview 2025'],
    ["roi of holiday gifts '24", 'holiday gifts 2024'],
    ['black friday 2025 roas pls', 'black friday 2025'],
    ['ROAS for Holiday Gifts 2024', 'Holiday Gifts 2024'],
  ])('%s → %s', (q, name) => expect(campaignName(q)).toBe(name));

  it('a year after question words, metrics or "campaigns" names no campaign', () => {
    expect(campaignName('what was the roas in 2024')).toBeUndefined();
    expect(campaignName('best campaigns 2025 by roi')).toBeUndefined();
  });

  it('two campaigns with short years are both named in full, without the metric after them', () => {
    expect(campaignNames('New Year Sale 24 vs New Year Sale 25 ROI')).toEqual([
      'New Year Sale 2024',
      'New Year Sale 2025',
    ]);
  });
});
