// A change verb with "from A to B" / "between A and B" / "从A到B" asks for B set against A, not one span over both;
// "which X grew the most" then ranks the split by change. Without a change word the two ends stay one span.
import { describe, expect, it } from 'vitest';
import type { DataRange } from '../../../tools/types.ts';
import { understand } from './understand.ts';

const data: DataRange = { minDate: '2024-01-01', maxDate: '2025-12-31' };
const y2024 = { start: '2024-01-01', end: '2024-12-31' };
const y2025 = { start: '2025-01-01', end: '2025-12-31' };

describe('a change between two named periods is the later against the earlier', () => {
  it.each([
    ['Which channel grew the most from 2024 to 2025?', 'channel'],
    ['which country saw sales rise the most between 2024 and 2025', 'country'],
    ['Which device dropped the most from 2024 to 2025?', 'device'],
    ['从2024年到2025年哪个国家的销售额增长最多？', 'country'],
    ['2024年到2025年哪个渠道下降最多', 'channel'],
  ])('%s', (q, dimension) => {
    const i = understand(q, data);
    expect(i).toMatchObject({ kind: 'breakdown', dimension, rankBy: 'change' });
    expect(i.period).toMatchObject(y2025);
    expect(i.compare_to).toMatchObject(y2024);
  });

  it('compares a single figure too', () => {
    const i = understand('How did Amazon sales change between Q1 and Q2 2025?', data);
    expect(i.period).toMatchObject({ start: '2025-04-01', end: '2025-06-30' });
    expect(i.compare_to).toMatchObject({ start: '2025-01-01', end: '2025-03-31' });
    const zh = understand('2024年到2025年各渠道销售额变化', data);
    expect(zh).toMatchObject({ kind: 'breakdown', dimension: 'channel' });
    expect(zh.compare_to).toMatchObject(y2024);
  });

  it('keeps a range without a change word one span', () => {
    expect(understand('sales from March to May 2025', data).period).toMatchObject({
      start: '2025-03-01',
      end: '2025-05-31',
      grain: 'range',
    });
    expect(understand('net sales between 2024 and 2025', data).period).toMatchObject({
      start: '2024-01-01',
      end: '2025-12-31',
    });
    expect(understand('orders from January to June 2025 by channel', data).period).toMatchObject({
      start: '2025-01-01',
      end: '2025-06-30',
    });
    expect(understand('从2025年3月到5月的销售额', data).period).toMatchObject({
      start: '2025-03-01',
      end: '2025-05-31',
    });
  });

  it('leaves one period with a change word as it was', () => {
    const i = understand('growth in 2025', data);
    expect(i.period).toMatchObject(y2025);
    expect(i.compare_to).toBe('previous_period');
    expect(understand('2025年的增长', data).period).toMatchObject(y2025);
  });
});
