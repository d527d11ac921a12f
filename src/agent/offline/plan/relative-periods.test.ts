// "last month", "this quarter", "YTD", "最近30天"...: one wording, one span, whichever tool the offline model picks.
// Every call of the turn resolves it to the calendar's named period (the one the overview and the tools use: "last
// month" is the latest full month), the tool says it used that span, and the answer's period note is stated at most
// once and only when no period was named, naming the span actually used.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fitToData, latestFullMonth, namePeriod, periodDays } from '../../../calendar/index.ts';
import { openSqlite } from '../../../db/sqlite.ts';
import type { Db } from '../../../db/types.ts';
import { runTurnWithTranscript } from '../../loop.ts';
import { createOfflineProvider } from '../index.ts';
import { tools } from '../../../tools/registry.ts';
import type { DataRange } from '../../../tools/types.ts';
import { buildFixture, JULY_DROP } from '../../../../test/offline/fixture.ts';

// The data ends on a Tuesday in mid-August: last month, this quarter and the last full week all differ.
const data: DataRange = { minDate: JULY_DROP.minDate, maxDate: JULY_DROP.maxDate };
let db: Db;
beforeAll(() => {
  db = openSqlite(buildFixture(JULY_DROP));
});
afterAll(async () => {
  await db?.close();
});

async function ask(question: string) {
  const { summary, messages } = await runTurnWithTranscript({
    question,
    history: [],
    user: { id: 'u1', role: 'analyst' },
    provider: createOfflineProvider(),
    tools,
    ctx: { db, data },
  });
  // What each call returned to the model, by call: its summary names the span the tool used.
  const results = new Map<string, string>();
  for (const m of messages)
    for (const b of m.content)
      if ('toolResult' in b) results.set(b.toolResult.toolUseId, b.toolResult.content.map((c) => c.text).join('\n'));
  return { ...summary, steps: summary.steps.map((st) => ({ ...st, summary: results.get(st.toolUseId) ?? '' })) };
}

const span = (name: string) => {
  const p = fitToData(namePeriod(name, data), data)!;
  return { from: p.from, to: p.to };
};

/** The span a tool says it used: the first "(YYYY-MM-DD to YYYY-MM-DD)" of its summary. */
const used = (summary: string) => {
  const m = /\((\d{4}-\d{2}-\d{2}) to (\d{4}-\d{2}-\d{2})\)/.exec(summary);
  return m ? { from: m[1]!, to: m[2]! } : null;
};

const NOTE = /No period was named|未指定时间/g;

// The wording, the calendar's name for it, and questions that reach different tools.
const EN = [
  'What were net sales {p}?',
  'How did our campaigns perform {p}?',
  'What was out of stock {p}?',
  'new vs returning customers {p}',
  'why did net sales drop {p}?',
  'Net sales by channel {p}',
  'top 5 products {p}',
  'Daily orders {p}',
  'Return rate by category {p}',
  'How did the funnel convert {p}?',
];
const ZH = [
  '{p}的销售额是多少？',
  '{p}各营销活动的效果如何？',
  '{p}哪些商品缺货了？',
  '{p}新老客户的构成',
  '为什么{p}的销售额下降了？',
  '{p}各渠道的销售额',
  '{p}销量前5的产品',
  '{p}每天的订单量',
  '{p}各品类的退货率',
  '{p}的转化漏斗',
];
const WORDINGS: [string, string, string[]][] = [
  ['last month', 'last_month', EN],
  ['this quarter', 'this_quarter', EN],
  ['this year', 'ytd', EN],
  ['YTD', 'ytd', EN],
  ['last week', 'last_week', EN],
  ['in the past 30 days', 'last_30_days', EN],
  ['上个月', 'last_month', ZH],
  ['本季度', 'this_quarter', ZH],
  ['今年以来', 'ytd', ZH],
  ['最近30天', 'last_30_days', ZH],
  ['in the past 3 months', 'last_3_months', EN],
  ['最近3个月', 'last_3_months', ZH],
  ['last quarter', 'last_quarter', EN],
  ['上个季度', 'last_quarter', ZH],
  ['上周', 'last_week', ZH],
  ['this month', 'this_month', EN],
  ['本月', 'this_month', ZH],
  ['over the last 7 days', 'last_7_days', EN],
  ['过去两周', 'last_2_weeks', ZH],
];

describe('a relative period resolves to one span in every tool the offline model picks', () => {
  it('"last month" is the overview\'s latest full month', () => {
    const m = latestFullMonth(data);
    expect(span('last_month')).toEqual({ from: m.from, to: m.to });
  });

  for (const [words, name, templates] of WORDINGS) {
    it.each(templates.map((t) => t.replace('{p}', words)))(`%s → ${name}`, async (q) => {
      const s = await ask(q);
      expect(s.stopReason).toBe('end_turn');
      expect(s.steps.length).toBeGreaterThan(0);
      const want = span(name);
      for (const st of s.steps) {
        if (st.error) continue;
        // A trend by day over a span the tool shortens would show here too: the whole span, every call.
        expect(used(st.summary ?? ''), `${st.tool} ${JSON.stringify(st.input)}`).toEqual(want);
      }
      expect(s.answer.match(NOTE) ?? []).toEqual([]);
    });
  }
});

describe('an unnamed period is stated once, as the span used', () => {
  it.each([
    ['What were net sales?', 'latest full month'],
    ['Net sales by channel', 'latest full month'],
    ['daily orders', null],
    ['销售额是多少？', '最近的完整月份'],
    ['每天的订单量', null],
  ])('%s', async (q, monthWords) => {
    const s = await ask(q);
    const notes = s.answer.match(NOTE) ?? [];
    expect(notes).toHaveLength(1);
    const spans = s.steps.flatMap((st) => (st.error ? [] : [used(st.summary ?? '')]));
    const m = latestFullMonth(data);
    const usedMonth = spans.every((x) => x?.from === m.from && x?.to === m.to);
    // "the latest full month" only when every call used it; otherwise the note names what was used instead.
    if (monthWords) expect(usedMonth).toBe(true);
    expect(/latest full month|最近的完整月份/.test(s.answer)).toBe(usedMonth);
    if (!usedMonth) expect(spans.every((x) => x && periodDays(x) > 31)).toBe(true);
  });
});
