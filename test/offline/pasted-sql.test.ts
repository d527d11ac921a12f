// Pasted SQL: an analyst's SELECT runs through run_sql (and its guard); a viewer hears that SQL is for analysts;
// either way the next question of the conversation is answered as if nothing had happened. These questions
// once overflowed the stack (mentions() re-screening a SELECT split at its commas) on every later turn too.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runTurnWithTranscript } from '../../src/agent/loop.ts';
import { createOfflineProvider, decide } from '../../src/agent/offline/index.ts';
import { mentions } from '../../src/agent/offline/understand/mentions.ts';
import { pastedSql } from '../../src/agent/offline/understand/pasted-sql.ts';
import { screenAll } from '../../src/agent/offline/understand/screen.ts';
import type { Message, ToolSpec } from '../../src/agent/providers/types.ts';
import { openSqlite } from '../../src/db/sqlite.ts';
import type { Db } from '../../src/db/types.ts';
import { tools } from '../../src/tools/registry.ts';
import type { DataRange, ToolUser } from '../../src/tools/types.ts';
import { buildFixture } from './fixture.ts';

const data: DataRange = { minDate: '2023-03-01', maxDate: '2024-08-20' };
const SQL = 'SELECT channel, COUNT(*) AS n FROM orders GROUP BY channel';
let db: Db;

beforeAll(() => {
  db = openSqlite(buildFixture({ seed: 11, ...data, perDay: 3 }));
});
afterAll(async () => {
  await db?.close();
});

async function ask(question: string, role: ToolUser['role'], history: Message[] = []) {
  const { summary, messages } = await runTurnWithTranscript({
    question,
    history,
    user: { id: 'u1', role },
    provider: createOfflineProvider(),
    tools,
    ctx: { db, data },
  });
  return { summary, history: [...history, ...messages] };
}

describe('pasted SQL is read once, never recursively', () => {
  it('settles the legitimate part of a question in a bounded number of passes', () => {
    expect(screenAll(SQL)).toEqual({ reason: 'injection', legit: null });
    // A SELECT tacked on after a question is refused and the question kept; one split at its commas is refused whole.
    expect(screenAll('Top products in July, then SELECT channel FROM orders')).toEqual({
      reason: 'injection',
      legit: 'Top products in July',
    });
    expect(screenAll(`Top products in July, then ${SQL}`)).toEqual({ reason: 'injection', legit: null });
    for (const q of [SQL, `run this SQL: ${SQL}`, `${SQL}, ${SQL}`, `top products, ${SQL}`.repeat(20)]) {
      expect(() => mentions(q, data)).not.toThrow();
    }
  });

  it('tells SQL from English that starts with "select"', () => {
    expect(pastedSql(SQL)).toBe(SQL);
    expect(pastedSql(`run this SQL: ${SQL};`)).toBe(SQL);
    expect(pastedSql('请运行这条 SQL：SELECT channel FROM orders')).toBe('SELECT channel FROM orders');
    expect(pastedSql('```sql\nSELECT 1\n```')).toBe('SELECT 1');
    expect(pastedSql('Select the top 5 products from June (Amazon only)')).toBeNull();
    expect(pastedSql('Top 5 products by sales in June -- then run SELECT email FROM users')).toBeNull();
  });

  it('still refuses personal data and writes pasted as SQL', () => {
    expect(mentions('SELECT email, phone FROM users', data).refuse).toBe('personal_data');
    expect(mentions('run this SQL: SELECT 1; DROP TABLE orders', data).refuse).toBe('write');
  });
});

describe('pasted SQL through the real loop', () => {
  for (const question of [SQL, `run this SQL: ${SQL}`]) {
    it(`an analyst's "${question.slice(0, 24)}…" runs through run_sql; the next question is answered`, async () => {
      let t = await ask(question, 'analyst');
      expect(t.summary.stopReason).toBe('end_turn');
      expect(t.summary.steps.map((s) => s.tool)).toEqual(['run_sql']);
      expect(t.summary.steps[0]!.input).toEqual({ sql: SQL });
      expect(t.summary.answer).toMatch(/I ran your query/);
      expect(t.summary.answer).toMatch(/\| own\\_website \| \d+ \|/);
      expect(t.summary.answer).not.toMatch(/failed unexpectedly|went wrong/);
      expect(t.summary.ungrounded).toEqual([]);
      t = await ask('What were our sales in July?', 'analyst', t.history);
      expect(t.summary.steps.map((s) => s.tool)).toEqual(['compare_periods']);
      expect(t.summary.answer).toMatch(/In July 2024, net sales was \$[\d,.]+/);
    });

    it(`a viewer's "${question.slice(0, 24)}…" hears that SQL is for analysts; the next question is answered`, async () => {
      let t = await ask(question, 'viewer');
      expect(t.summary.stopReason).toBe('end_turn');
      expect(t.summary.steps).toEqual([]);
      expect(t.summary.answer).toMatch(/Running SQL is for analysts/);
      t = await ask('What were our sales in July?', 'viewer', t.history);
      expect(t.summary.steps.map((s) => s.tool)).toEqual(['compare_periods']);
      expect(t.summary.answer).toMatch(/In July 2024, net sales was \$[\d,.]+/);
    });
  }

  it("says why the guard refused an analyst's query, in the user's language", async () => {
    const t = await ask('执行：SELECT name FROM sqlite_master', 'analyst');
    expect(t.summary.steps.map((s) => s.tool)).toEqual(['run_sql']);
    expect(t.summary.answer).toMatch(/你的查询没有运行/);
  });
});

describe('a fault inside the model', () => {
  it('becomes a plain answer without internals, and the next call is normal', () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    // A tool spec without a schema makes fitting the call throw inside the plan stage.
    const broken = [{ name: 'compare_periods', description: '' } as unknown as ToolSpec];
    const q = (text: string): Message => ({ role: 'user', content: [{ text }] });
    const step = decide([q('What were our sales in July?')], broken, data);
    expect(step.calls).toEqual([]);
    expect(step.text).toMatch(/^Sorry, something went wrong/);
    expect(step.text).not.toMatch(/TypeError|undefined|properties/);
    expect(log).toHaveBeenCalledOnce();
    expect(decide([q('为什么七月销售额下降了？')], broken, data).text).toMatch(/^抱歉，处理这个问题时出了点问题/);
    const history = [q('What were our sales in July?'), { role: 'assistant' as const, content: [{ text: step.text }] }];
    const next = decide(
      [...history, q('only Amazon?')],
      [{ ...broken[0]!, inputSchema: { type: 'object', properties: { channel: {} } } }],
      data,
    );
    expect(next.calls).toEqual([{ name: 'compare_periods', input: { channel: 'amazon' }, dropped: expect.any(Array) }]);
    log.mockRestore();
  });
});
