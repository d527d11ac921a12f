// A named sales event used as a span of time is the store's sales in the campaign's days (their dates read
// through campaign_performance, never written here); asked about the campaign itself it stays a campaigns question.
// Examples are my own wordings, not eval cases'.
import { describe, expect, it } from 'vitest';
import type { DataRange } from '../../../tools/types.ts';
import { understand } from './understand.ts';

const data: DataRange = { minDate: '2024-01-01', maxDate: '2025-12-31' };
const read = (q: string) => understand(q, data);

describe('a sales event as the period', () => {
  it.each([
    'orders placed during Cyber Monday 2025?',
    'what did revenue look like throughout Summer Splash 2024',
    'units sold while New Year Sale 2025 was on',
    'Holiday Gifts 2024 期间的订单量',
    '2025年黑色星期五那几天营业额多少',
  ])('%s → compare over the event', (q) => {
    const i = read(q);
    expect(i.kind).toBe('compare');
    expect(i.eventPeriod).toMatch(/20\d\d/);
  });

  it.each([
    'ROAS of Black Friday 2024',
    'did Summer Splash 2025 pay for itself?',
    'Spring Preview 2025 的投产比',
    'how did Black Friday 2025 perform',
    'sales in 2025',
    'why did sales drop during July 2025?',
  ])('%s is no event period', (q) => {
    expect(read(q).eventPeriod).toBeUndefined();
  });
});
