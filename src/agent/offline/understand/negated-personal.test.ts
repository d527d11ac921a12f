// A personal-data noun the question turns down does not make it a personal-data ask; one it asks for still does.
// Examples are my own wordings.
import { describe, expect, it } from 'vitest';
import type { DataRange } from '../../../tools/types.ts';
import { screen } from './screen.ts';
import { understand } from './understand.ts';

const data: DataRange = { minDate: '2024-01-01', maxDate: '2025-12-31' };

describe('a turned-down personal-data noun is not an ask for it', () => {
  it.each([
    'no phone numbers needed, only how many buyers each country had in 2025',
    'without any email addresses: the number of customers per country last year',
    "I don't need their contact details, just customer counts by country",
    'emails are not needed; how many shoppers did each country have in 2024',
    '不需要手机号，只要2025年各国家的客户数',
    '无需提供客户的邮箱，统计一下每个国家有多少客户',
  ])('%s', (q) => {
    expect(screen(q).reason).toBeNull();
    const i = understand(q, data);
    expect(i.kind).toBe('customers');
    expect(i.dimension).toBe('country');
  });
});

describe('a count of customers split by country is the customer counts, not sales', () => {
  it.each(['how many buyers did each country have in March 2025', '2024年各国家的买家数'])('%s', (q) => {
    const i = understand(q, data);
    expect(i.kind).toBe('customers');
    expect(i.dimension).toBe('country');
  });
});

describe('a personal-data noun asked for next to a turned-down one is still refused', () => {
  it.each([
    'give me the customer emails, no phone numbers needed',
    'phone numbers of the top buyers, without their addresses',
    '给我客户的手机号，不需要邮箱',
    '不要地址，但要列出每个买家的电话',
  ])('%s', (q) => {
    expect(screen(q).reason).toBe('personal_data');
  });
});
