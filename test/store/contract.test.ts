// One contract, two stores: the embedded SQLite store and the DynamoDB store against dynalite on loopback.
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TurnSummary } from '../../src/protocol/turn.ts';
import {
  appendTurnFor,
  conversationTurns,
  deleteConversation,
  getConversation,
  listConversations,
  updateConversation,
} from '../../src/server/store/access.ts';
import { byteSize } from '../../src/server/store/cap.ts';
import { createConversationTable, DynamoConversationStore } from '../../src/server/store/dynamo.ts';
import { SqliteConversationStore } from '../../src/server/store/sqlite.ts';
import type { ConversationStore, StoredTurn } from '../../src/server/store/types.ts';

let clock = new Date('2026-01-10T12:00:00Z');
const now = () => clock;
const advance = (hours: number) => {
  clock = new Date(clock.getTime() + hours * 3_600_000);
};

function turn(conversationId: string, i: number, over: Partial<TurnSummary> = {}): StoredTurn {
  const summary: TurnSummary = {
    turnId: `t${i}`,
    conversationId,
    language: 'en',
    answer: `answer ${i}`,
    steps: [
      {
        toolUseId: `u${i}`,
        tool: 'sales',
        input: { month: '2025-07' },
        queries: [{ sql: 'SELECT 1', params: [], elapsedMs: 1, rowCount: 1 }],
        rowCount: 1,
        elapsedMs: 2,
      },
    ],
    charts: [{ title: 'c', mark: 'bar', data: { values: [{ a: 1 }] } }],
    tables: [{ title: 't', columns: ['a'], rows: [{ a: 1 }] }],
    ungrounded: [],
    suggestions: [],
    timings: { totalMs: 10, modelMs: 5, toolMs: 3, sqlMs: 1 },
    usage: { inputTokens: 10, outputTokens: 5, estimatedCostUsd: 0.0001 },
    stopReason: 'end_turn',
    ...over,
  };
  return {
    turnId: `t${i}`,
    conversationId,
    createdAt: new Date(clock.getTime() + i).toISOString(),
    question: `question ${i}`,
    summary,
    messages: [
      { role: 'user', content: [{ text: `question ${i}` }] },
      { role: 'assistant', content: [{ text: `answer ${i}` }] },
    ],
  };
}

const alice = { id: 'alice', role: 'analyst' as const };
const bob = { id: 'bob', role: 'viewer' as const };
const admin = { id: 'root', role: 'admin' as const };

let server: Server;
let endpoint: string;
let tableSeq = 0;

beforeAll(async () => {
  server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const dynamoClient = () =>
  new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });

const stores: [string, () => Promise<ConversationStore>][] = [
  ['sqlite', async () => new SqliteConversationStore(':memory:', { ttlDays: 3, now })],
  [
    'dynamo',
    async () => {
      const table = `conv-${process.pid}-${++tableSeq}`;
      const client = dynamoClient();
      await createConversationTable(client, table);
      return new DynamoConversationStore({ table, client, expiry: { ttlDays: 3, now } });
    },
  ],
];

