// Whatever a user types, a turn of the offline model ends in an answer, and the conversation goes on: random
// questions (SQL, Markdown, emoji, long text, mixed English and Chinese, control characters, pasted SQL),
// three per conversation, through the real loop and tools on a small SQLite warehouse. Then one plain
// question must get the same tools and answer as in a fresh conversation.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTurnWithTranscript } from '../../src/agent/loop.ts';
import { createOfflineProvider } from '../../src/agent/offline/index.ts';
import type { Message } from '../../src/agent/providers/types.ts';
import { openSqlite } from '../../src/db/sqlite.ts';
import type { Db } from '../../src/db/types.ts';
import type { TurnSummary } from '../../src/protocol/turn.ts';
import { tools } from '../../src/tools/registry.ts';
import type { DataRange, ToolUser } from '../../src/tools/types.ts';
import { buildFixture } from './fixture.ts';

const data: DataRange = { minDate: '2023-03-01', maxDate: '2024-08-20' };
const CHECK = 'What were our sales in July?';
let db: Db;
let fresh: TurnSummary;

async function ask(question: string, role: ToolUser['role'], history: Message[] = []) {
  const { summary, messages } = await runTurnWithTranscript({
    question,
    history,
    user: { id: 'p1', role },
    provider: createOfflineProvider(),
    tools,
    ctx: { db, data },
  });
  return { summary, history: [...history, ...messages] };
}

beforeAll(async () => {
  db = openSqlite(buildFixture({ seed: 5, ...data, perDay: 2 }));
  fresh = (await ask(CHECK, 'analyst')).summary;
});
afterAll(async () => {
  await db?.close();
});

const WORDS = [
  'sales',
  'orders',
  'by channel',
  'Amazon',
  'July',
  'last month',
  'why',
  'top 5 products',
  'conversion',
  'Q2 2024',
  'vs last year',
  'only',
  'drill into bikinis',
  'refunds',
  'Canada',
  'by week',
  'return rate',
  'overall',
  'and',
  '?',
  '销售额',
  '为什么',
  '七月',
  '亚马逊',
  '按渠道',
  '前十',
  '退货率',
  '同比',
  '下降了',
  '那加拿大呢？',
  '客单价',
  '，',
];
const SQLS = [
  'SELECT channel, COUNT(*) AS n FROM orders GROUP BY channel',
  'SELECT * FROM orders',
  "select country, sum(total_amount) from orders where order_date >= '2024-07-01' group by country",
  'SELECT email FROM users',
  'SELECT 1; DROP TABLE orders',
  'WITH t AS (SELECT channel FROM orders) SELECT channel, COUNT(*) FROM t GROUP BY channel',
  'SELECT a, b, c FROM x, y, z WHERE a = b',
  'SELECT name FROM sqlite_master',
  'DELETE FROM returns',
  'SELECT o.channel, p.product_name FROM orders o JOIN order_items oi ON oi.order_id = o.order_id JOIN products p ON p.product_id = oi.product_id LIMIT 5',
];
const MARKDOWN = [
  '# Sales',
  '**bold** _it_',
  '- item\n- item',
  '`code`',
  '```sql\nSELECT 1\n```',
  '| a | b |\n|---|---|',
  '[link](http://x.test)',
  '<img src=x onerror=alert(1)>',
  '> quote',
];
const EMOJI = ['📈', '🔥', '💰', '🏖️', '👙', '🇨🇦', '👍🏽', '❤️', '🤔'];

const words = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 12 }).map((w) => w.join(' '));
const sql = fc.constantFrom(...SQLS);
const question = fc.oneof(
  words,
  sql,
  sql.map((s) => `run this SQL: ${s}`),
  fc.tuple(words, sql).map(([w, s]) => `${w}, then ${s}`),
  fc.tuple(fc.constantFrom(...MARKDOWN), words).map(([m, w]) => `${m} ${w}`),
  fc.array(fc.constantFrom(...EMOJI, ...WORDS), { minLength: 1, maxLength: 10 }).map((w) => w.join('')),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 120 }),
  fc.tuple(words, fc.integer({ min: 0, max: 31 })).map(([w, c]) => `${w}${String.fromCharCode(c)}${w}`),
  words.map((w) => w.repeat(Math.ceil(2000 / w.length)).slice(0, 2000)),
  fc.string({ minLength: 2000, maxLength: 2000 }),
);

const tools_ = (s: TurnSummary) => s.steps.map((x) => [x.tool, x.input]);

describe('no question breaks a turn or the conversation', () => {
  it('three random questions, then a plain one answered as in a fresh conversation', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(question, { minLength: 3, maxLength: 3 }),
        fc.constantFrom<ToolUser['role']>('analyst', 'viewer'),
        async (qs, role) => {
          let history: Message[] = [];
          for (const q of qs) {
            const t = await ask(q, role, history);
            expect(t.summary.answer).not.toMatch(/failed unexpectedly|something went wrong|出了点问题/);
            expect(t.summary.stopReason).not.toBe('error');
            expect(t.summary.answer.trim()).not.toBe('');
            history = t.history;
          }
          const check = (await ask(CHECK, 'analyst', history)).summary;
          expect(check.stopReason).toBe('end_turn');
          expect(tools_(check)).toEqual(tools_(fresh));
          expect(check.answer).toContain(fresh.answer.split('\n')[0]);
        },
      ),
      { numRuns: 30, seed: 20261206 },
    );
  }, 60_000);
});
