// The store contract for share links, feedback and expired-versus-unknown, on SQLite and on DynamoDB
// (dynalite on loopback).
import { beforeEach, describe, expect, it } from 'vitest';
import { newShareToken } from '../../src/server/store/share.ts';
import type { ConversationStore } from '../../src/server/store/types.ts';
import { bothStores, storedTurn } from './fixtures.ts';

let clock = new Date('2026-01-10T12:00:00Z');
const now = () => clock;
const advanceHours = (h: number) => (clock = new Date(clock.getTime() + h * 3_600_000));

const turn = (conversationId: string, i: number) => storedTurn(conversationId, i, clock, `answer ${i} `.repeat(40));
const stores = bothStores('share', now);

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
