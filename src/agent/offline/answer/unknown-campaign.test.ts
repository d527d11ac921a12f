// A campaign name the data does not hold is said first, with the campaigns the rows do hold (nearest name
// first), in both languages. Names and dates here are my own, not the eval's.
import { describe, expect, it } from 'vitest';
import type { Intent } from '../intent.ts';
import { nearestCampaigns, unknownCampaignText } from './unknown-campaign.ts';

const rows = [
  { campaign_name: 'Autumn Clearance 2024', start_date: '2024-09-10', end_date: '2024-09-24' },
  { campaign_name: 'Winter Warmers 2024', start_date: '2024-11-01', end_date: '2024-11-20' },
  { campaign_name: 'Winter Gift Guide 2024', start_date: '2024-12-01', end_date: '2024-12-22' },
];
const intent = (language: 'en' | 'zh') => ({ language }) as Intent;

describe('an unknown campaign name', () => {
  it('puts the campaigns sharing its words first, years aside', () => {
    expect(nearestCampaigns('Winter Gift Guide 2023', rows)[0]).toBe('Winter Gift Guide 2024');
    expect(nearestCampaigns('Winter Flash Sale 2024', rows).slice(0, 2)).toEqual([
      'Winter Warmers 2024',
      'Winter Gift Guide 2024',
    ]);
    expect(nearestCampaigns('Singles Day 2024', rows)).toEqual(rows.map((r) => r.campaign_name));
  });

  it('says first that the data has no campaign of that name, then lists the rows (English)', () => {
    const t = unknownCampaignText(intent('en'), 'Winter Flash Sale 2024', rows, '2024')!;
    expect(t).toMatch(/^No campaign named “Winter Flash Sale 2024” is in the data/);
    expect(t).toContain('nearest name first');
    for (const r of rows) expect(t).toContain(r.campaign_name);
    expect(t).toContain('2024-11-01');
  });

  it('says so in Chinese too, without claiming a nearest name when none shares a word', () => {
    const t = unknownCampaignText(intent('zh'), 'Singles Day 2024', rows, '2024年')!;
    expect(t).toMatch(/^数据中没有名为“Singles Day 2024”的营销活动/);
    expect(t).not.toContain('最接近');
    expect(t).toContain('Autumn Clearance 2024');
  });

  it('gives nothing to say when the period holds no campaign', () => {
    expect(unknownCampaignText(intent('en'), 'Anything 2024', [], '2024')).toBeNull();
  });
});
