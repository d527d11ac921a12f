import { describe, expect, it } from 'vitest';
import { lastYearSpans } from './load.ts';

describe('lastYearSpans', () => {
  it('holds February to the whole of last February, leap day included', () => {
    const w = { a: { from: '2025-01-01', to: '2025-01-31' }, b: { from: '2025-02-01', to: '2025-02-28' } };
    expect(lastYearSpans(w)).toEqual({
      a: { from: '2024-01-01', to: '2024-01-31' },
      b: { from: '2024-02-01', to: '2024-02-29' },
    });
  });

  it('keeps the dates of a period that does not end on a month end', () => {
    const w = { a: { from: '2025-06-10', to: '2025-06-20' }, b: { from: '2025-07-10', to: '2025-07-20' } };
    expect(lastYearSpans(w).b).toEqual({ from: '2024-07-10', to: '2024-07-20' });
  });
});
