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

describe('a campaign named in Chinese or before the word "campaigns"', () => {
  it.each([
    ['黑五25的投产比', ['Black Friday 2025']],
    ['2024年黑色星期五活动回本没有', ['Black Friday 2024']],
    ['新年促销24和新年促销25哪个ROAS高', ['New Year 2024', 'New Year 2025']],
  ])('%s', (q, names) => expect(campaignNames(q).length > 1 ? campaignNames(q) : [campaignName(q)]).toEqual(names));

  it('the words before "campaigns" are its name, one year each when years are listed', () => {
    expect(campaignNames('holiday gifts campaigns, ROAS for 2024 and 2025')).toEqual([
      'holiday gifts 2024',
      'holiday gifts 2025',
    ]);
    expect(campaignName('how did paid social campaigns do in 2025')).toBeUndefined();
  });
});

describe('one word before a year is no campaign name', () => {
  it.each(['rank 2025 promos by ROI', 'sort 2024 campaigns by roas', 'compare 2025 promotions'])('%s', (q) =>
    expect(campaignName(q)).toBeUndefined(),
  );
});

describe('a campaign with its years listed short after it is that campaign in each year', () => {
  it.each([
    ['ROI Holiday Gifts 24 & 25', ['Holiday Gifts 2024', 'Holiday Gifts 2025']],
    ["new year sale '24 vs '25 roas", ['new year sale 2024', 'new year sale 2025']],
    ['Black Friday 24、25的投产比', ['Black Friday 2024', 'Black Friday 2025']],
  ])('%s', (q, names) => expect(campaignNames(q)).toEqual(names));
});
