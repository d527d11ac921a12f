import { describe, expect, it } from 'vitest';
import { HistoryQuerySchema, inRange, matchConversation, type SearchableTurn } from './history.ts';

const turn = (question: string, answer: string, input: unknown = {}): SearchableTurn => ({
  turnId: question,
  question,
  summary: { answer, steps: [{ input }] },
});

describe('matchConversation', () => {
  const turns = [
    turn('Why did July drop?', 'Net sales fell 13% against June.', { metric: 'net_sales', period: '2025-07' }),
    turn('各渠道订单量', '亚马逊的订单量最高。', { metrics: ['orders', 'aov'] }),
  ];
  it('finds every word of the text in one turn, ignoring case and width', () => {
    expect(matchConversation('t', turns, 'NET sales', undefined)?.turn?.question).toBe('Why did July drop?');
    expect(matchConversation('t', turns, 'ＪＵＬＹ', undefined)?.turn?.question).toBe('Why did July drop?');
    expect(matchConversation('t', turns, '订单量', undefined)?.turn?.question).toBe('各渠道订单量');
    expect(matchConversation('t', turns, 'july 亚马逊', undefined)).toBeNull();
  });
  it('matches the title too, and lists the metrics the answers looked at', () => {
    const m = matchConversation('Quarterly review', turns, 'quarterly', undefined);
    expect(m?.turn?.question).toBe('Why did July drop?');
    expect(m?.metrics).toEqual(['net_sales', 'orders', 'aov']);
  });
  it('filters by metric from the tools inputs', () => {
    expect(matchConversation('t', turns, undefined, 'aov')).not.toBeNull();
    expect(matchConversation('t', turns, undefined, 'return_rate')).toBeNull();
    expect(matchConversation('t', turns, 'july', 'orders')?.turn?.question).toBe('Why did July drop?');
  });
});

describe('inRange', () => {
  const meta = { createdAt: '2025-07-02T10:00:00Z', updatedAt: '2025-07-09T10:00:00Z' };
  it('keeps a conversation active within the range', () => {
    expect(inRange(meta)).toBe(true);
    expect(inRange(meta, '2025-07-09', '2025-07-09')).toBe(true);
    expect(inRange(meta, '2025-07-10')).toBe(false);
    expect(inRange(meta, undefined, '2025-07-01')).toBe(false);
  });
});

describe('HistoryQuerySchema', () => {
  it('refuses bad dates, a reversed range and unknown keys', () => {
    expect(HistoryQuerySchema.safeParse({ from: '2025-7-1' }).success).toBe(false);
    expect(HistoryQuerySchema.safeParse({ from: '2025-07-02', to: '2025-07-01' }).success).toBe(false);
    expect(HistoryQuerySchema.safeParse({ metric: 'bogus' }).success).toBe(false);
    expect(HistoryQuerySchema.safeParse({ sort: 'x' }).success).toBe(false);
    expect(HistoryQuerySchema.parse({ q: ' july ' })).toMatchObject({ q: 'july', limit: 20 });
  });
});
