// The offline model writes the tool-level classes from the findings: stock status, drops to zero, partial
// weeks and late-maturing return rates, in English and Chinese.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqlite } from '../../src/db/sqlite.ts';
import type { Db } from '../../src/db/types.ts';
import { runTurnWithTranscript } from '../../src/agent/loop.ts';
import { createOfflineProvider } from '../../src/agent/offline/index.ts';
import type { Message } from '../../src/agent/providers/types.ts';
import { tools } from '../../src/tools/registry.ts';
import type { DataRange } from '../../src/tools/types.ts';
import { buildFixture, JULY_DROP } from './fixture.ts';

// The data ends on 2024-08-20: August's return rate is still maturing, July 2024's last week has 3 days.
const data: DataRange = { minDate: JULY_DROP.minDate, maxDate: JULY_DROP.maxDate };
let db: Db;

beforeAll(() => {
  db = openSqlite(buildFixture(JULY_DROP));
});
afterAll(async () => {
  await db?.close();
});

async function ask(question: string, history: Message[] = []) {
  const { summary, messages } = await runTurnWithTranscript({
    question,
    history,
    user: { id: 'u1', role: 'analyst' },
    provider: createOfflineProvider(),
    tools,
    ctx: { db, data },
  });
  return { summary, history: [...history, ...messages] };
}

describe('offline answers from findings', () => {
  it('"What is our stock status?" goes to stock_status: stock-outs, stock now and days of cover', async () => {
    const { summary } = await ask('What is our stock status?');
    expect(summary.steps.map((s) => s.tool)).toEqual(['stock_status']);
    expect(summary.answer).toMatch(/Stock-outs in |Nothing was out of stock in /);
    expect(summary.answer).toMatch(/zero stock now/);
    expect(summary.answer).toMatch(/days of cover/);
    expect(summary.ungrounded).toEqual([]);
    expect(summary.claims?.contradicted ?? []).toEqual([]);
    const zh = await ask('库存状况如何？');
    expect(zh.summary.steps.map((s) => s.tool)).toEqual(['stock_status']);
    expect(zh.summary.answer).toMatch(/缺货|没有缺货/);
    expect(zh.summary.answer).toMatch(/可售/);
    expect(zh.summary.ungrounded).toEqual([]);
  });

  it('"which products?" after a why ranks by change in the tool, biggest drops first', async () => {
    let t = await ask('Why did sales drop in July?');
    t = await ask('which products?', t.history);
    expect(t.summary.steps[0]).toMatchObject({
      tool: 'top_products',
      input: { rank_by: 'change', direction: 'bottom', n: 10, period: '2024-07' },
    });
    expect(t.summary.answer).toMatch(/Products with the biggest drops/);
    expect(t.summary.ungrounded).toEqual([]);
  });

  it('a weekly trend never names the partial last week as the lowest and says it is partial', async () => {
    const { summary } = await ask('Weekly sales in July 2024');
    expect(summary.steps[0]).toMatchObject({ tool: 'sales_trend', input: { grain: 'week' } });
    expect(summary.answer).toMatch(/Lowest full week: .* on 2024-07-(?:01|08|15|22)/);
    expect(summary.answer).toMatch(/Partial weeks, not compared as highest or lowest: 2024-07-29/);
    expect(summary.claims?.contradicted ?? []).toEqual([]);
  });

  it('a return rate inside the 30-day window is "still maturing", in both languages', async () => {
    const { summary } = await ask('What was the return rate in August 2024?');
    expect(summary.answer).toMatch(/Still maturing: returns for orders placed after 2024-07-21 are still arriving/);
    expect(summary.answer).toMatch(/lower bound/);
    expect(summary.ungrounded).toEqual([]);
    const zh = await ask('2024年8月的退货率是多少？');
    expect(zh.summary.answer).toMatch(/仍在成熟中/);
    // July 2024 (read 20 days after its end) against June counted with the returns it had 20 days after its end.
    const july = await ask('What was the return rate in July 2024?');
    expect(july.summary.answer).toMatch(/Still maturing: /);
    expect(july.summary.answer).toMatch(
      /Like with like: at the same age June 2024 had a return rate of [\d.]+%, against [\d.]+%/,
    );
    expect(july.summary.ungrounded).toEqual([]);
    const old = await ask('What was the return rate in March 2024?');
    expect(old.summary.answer).not.toMatch(/Still maturing/);
  });

  it('"which week had the lowest sales" is a weekly trend, not a product ranking', async () => {
    const { summary } = await ask('Which week in July 2024 had the lowest net sales?');
    expect(summary.steps[0]).toMatchObject({ tool: 'sales_trend', input: { grain: 'week', period: '2024-07' } });
    expect(summary.answer).toMatch(/Lowest full week: \$[\d,.]+ on 2024-07-(?:01|08|15|22)/);
    const zh = await ask('2024年7月哪一周的销售额最低？');
    expect(zh.summary.steps[0]).toMatchObject({ tool: 'sales_trend', input: { grain: 'week' } });
    expect(zh.summary.answer).toMatch(/完整时段最低：2024-07-(?:01|08|15|22)/);
  });

  it('"which products had no sales" lists only the products that fell to zero', async () => {
    const { summary } = await ask('Which products sold in June 2024 but had no sales at all in July 2024?');
    expect(summary.steps[0]).toMatchObject({
      tool: 'top_products',
      input: { rank_by: 'change_pct', direction: 'bottom', n: 50, period: '2024-07', compare_to: '2024-06' },
    });
    const rows = summary.tables[0]!.rows.filter((r) => r.value === 0 && (r.previous as number) > 0);
    if (rows.length) {
      expect(summary.answer).toMatch(/^Products that sold in June 2024 but had no sales in July 2024/);
      for (const r of rows.slice(0, 10)) expect(summary.answer).toContain(String(r.product_name));
    } else expect(summary.answer).toMatch(/^No product fell to zero in July 2024/);
    expect(summary.answer).not.toMatch(/Products with the biggest drops/);
    expect(summary.ungrounded).toEqual([]);
  });
});
