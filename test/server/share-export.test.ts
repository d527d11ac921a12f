// Exports through a share link: whoever opened the link downloads what the share page shows them — Markdown,
// the print view and CSV, in their language, redacted for the lower of their and the owner's roles — and a
// revoked or made-up token gives the share page's own 404.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportLabels } from '../../src/server/export/labels.ts';
import { harness, seedAnsweredConversation, userIdOf, type Harness } from './support.ts';

let h: Harness;
type Who = 'viewer' | 'analyst' | 'admin';
const SQL = 'SELECT region, SUM(net_amount) AS hidden_column_marker FROM orders GROUP BY region';

const get = (who: Who, path: string, init: RequestInit = {}) =>
  h.app.request(path, { ...init, headers: { cookie: h.cookies[who] } });

const userId = (who: Who) => userIdOf(h, who);

/** A conversation of `owner` with one answer, a step with SQL and one table, shared by its owner. */
async function sharedConversation(owner: Who, question: string) {
  const ownerId = await userId(owner);
  const { id, turnId } = await seedAnsweredConversation(h, ownerId, {
    question,
    answer: 'North sold $4,321.25 in March.',
    sql: SQL,
    table: {
      title: 'Net sales by region',
      columns: ['region', 'net_sales'],
      rows: [
        { region: 'north', net_sales: 4321.25 },
        { region: 'south', net_sales: 987.5 },
      ],
    },
    createdAt: new Date(Date.UTC(2025, 3, 2)),
  });
  const made = await get(owner, `/api/conversations/${id}/share`, { method: 'POST' });
  const { token } = (await made.json()) as { token: string };
  return { id, turnId, token, ownerId };
}

beforeAll(async () => {
  h = await harness();
});
afterAll(async () => h?.close());

describe('exports through a share link', () => {
  it('a viewer exports an analyst’s shared answer and conversation in every format, without SQL or ids', async () => {
    const s = await sharedConversation('analyst', 'Net sales by region in March');
    const base = `/api/share/${s.token}/export`;
    for (const query of [
      'format=md',
      `format=md&turn=${s.turnId}`,
      `format=html&turn=${s.turnId}&lang=zh`,
      'format=html',
      `format=csv&turn=${s.turnId}`,
    ]) {
      const r = await get('viewer', `${base}?${query}`);
      expect(r.status, query).toBe(200);
      const body = await r.text();
      expect(body, query).not.toMatch(/SELECT|hidden_column_marker/i);
      // Nothing that identifies the link, the conversation or the owner's account beyond the name the page shows.
      for (const secret of [s.token, s.id, `#${s.ownerId}`, '$argon2', 'password'])
        expect(body, query).not.toContain(secret);
    }
    const md = await (await get('viewer', `${base}?format=md&turn=${s.turnId}`)).text();
    expect(md).toContain('North sold $4,321.25 in March.');
    expect(md).toContain('analyst');
    const csv = await (await get('viewer', `${base}?format=csv&turn=${s.turnId}`)).text();
    expect(csv).toContain('4321.25');
  });

  it('the labels follow the reader’s language and the file is named like the owner’s own export', async () => {
    const s = await sharedConversation('analyst', 'Sales by region this spring');
    const url = (lang: string) => `/api/share/${s.token}/export?format=md&turn=${s.turnId}&lang=${lang}`;
    const [zh, en] = [await get('viewer', url('zh')), await get('viewer', url('en'))];
    const mine = await get('analyst', `/api/conversations/${s.id}/export?format=md&turn=${s.turnId}&lang=zh`);
    expect(zh.headers.get('content-disposition')).toBe(mine.headers.get('content-disposition'));
    expect(en.headers.get('content-disposition')).toContain('sales-by-region-this-spring');
    const [zhText, enText] = [await zh.text(), await en.text()];
    expect(zhText).toContain(`${exportLabels('zh').author} analyst`);
    expect(enText).toContain(`${exportLabels('en').author} analyst`);
  });

  it('an analyst reader keeps the SQL of an analyst’s share, and sees none of a viewer’s share', async () => {
    const fromAnalyst = await sharedConversation('analyst', 'Regions, analyst to analyst');
    expect(await (await get('admin', `/api/share/${fromAnalyst.token}/export?format=md`)).text()).toContain(
      'hidden_column_marker',
    );
    const fromViewer = await sharedConversation('viewer', 'Regions, from a manager');
    const r = await get('analyst', `/api/share/${fromViewer.token}/export?format=md`);
    expect(r.status).toBe(200);
    expect(await r.text()).not.toMatch(/SELECT|hidden_column_marker/i);
  });

  it('a revoked, unknown or malformed token gives the share page’s 404; no session gives 401', async () => {
    const s = await sharedConversation('analyst', 'Regions, soon revoked');
    expect((await h.app.request(`/api/share/${s.token}/export?format=md`)).status).toBe(401);
    await get('analyst', `/api/conversations/${s.id}/share`, { method: 'DELETE' });
    const page = await get('viewer', `/api/share/${s.token}`);
    for (const path of [
      `/api/share/${s.token}/export?format=md`,
      `/api/share/${'A'.repeat(43)}/export?format=csv`,
      '/api/share/not-a-token/export?format=html',
    ]) {
      const r = await get('viewer', path);
      expect(r.status, path).toBe(404);
      expect((await r.json()).code, path).toBe((await page.clone().json()).code);
    }
    expect((await page.json()).code).toBe('not_found');
  });

  it('share-link exports count against the reader’s export rate like any other export', async () => {
    const s = await sharedConversation('analyst', 'Regions, many downloads');
    let limited: Response | null = null;
    for (let i = 0; i < 200 && !limited; i++) {
      const r = await get('admin', `/api/share/${s.token}/export?format=csv&turn=${s.turnId}`);
      if (r.status === 429) limited = r;
      else expect(r.status).toBe(200);
    }
    expect(limited?.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await limited!.json()).code).toBe('rate_limited');
  });
});