describe.each(stores)('%s conversation store', (_name, open) => {
  let store: ConversationStore;
  beforeEach(async () => {
    clock = new Date('2026-01-10T12:00:00Z');
    store = await open();
    return () => store.close();
  });

  it('creates, reads and lists conversations newest first, per owner', async () => {
    const a1 = await store.create('alice', 'July sales');
    advance(1);
    const a2 = await store.create('alice', 'Returns');
    await store.create('bob', 'Bob’s');
    expect(a1).toMatchObject({
      ownerId: 'alice',
      title: 'July sales',
      saved: false,
      expiresAt: Date.parse('2026-01-13T12:00:00Z') / 1000,
    });
    expect(await store.get(a1.id)).toEqual(a1);
    expect((await store.list('alice')).map((c) => c.id)).toEqual([a2.id, a1.id]);
    expect(await store.list(null)).toHaveLength(3);
    expect(await store.get('missing')).toBeNull();
  });

  it('appends turns in order and returns them intact', async () => {
    const c = await store.create('alice', 'q');
    await store.appendTurn(turn(c.id, 1));
    await store.appendTurn(turn(c.id, 2));
    const ts = await store.turns(c.id);
    expect(ts.map((t) => t.turnId)).toEqual(['t1', 't2']);
    expect(ts[0]).toEqual(turn(c.id, 1));
    await expect(store.appendTurn(turn('nope', 3))).rejects.toMatchObject({ code: 'not_found' });
  });

  it('expires temporary conversations after the TTL, keeps saved ones', async () => {
    const temp = await store.create('alice', 'temp');
    const kept = await store.create('alice', 'kept');
    await store.appendTurn(turn(kept.id, 1));
    const saved = await store.update(kept.id, { saved: true, title: 'kept forever' });
    expect(saved).toMatchObject({ saved: true, expiresAt: null, title: 'kept forever' });
    advance(3 * 24 + 1);
    expect(await store.get(temp.id)).toBeNull();
    expect(await store.turns(temp.id)).toEqual([]);
    expect((await store.list('alice')).map((c) => c.id)).toEqual([kept.id]);
    expect(await store.turns(kept.id)).toHaveLength(1);
    const unsaved = await store.update(kept.id, { saved: false });
    expect(unsaved.expiresAt).toBe(Math.floor(clock.getTime() / 1000) + 3 * 86_400);
  });

  it('activity pushes the expiry forward', async () => {
    const c = await store.create('alice', 'active');
    advance(60);
    await store.appendTurn(turn(c.id, 1));
    advance(60);
    expect(await store.get(c.id)).not.toBeNull();
    expect(await store.turns(c.id)).toHaveLength(1);
  });

  it('deletes a conversation with its turns', async () => {
    const c = await store.create('alice', 'gone');
    for (let i = 0; i < 30; i++) await store.appendTurn(turn(c.id, i));
    await store.delete(c.id);
    expect(await store.get(c.id)).toBeNull();
    expect(await store.list('alice')).toEqual([]);
    expect(await store.turns(c.id)).toEqual([]);
  });

  it('caps a huge turn well under 400 KB, summarising its tool results', async () => {
    const c = await store.create('alice', 'big');
    const rows = Array.from({ length: 20_000 }, (_, i) => ({ i, name: `product ${i} with a long name` }));
    const big = turn(c.id, 1, {
      tables: [{ title: 'all', columns: ['i', 'name'], rows }],
      charts: [{ title: 'big', data: { values: rows } }],
    });
    big.messages.push({
      role: 'user',
      content: [{ toolResult: { toolUseId: 'u', status: 'success', content: [{ text: 'x'.repeat(500_000) }] } }],
    });
    expect(byteSize(big)).toBeGreaterThan(2_000_000);
    await store.appendTurn(big);
    const [back] = await store.turns(c.id);
    expect(byteSize(back)).toBeLessThan(300_000);
    expect(back!.summary.answer).toBe('answer 1');
    expect(back!.summary.tables[0]!.title).toMatch(/\[first \d+ of 20000 rows kept\]/);
  });

  it('pages the list newest first with an opaque cursor, and refuses a forged one', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.unshift((await store.create('alice', `c${i}`)).id);
      advance(1);
    }
    await store.create('bob', 'other');
    const p1 = await store.listPage('alice', { limit: 2 });
    const p2 = await store.listPage('alice', { limit: 2, cursor: p1.next! });
    const p3 = await store.listPage('alice', { limit: 2, cursor: p2.next! });
    expect([p1, p2, p3].flatMap((p) => p.conversations.map((c) => c.id))).toEqual(ids);
    expect(p3.next).toBeNull();
    expect((await store.listPage('alice', { limit: 10 })).next).toBeNull();
    await expect(store.listPage('alice', { limit: 2, cursor: 'forged' })).rejects.toMatchObject({ code: 'bad_input' });
  });

  it('reads the last n turns without the rest, counts turns, and replaces a turn stored again', async () => {
    const c = await store.create('alice', 'long');
    for (let i = 0; i < 10; i++) await store.appendTurn(turn(c.id, i));
    expect((await store.turns(c.id, { last: 3 })).map((t) => t.turnId)).toEqual(['t7', 't8', 't9']);
    expect(await store.turnCount(c.id)).toBe(10);
    await store.appendTurn({ ...turn(c.id, 9), status: 'done', question: 'again' });
    expect(await store.turnCount(c.id)).toBe(10);
    expect((await store.turns(c.id, { last: 1 }))[0]).toMatchObject({
      turnId: 't9',
      question: 'again',
      status: 'done',
    });
  });

  it('trims the oldest unsaved conversations first, never saved ones', async () => {
    const a = await store.create('alice', 'a');
    advance(1);
    const b = await store.create('alice', 'b');
    advance(1);
    await store.create('alice', 'c');
    await store.update(a.id, { saved: true });
    advance(1);
    await store.create('bob', 'x');
    expect(await store.trimOwner('alice', 2)).toBe(2);
    expect((await store.list('alice')).map((m) => m.title).sort()).toEqual(['a', 'c']);
    expect(await store.get(b.id)).toBeNull();
    await store.update((await store.list('alice')).find((m) => m.title === 'c')!.id, { saved: true });
    expect(await store.trimOwner('alice', 1)).toBe(2);
    expect(await store.list('bob')).toHaveLength(1);
  });

  it('reads a running turn long past any turn limit as interrupted, keeping question and partial answer', async () => {
    const c = await store.create('alice', 'stuck');
    await store.appendTurn({ ...turn(c.id, 1, { answer: 'Net sales fell' }), status: 'running' });
    expect((await store.turns(c.id))[0]?.status).not.toBe('interrupted');
    advance(1);
    const [t] = await store.turns(c.id);
    expect(t).toMatchObject({ status: 'interrupted', question: 'question 1' });
    expect(t!.summary.answer).toMatch(/^Net sales fell\n\nThis answer was interrupted/);
  });

  describe('access through the service functions', () => {
    it('lets owners see their own and admins everyone’s; others get not_found', async () => {
      const c = await store.create('alice', 'mine');
      await store.create('bob', 'his');
      expect((await listConversations(store, alice)).map((x) => x.ownerId)).toEqual(['alice']);
      expect(await listConversations(store, admin)).toHaveLength(2);
      expect((await getConversation(store, admin, c.id)).id).toBe(c.id);
      await expect(getConversation(store, bob, c.id)).rejects.toMatchObject({ code: 'not_found' });
      await expect(conversationTurns(store, bob, c.id)).rejects.toMatchObject({ code: 'not_found' });
      await expect(updateConversation(store, bob, c.id, { saved: true })).rejects.toMatchObject({ code: 'not_found' });
      await expect(deleteConversation(store, bob, c.id)).rejects.toMatchObject({ code: 'not_found' });
      await expect(appendTurnFor(store, bob, turn(c.id, 1))).rejects.toMatchObject({ code: 'not_found' });
      await expect(appendTurnFor(store, admin, turn(c.id, 1))).rejects.toMatchObject({ code: 'forbidden' });
      await appendTurnFor(store, alice, turn(c.id, 1));
      expect(await conversationTurns(store, admin, c.id)).toHaveLength(1);
    });
  });
});

