// Exports for every role that may read a conversation: a viewer (a manager) exports their own answers and
// whole conversations, without the SQL their view of a turn leaves out; nobody exports someone else's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harness, seedAnsweredConversation, userIdOf, type Harness } from './support.ts';

let h: Harness;
const SQL = 'SELECT channel, SUM(net_amount) AS secret_marker FROM orders GROUP BY channel';

const idOf = (role: 'viewer' | 'analyst') => userIdOf(h, role);

const seed = (ownerId: string) =>
  seedAnsweredConversation(h, ownerId, {
    question: 'Sales by channel in May',
    answer: 'Amazon sold $1,234.50 in May.',
    sql: SQL,
    table: {
      title: 'Net sales by channel',
      columns: ['channel', 'net_sales'],
      rows: [{ channel: 'amazon', net_sales: 1234.5 }],
    },
    createdAt: new Date(Date.UTC(2025, 5, 2)),
  });

const get = (path: string, role: 'viewer' | 'analyst' | 'admin') =>
  h.app.request(path, { headers: { cookie: h.cookies[role] } });

beforeAll(async () => {
  h = await harness();
});
afterAll(async () => h?.close());

describe('exports for viewers', () => {
  it('a viewer exports one answer and the whole conversation, Markdown and print view, with no SQL', async () => {
    const { id, turnId } = await seed(await idOf('viewer'));
    for (const path of [
      `/api/conversations/${id}/export?format=md`,
      `/api/conversations/${id}/export?format=md&turn=${turnId}`,
      `/api/conversations/${id}/export?format=html&turn=${turnId}&lang=zh`,
      `/api/conversations/${id}/export?format=csv&turn=${turnId}`,
    ]) {
      const r = await get(path, 'viewer');
      expect(r.status, path).toBe(200);
      const body = await r.text();
      expect(body).not.toContain('secret_marker');
      expect(body).not.toMatch(/SELECT/i);
    }
    const md = await (await get(`/api/conversations/${id}/export?format=md`, 'viewer')).text();
    expect(md).toContain('Amazon sold $1,234.50 in May.');
  });

  it("the analyst's own export keeps its SQL; someone else's conversation cannot be exported", async () => {
    const mine = await seed(await idOf('analyst'));
    expect(await (await get(`/api/conversations/${mine.id}/export?format=md`, 'analyst')).text()).toContain(
      'secret_marker',
    );
    // As the conversation page answers: someone else's is forbidden (403), whatever the role.
    expect((await get(`/api/conversations/${mine.id}/export?format=md`, 'viewer')).status).toBe(403);
    const theirs = await seed(await idOf('viewer'));
    expect((await get(`/api/conversations/${theirs.id}/export?format=md`, 'analyst')).status).toBe(403);
    expect((await get(`/api/conversations/${theirs.id}/export?format=md`, 'admin')).status).toBe(200);
  });
});
