import { describe, expect, it } from 'vitest';
import { expandShorthand } from './shorthand.ts';
import { mentions } from './mentions.ts';

const data = { minDate: '2024-01-01', maxDate: '2025-12-31' };

describe('short forms are written out before a question is read', () => {
  it.each([
    ['slowest wk of march 2025?', 'slowest week of march 2025?'],
    ['refunds prev qtr', 'refunds previous quarter'],
    ['orders over the last 2 mths', 'orders over the last 2 months'],
    ['sales last mo', 'sales last month'],
    ['# of returns per yr', 'number of returns per year'],
    ['pct of orders on mobile rn', 'percentage of orders on mobile right now'],
  ])('%s', (q, want) => expect(expandShorthand(q)).toBe(want));

  it('leaves words that only contain the letters alone', () => {
    expect(expandShorthand('mobile vs desktop, promo codes, wkly')).toBe('mobile vs desktop, promo codes, wkly');
  });

  it('a week asked for in short form is one bucket of a weekly series, not a product ranking', () => {
    const m = mentions('quietest wk of feb 2025 by order count', data);
    expect(m.kind).toBe('trend');
    expect(m.granularity).toBe('week');
  });

  it('"last qtr" is the latest full quarter', () => {
    const m = mentions('discounts given last qtr', data);
    expect(m.period).toEqual({ start: '2025-10-01', end: '2025-12-31', grain: 'quarter' });
  });
});
