// "其中加拿大多少？", "of that, how much was the UK?": a part of the figure just given is a follow-up that narrows
// the previous question, not a measure named "其中加拿大" that no table holds.
import { describe, expect, it } from 'vitest';
import { understandAll } from './understand.ts';

const data = { minDate: '2024-01-01', maxDate: '2025-12-31' };

describe('a part of the last figure narrows the last question', () => {
  it.each([
    ['2024年亚马逊的销售额', '其中加拿大多少？', { channel: 'amazon', country: 'Canada' }],
    ['2025年3月的订单量', '这其中美国有多少？', { country: 'United States' }],
    ['2025年5月英国的销售额', '当中亚马逊是多少', { country: 'United Kingdom', channel: 'amazon' }],
    ['Net sales in Q2 2025', 'Of that, how much came from Amazon?', { channel: 'amazon' }],
    ['Orders from France in 2024', 'out of those, how many were on mobile?', { country: 'France', device: 'mobile' }],
  ])('%s → %s', (first, then, filters) => {
    const [a, b] = understandAll([first, then], data);
    expect(b!.kind).not.toBe('unsupported');
    expect(b!.metric).toBe(a!.metric);
    expect(b!.period).toEqual(a!.period);
    expect(b!.filters).toEqual(filters);
  });
});
