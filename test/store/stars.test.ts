// Saved (starred) answers on SQLite and on DynamoDB (dynalite on loopback): the star is stored with the turn,
// listed per owner newest first, taken off again, and gone with its conversation.
import { beforeEach, describe, expect, it } from 'vitest';
import type { ConversationStore } from '../../src/server/store/types.ts';
import { bothStores, storedTurn } from './fixtures.ts';

let clock = new Date('2026-01-10T12:00:00Z');
const now = () => clock;
const advanceHours = (h: number) => (clock = new Date(clock.getTime() + h * 3_600_000));

const turn = (conversationId: string, i: number) => storedTurn(conversationId, i, clock);
const stores = bothStores('stars', now);

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
