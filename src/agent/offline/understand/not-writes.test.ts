// Write verbs in a harmless sense: advice about what to cut, and changes to how an answer is shown or filtered.
// The question around them is answered; an order to change stored data is still refused. My own wordings.
import { describe, expect, it } from 'vitest';
import type { DataRange } from '../../../tools/types.ts';
import { withoutHarmlessWrites } from './not-writes.ts';
import { screen } from './screen.ts';
import { understand } from './understand.ts';

const data: DataRange = { minDate: '2024-01-01', maxDate: '2025-12-31' };

describe('advice about cutting products is a question, not a write', () => {
  it.each([
    'should we remove the neon rash guards? how did they sell in 2025',
    'which SKUs are candidates to drop, judging by 2025 net sales?',
    'is it worth deleting the slowest five products of 2024?',
    '这几款泳帽值得下架吗？看看2025年的销量',
    '要不要把童装删掉？2025年各品类的销售额',
  ])('%s', (q) => {
    expect(screen(q).reason).toBeNull();
    expect(understand(q, data).kind).not.toBe('refuse');
  });
});

describe('a change to the view or the filters is a question, not a write', () => {
  it.each([
    'switch the chart to monthly: net sales in 2025',
    'change the grain to weeks for orders in June 2025',
    '把图表改成按周显示：2025年6月的订单量',
    '把粒度改为按月，2025年的销售额',
    '清除刚才的筛选条件，2025年的总销售额',
    '把时间范围调到2024年下半年，看订单量',
    'set the period to Q3 2025 and show orders',
  ])('%s', (q) => {
    expect(screen(q).reason).toBeNull();
  });
});

describe('orders to change stored data keep their verb', () => {
  it.each([
    'delete the slowest five products',
    'remove all returns from May',
    '把沙滩巾删掉',
    '把价格改成19.99',
    '清空订单表',
    '把退货记录全删了',
    '把泳裤价格调到15美元',
    'drop the reviews',
    'set all towel prices to $12',
  ])('%s', (q) => {
    expect(screen(q).reason).toBe('write');
  });

  it('only the harmless span is blanked', () => {
    expect(withoutHarmlessWrites('should we delete X? then delete Y')).toContain('then delete Y');
  });
});
