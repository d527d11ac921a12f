// Saved (starred) answers on SQLite and on DynamoDB (dynalite on loopback): the star is stored with the turn,
// listed per owner newest first, taken off again, and gone with its conversation.
import dynalite from 'dynalite';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createConversationTable, DynamoConversationStore } from '../../src/server/store/dynamo.ts';
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
      answer: `answer ${i}`,
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
      const table = `stars-${process.pid}-${++seq}`;
      const credentials = { accessKeyId: 'x', secretAccessKey: 'y' };
      const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials });
      await createConversationTable(client, table);
      return new DynamoConversationStore({ table, client, expiry: { ttlDays: 3, now } });
    },
  ],
];

describe.each(stores)('%s store: saved answers', (_name, open) => {
  let store: ConversationStore;
  beforeEach(async () => {
    clock = new Date('2026-01-10T12:00:00Z');
    store = await open();
    return () => store.close();
  });

  it('stores the star with the turn and lists the owner’s, newest first', async () => {
    const a = await store.create('alice', 'a');
    const b = await store.create('alice', 'b');
    const bob = await store.create('bob', 'c');
    for (const [c, i] of [
      [a, 1],
      [a, 2],
      [b, 3],
      [bob, 4],
    ] as const)
      await store.appendTurn(turn(c.id, i));
    await store.setStar(a.id, 't1', '2026-01-10T12:01:00.000Z');
    await store.setStar(b.id, 't3', '2026-01-10T12:02:00.000Z');
    await store.setStar(bob.id, 't4', '2026-01-10T12:03:00.000Z');
    const mine = await store.listStarred('alice', 10);
    expect(mine.map((t) => [t.turnId, t.starredAt])).toEqual([
      ['t3', '2026-01-10T12:02:00.000Z'],
      ['t1', '2026-01-10T12:01:00.000Z'],
    ]);
    expect(mine[0]!.question).toBe('question 3');
    expect((await store.turns(a.id)).map((t) => t.starredAt)).toEqual(['2026-01-10T12:01:00.000Z', undefined]);
    expect((await store.listStarred('alice', 1)).map((t) => t.turnId)).toEqual(['t3']);
    expect((await store.listStarred('bob', 10)).map((t) => t.turnId)).toEqual(['t4']);
  });

  it('takes a star off, keeps feedback beside it, and refuses an unknown turn', async () => {
    const a = await store.create('alice', 'a');
    await store.appendTurn(turn(a.id, 1));
    await store.setStar(a.id, 't1', '2026-01-10T12:01:00.000Z');
    const up = { rating: 'up' as const, userId: 'alice', at: '2026-01-10T12:02:00.000Z' };
    await store.setFeedback(a.id, 't1', up);
    const [t] = await store.turns(a.id);
    expect(t).toMatchObject({ starredAt: '2026-01-10T12:01:00.000Z', feedback: up });
    await store.setStar(a.id, 't1', null);
    const [u] = await store.turns(a.id);
    expect(u!.starredAt).toBeUndefined();
    expect(u!.feedback).toEqual(up);
    expect(await store.listStarred('alice', 10)).toEqual([]);
    await expect(store.setStar(a.id, 'nope', null)).rejects.toMatchObject({ code: 'not_found' });
    await expect(store.setStar('nope', 't1', null)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('drops the saved answers of a deleted or expired conversation', async () => {
    const gone = await store.create('alice', 'deleted');
    const old = await store.create('alice', 'expires');
    await store.appendTurn(turn(gone.id, 1));
    await store.appendTurn(turn(old.id, 2));
    await store.setStar(gone.id, 't1', '2026-01-10T12:01:00.000Z');
    await store.setStar(old.id, 't2', '2026-01-10T12:02:00.000Z');
    await store.delete(gone.id);
    expect((await store.listStarred('alice', 10)).map((t) => t.turnId)).toEqual(['t2']);
    advanceHours(3 * 24 + 1);
    expect(await store.listStarred('alice', 10)).toEqual([]);
  });
});
