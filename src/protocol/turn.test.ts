// A real turn's event stream (the offline model answering "net sales by channel in July" on the offline test
// warehouse, recorded once) must pass the schemas unchanged: a field the schemas forgot would be stripped here.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ConversationDetailSchema,
  ErrorBodySchema,
  StoredTurnSchema,
  TurnEventSchema,
  TurnSummarySchema,
  type TurnEvent,
} from './index.ts';

const recorded: unknown[] = JSON.parse(readFileSync(new URL('./fixtures/turn-stream.json', import.meta.url), 'utf8'));

/** What the browser does with one SSE data line. */
const overTheWire = (ev: unknown) => TurnEventSchema.parse(JSON.parse(JSON.stringify(ev)));

describe('turn events', () => {
  it('round-trips every event of a recorded turn unchanged', () => {
    const parsed = recorded.map(overTheWire);
    expect(parsed).toEqual(recorded);
    const types = new Set(parsed.map((e) => e.type));
    for (const t of [
      'turn_started',
      'tool_started',
      'tool_finished',
      'table',
      'chart',
      'text',
      'suggestions',
      'done',
    ]) {
      expect(types).toContain(t);
    }
  });

  it('keeps the finished turn as the store keeps it and the conversation route answers it', () => {
    const done = recorded.map(overTheWire).find((e): e is Extract<TurnEvent, { type: 'done' }> => e.type === 'done')!;
    const turn = TurnSummarySchema.parse(done.turn);
    const stored = {
      turnId: turn.turnId,
      conversationId: turn.conversationId,
      createdAt: '2024-08-20T10:00:00.000Z',
      question: 'net sales by channel in July',
      summary: turn,
      messages: [{ role: 'user', content: [] }],
    };
    expect(StoredTurnSchema.parse(stored)).toEqual(stored);
    const conversation = {
      id: turn.conversationId,
      ownerId: '1',
      title: 'Net sales by channel',
      createdAt: stored.createdAt,
      updatedAt: stored.createdAt,
      saved: false,
      expiresAt: 1_730_000_000,
    };
    const detail = {
      conversation,
      turns: [{ turnId: turn.turnId, createdAt: stored.createdAt, question: stored.question, summary: turn }],
    };
    expect(ConversationDetailSchema.parse(detail)).toEqual(detail);
  });

  it('covers the events the recorded turn did not send', () => {
    const others: TurnEvent[] = [
      { type: 'grounding', ungrounded: ['12.5%'] },
      { type: 'error', code: 'model_error', message: 'the model did not answer' },
    ];
    expect(others.map(overTheWire)).toEqual(others);
  });

  it('refuses what is not an event', () => {
    expect(TurnEventSchema.safeParse({ type: 'thinking', text: 'hm' }).success).toBe(false);
    expect(TurnEventSchema.safeParse({ type: 'text' }).success).toBe(false);
    expect(TurnEventSchema.safeParse({ type: 'error', code: 'oops', message: 'x' }).success).toBe(false);
    expect(ErrorBodySchema.safeParse({ code: 'not_a_code', message: 'x' }).success).toBe(false);
  });
});