describe('dynamo item layout', () => {
  it('puts the owner and the TTL attribute on every item, and removes the TTL when saved', async () => {
    const table = `layout-${process.pid}`;
    const client = dynamoClient();
    await createConversationTable(client, table);
    const store = new DynamoConversationStore({ table, client, expiry: { ttlDays: 3, now } });
    const c = await store.create('alice', 'x');
    const t = turn(c.id, 1);
    await store.appendTurn(t);
    const key = { pk: { S: `CONV#${c.id}` }, sk: { S: `TURN#${t.createdAt}#t1` } };
    const before = (await client.send(new GetItemCommand({ TableName: table, Key: key }))).Item!;
    expect(before.ownerId!.S).toBe('alice');
    expect(Number(before.expiresAt!.N)).toBeGreaterThan(clock.getTime() / 1000);
    await store.update(c.id, { saved: true });
    const after = (await client.send(new GetItemCommand({ TableName: table, Key: key }))).Item!;
    expect(after.expiresAt).toBeUndefined();
    const index = (
      await client.send(
        new GetItemCommand({ TableName: table, Key: { pk: { S: 'OWNER#alice' }, sk: { S: `CONV#${c.id}` } } }),
      )
    ).Item!;
    expect(index.saved!.BOOL).toBe(true);
    await store.close();
  });

  it('names the missing table and what to do', async () => {
    const store = new DynamoConversationStore({ table: 'no-such-table', client: dynamoClient() });
    await expect(store.list('alice')).rejects.toThrow(
      /table "no-such-table" does not exist; create it \(key pk\/sk, TTL on expiresAt/,
    );
  });
});
