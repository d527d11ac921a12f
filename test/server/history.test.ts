// GET /api/history: the user's own conversations, searched by text, date, metric and kept, a page at a time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harness, parseSse, type Harness } from './support.ts';

let h: Harness;
beforeAll(async () => {
  h = await harness();
});
afterAll(async () => h?.close());

type Who = 'viewer' | 'analyst';
const get = (who: Who, path: string) => h.app.request(path, { headers: { cookie: h.cookies[who] } });

async function ask(who: Who, message: string): Promise<string> {
  const res = await h.app.request('/api/chat', {
    method: 'POST',
    headers: { cookie: h.cookies[who], 'content-type': 'application/json' },
    body: JSON.stringify({ message }),
  });
  return String(parseSse(await res.text())[0]!.data.conversationId);
}

describe('history', () => {
  let ids: string[];
  beforeAll(async () => {
    ids = [];
    for (const q of ['Why did July drop?', 'Orders by country', '各渠道的销售额', 'Return rate in June']) {
      ids.push(await ask('analyst', q));
    }
    await ask('viewer', 'Why did July drop for the viewer?');
    await h.store.update(ids[1]!, { saved: true });
  });

  it('lists only the users own conversations, newest first, paginated', async () => {
    const first = await (await get('analyst', '/api/history?limit=3')).json();
    expect(first.items.map((i: { conversation: { title: string } }) => i.conversation.title)).toEqual([
      'Orders by country', // kept last: keeping it touched it
      'Return rate in June',
      '各渠道的销售额',
    ]);
    expect(first.next).toBe('3');
    const second = await (await get('analyst', `/api/history?limit=3&cursor=${first.next}`)).json();
    expect(second.items.map((i: { conversation: { title: string } }) => i.conversation.title)).toEqual([
      'Why did July drop?',
    ]);
    expect(second.next).toBeNull();
    expect(first.items[0].turns).toBe(1);
    expect(first.items[0].conversation.saved).toBe(true);
  });

  it('searches text in questions and answers, kept only, metric and dates', async () => {
    const byText = await (await get('analyst', `/api/history?q=${encodeURIComponent('销售额')}`)).json();
    expect(byText.items).toHaveLength(1);
    expect(byText.items[0].question).toBe('各渠道的销售额');
    // The scripted answer reads "Net sales fell 12% in July." for every question.
    const inAnswer = await (await get('analyst', '/api/history?q=fell+12%25')).json();
    expect(inAnswer.items).toHaveLength(4);
    const kept = await (await get('analyst', '/api/history?saved=true')).json();
    expect(kept.items.map((i: { conversation: { id: string } }) => i.conversation.id)).toEqual([ids[1]]);
    const none = await (await get('analyst', '/api/history?metric=return_rate')).json();
    expect(none.items).toHaveLength(0);
    const today = new Date().toISOString().slice(0, 10);
    expect((await (await get('analyst', `/api/history?from=${today}&to=${today}`)).json()).items).toHaveLength(4);
    expect((await (await get('analyst', '/api/history?to=2000-01-01')).json()).items).toHaveLength(0);
    const viewer = await (await get('viewer', '/api/history?q=july')).json();
    expect(viewer.items).toHaveLength(1);
  });

  it('refuses bad queries with bad_input', async () => {
    for (const q of [
      'from=yesterday',
      'metric=bogus',
      'limit=0',
      'cursor=abc',
      'from=2025-02-01&to=2025-01-01',
      'x=1',
    ]) {
      const res = await get('analyst', `/api/history?${q}`);
      expect({ q, status: res.status, code: (await res.json()).code }).toEqual({ q, status: 400, code: 'bad_input' });
    }
    expect((await h.app.request('/api/history')).status).toBe(401);
  });
});
