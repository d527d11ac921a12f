// Saved answers: the owner stars an answer (POST .../turns/:turnId/star), which keeps its conversation, and
// GET /api/history lists it under `answers` with the same search; nobody else may star it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harness, parseSse, type Harness } from './support.ts';

let h: Harness;
beforeAll(async () => {
  h = await harness();
});
afterAll(async () => h?.close());

type Who = 'viewer' | 'analyst' | 'admin';
const get = (who: Who, path: string) => h.app.request(path, { headers: { cookie: h.cookies[who] } });
const post = (who: Who, path: string, json: unknown) =>
  h.app.request(path, {
    method: 'POST',
    headers: { cookie: h.cookies[who], 'content-type': 'application/json' },
    body: JSON.stringify(json),
  });

async function ask(who: Who, message: string): Promise<{ id: string; turnId: string }> {
  const res = await post(who, '/api/chat', { message });
  const id = String(parseSse(await res.text())[0]!.data.conversationId);
  const [t] = await h.store.turns(id);
  return { id, turnId: t!.turnId };
}

const star = (who: Who, c: { id: string; turnId: string }, starred: boolean) =>
  post(who, `/api/conversations/${c.id}/turns/${c.turnId}/star`, { starred });

describe('saved answers', () => {
  it('stars an answer, keeps its conversation and lists it on the history page', async () => {
    const a = await ask('analyst', 'Why did July drop?');
    const b = await ask('analyst', 'Orders by country');
    const res = await star('analyst', a, true);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.saved).toBe(true);
    expect(body.starredAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect((await h.store.get(a.id))!.saved).toBe(true);
    expect((await h.store.get(b.id))!.saved).toBe(false);

    const detail = await (await get('analyst', `/api/conversations/${a.id}`)).json();
    expect(detail.turns[0].starredAt).toBe(body.starredAt);

    const page = await (await get('analyst', '/api/history')).json();
    expect(page.answers).toEqual([
      expect.objectContaining({
        conversationId: a.id,
        conversationTitle: 'Why did July drop?',
        turnId: a.turnId,
        question: 'Why did July drop?',
        starredAt: body.starredAt,
      }),
    ]);
    // The same search as the conversations: text, dates, and only on the first page.
    expect((await (await get('analyst', '/api/history?q=country')).json()).answers).toEqual([]);
    expect((await (await get('analyst', '/api/history?q=july')).json()).answers).toHaveLength(1);
    expect((await (await get('analyst', '/api/history?to=2000-01-01')).json()).answers).toEqual([]);
    expect((await (await get('analyst', '/api/history?limit=1&cursor=1')).json()).answers).toBeUndefined();
    // Nobody else sees it.
    expect((await (await get('viewer', '/api/history')).json()).answers).toEqual([]);

    const off = await (await star('analyst', a, false)).json();
    expect(off).toEqual({ starredAt: null, saved: true });
    expect((await (await get('analyst', '/api/history')).json()).answers).toEqual([]);
  });

  it('lets only the owner star, and refuses a bad body or an unknown answer', async () => {
    const a = await ask('analyst', 'Return rate in June');
    expect((await star('viewer', a, true)).status).toBe(404);
    expect((await star('admin', a, true)).status).toBe(404);
    expect(
      (await post('analyst', `/api/conversations/${a.id}/turns/${a.turnId}/star`, { starred: 'yes' })).status,
    ).toBe(400);
    expect((await star('analyst', { id: a.id, turnId: 'nope' }, true)).status).toBe(404);
    expect((await h.store.get(a.id))!.saved).toBe(false);
  });
});
