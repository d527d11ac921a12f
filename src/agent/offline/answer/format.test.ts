// Period labels: a half-year is named as one, so two halves compared read as halves, not as date ranges.
import { describe, expect, it } from 'vitest';
import { periodLabel } from './format.ts';

describe('periodLabel', () => {
  it.each([
    ['2024-01-01', '2024-06-30', 'en', 'H1 2024'],
    ['2025-07-01', '2025-12-31', 'en', 'H2 2025'],
    ['2024-07-01', '2024-12-31', 'zh', '2024年下半年'],
    ['2025-01-01', '2025-06-30', 'zh', '2025年上半年'],
    ['2025-02-01', '2025-07-31', 'en', '2025-02-01 to 2025-07-31'],
    ['2025-01-01', '2025-06-29', 'en', '2025-01-01 to 2025-06-29'],
    ['2025-04-01', '2025-06-30', 'en', 'Q2 2025'],
    ['2025-01-01', '2025-12-31', 'zh', '2025年'],
  ] as const)('%s..%s (%s) → %s', (from, to, lang, label) => {
    expect(periodLabel(from, to, lang)).toBe(label);
  });
});
