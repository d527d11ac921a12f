// The store contract for share links, feedback and expired-versus-unknown, on SQLite and on DynamoDB
// (dynalite on loopback).
import dynalite from 'dynalite';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createConversationTable, DynamoConversationStore } from '../../src/server/store/dynamo.ts';
import { newShareToken } from '../../src/server/store/share.ts';
import { SqliteConversationStore } from '../../src/server/store/sqlite.ts';
import type { ConversationStore, StoredTurn } from '../../src/server/store/types.ts';

let clock = new Date('2026-01-10T12:00:00Z');
const now = () => clock;
const advanceHours = (h: number) => (clock = new Date(clock.getTime() + h * 3_600_000));

function turn(conversationId: string, i: number): StoredTurn {
  return {
    turnId: `t${i}`,
    conversationId,
    createdAt: new Date(clock.getTime() + i).toISOString(),
    question: `question ${i}`,
    summary: {
      turnId: `t${i}`,
      conversationId,
      language: 'en',
      answer: `answer ${i} `.repeat(40),
      steps: [],
      charts: [],
      tables: [],
      ungrounded: [],
      suggestions: [],
      timings: { totalMs: 1, modelMs: 1, toolMs: 0, sqlMs: 0 },
      usage: { inputTokens: 1, outputTokens: 1, estimatedCostUsd: 0 },
      stopReason: 'end_turn',
    },
    messages: [],
  };
}

let server: Server;
let endpoint: string;
let seq = 0;
beforeAll(async () => {
  server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const stores: [string, () => Promise<ConversationStore>][] = [
  ['sqlite', async () => new SqliteConversationStore(':memory:', { ttlDays: 3, now })],
  [
    'dynamo',
    async () => {
      const table = `share-${process.pid}-${++seq}`;
      const credentials = { accessKeyId: 'x', secretAccessKey: 'y' };
      const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials });
      await createConversationTable(client, table);
      return new DynamoConversationStore({ table, client, expiry: { ttlDays: 3, now } });
    },
  ],
];

describe.each(stores)('%s store: sharing, feedback, expiry', (_name, open) => {
  let store: ConversationStore;
  beforeEach(async () => {
    clock = new Date('2026-01-10T12:00:00Z');
    store = await open();
    return () => store.close();
  });

  it('tells a live conversation from an expired one and from one never seen', async () => {
    const c = await store.create('alice', 'temp');
    expect(await store.lookup(c.id)).toEqual({ state: 'live', meta: c });
    advanceHours(3 * 24 + 1);
    expect(await store.lookup(c.id)).toEqual({ state: 'expired', ownerId: 'alice' });
    expect(await store.lookup('never')).toEqual({ state: 'missing' });
    const d = await store.create('alice', 'deleted');
    await store.delete(d.id);
    expect(await store.lookup(d.id)).toEqual({ state: 'missing' });
  });

  it('shares under a token, keeps it through updates, and revokes it', async () => {
    const c = await store.create('alice', 'July');
    const token = newShareToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await store.setShareToken(c.id, token)).toMatchObject({ id: c.id, shareToken: token });
    expect((await store.byShareToken(token))?.id).toBe(c.id);
    await store.appendTurn(turn(c.id, 1));
    await store.update(c.id, { saved: true });
    expect((await store.get(c.id))?.shareToken).toBe(token);
    expect((await store.list('alice'))[0]?.shareToken).toBe(token);
    const fresh = newShareToken();
    await store.setShareToken(c.id, fresh);
    expect(await store.byShareToken(token)).toBeNull();
    expect((await store.byShareToken(fresh))?.id).toBe(c.id);
    const revoked = await store.setShareToken(c.id, null);
    expect(revoked.shareToken).toBeUndefined();
    expect(await store.byShareToken(fresh)).toBeNull();
    expect(await store.byShareToken(newShareToken())).toBeNull();
  });

  it('a shared conversation that expires or is deleted opens nothing', async () => {
    const a = await store.create('alice', 'a');
    const b = await store.create('alice', 'b');
    const [ta, tb] = [newShareToken(), newShareToken()];
    await store.setShareToken(a.id, ta);
    await store.setShareToken(b.id, tb);
    await store.delete(b.id);
    expect(await store.byShareToken(tb)).toBeNull();
    advanceHours(3 * 24 + 1);
    expect(await store.byShareToken(ta)).toBeNull();
  });

  it('stores feedback with the turn and lists it newest first, for live conversations only', async () => {
    const c = await store.create('alice', 'rated');
    await store.appendTurn(turn(c.id, 1));
    await store.appendTurn(turn(c.id, 2));
    const up = { rating: 'up' as const, userId: 'alice', at: '2026-01-10T12:01:00.000Z' };
    const down = { rating: 'down' as const, comment: 'wrong month', userId: 'alice', at: '2026-01-10T12:02:00.000Z' };
    await store.setFeedback(c.id, 't1', up);
    await store.setFeedback(c.id, 't2', down);
    const turns = await store.turns(c.id);
    expect(turns.map((t) => t.feedback)).toEqual([up, down]);
    const list = await store.listFeedback(10);
    expect(list.map((r) => [r.ownerId, r.turn.turnId, r.turn.feedback.rating])).toEqual([
      ['alice', 't2', 'down'],
      ['alice', 't1', 'up'],
    ]);
    expect(await store.listFeedback(1)).toHaveLength(1);
    // A second rating replaces the first.
    await store.setFeedback(c.id, 't1', { ...down, at: '2026-01-10T12:03:00.000Z' });
    expect((await store.listFeedback(10)).map((r) => r.turn.turnId)).toEqual(['t1', 't2']);
    await expect(store.setFeedback(c.id, 'nope', up)).rejects.toMatchObject({ code: 'not_found' });
    await expect(store.setFeedback('nope', 't1', up)).rejects.toMatchObject({ code: 'not_found' });
    advanceHours(3 * 24 + 1);
    expect(await store.listFeedback(10)).toEqual([]);
  });
});
