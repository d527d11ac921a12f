// "下单占比" asks for a share of orders, not of sales: the near miss batch-s2 found beside its refusals. My own wordings.
import { describe, expect, it } from 'vitest';
import type { DataRange } from '../../../tools/types.ts';
import { understand } from './understand.ts';

const data: DataRange = { minDate: '2024-01-01', maxDate: '2025-12-31' };

describe('a share of placing orders is an orders share', () => {
  it.each(['2024年平板端下单占比', '2025年各渠道下单的比例是多少', '电脑端下单份额（2025年）'])('%s', (q) => {
    expect(understand(q, data).metric).toBe('orders');
  });
});
