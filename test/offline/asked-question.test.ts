// The question asked is the question answered (issues #12, #13): a month named without a year takes its year from
// the month beside it; "what happened underneath a flat month" is a why; a question the data has no input for
// says so first and offers the nearest answerable ones. Phrasings are our own; the warehouse is the fixture.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTurnWithTranscript } from '../../src/agent/loop.ts';
import { createOfflineProvider } from '../../src/agent/offline/index.ts';
import { understand } from '../../src/agent/offline/understand/understand.ts';
import { openSqlite } from '../../src/db/sqlite.ts';
import type { Db } from '../../src/db/types.ts';
import { tools } from '../../src/tools/registry.ts';
import type { DataRange } from '../../src/tools/types.ts';
import { buildFixture } from './fixture.ts';

const cal = { minDate: '2023-01-01', maxDate: '2025-12-20' };
const month = (ym: string) => ({ start: `${ym}-01` });

describe('a month or quarter named without a year beside one with its year', () => {
  const cases: [string, string, string][] = [
    ['2024年12月的销售额比11月如何？为什么？', '2024-12', '2024-11'],
    ['Why did December 2024 fall compared with November?', '2024-12', '2024-11'],
    ['2023年3月 vs 2月', '2023-03', '2023-02'],
    ['Q4 2024 vs Q3', '2024-10', '2024-07'],
    ['How did January 2025 do against December?', '2025-01', '2024-12'],
    ['2024年第二季度和第一季度相比订单量', '2024-04', '2024-01'],
    ['Orders in March 2024 vs March', '2024-03', '2023-03'],
  ];
  it.each(cases)('%s', (q, asked, base) => {
    const i = understand(q, cal);
    expect(i.period).toMatchObject(month(asked));
    expect(i.compare_to).toMatchObject(month(base));
  });

  it('a range keeps the yearless end on the side it is written on', () => {
    expect(understand('sales from November to February 2025', cal).period).toMatchObject({
      start: '2024-11-01',
      end: '2025-02-28',
    });
    expect(understand('从2024年11月到2月的销售额', cal).period).toMatchObject({
      start: '2024-11-01',
      end: '2025-02-28',
    });
  });

  it('relative periods follow the calendar of the data', () => {
    expect(understand('revenue last month', cal).period).toMatchObject({ start: '2025-11-01', end: '2025-11-30' });
    expect(understand('上个月的订单', cal).period).toMatchObject({ start: '2025-11-01', end: '2025-11-30' });
    expect(understand('sales this quarter', cal).period).toMatchObject({ start: '2025-10-01', end: '2025-12-20' });
    expect(understand('本季度的销售额', cal).period).toMatchObject({ start: '2025-10-01', end: '2025-12-20' });
    // The default is the overview's latest full month: a month ending on the 28th is not yet full.
    expect(understand('sales by channel', { ...cal, maxDate: '2025-12-28' }).period).toMatchObject(month('2025-11'));
  });
});

describe('what moved underneath a flat total is a why question', () => {
  const cases: [string, string, unknown][] = [
    ["September orders were flat year on year; what's going on beneath?", '2025-09', 'previous_year'],
    ['八月销售额同比持平，背后发生了什么？', '2025-08', 'previous_year'],
    ['Total sales in April did not change, but did anything move underneath?', '2025-04', 'previous_period'],
    ['6月和5月差不多，内部有什么变化？', '2025-06', month('2025-05')],
  ];
  it.each(cases)('%s', (q, asked, base) => {
    const i = understand(q, cal);
    expect(i.kind).toBe('why');
    expect(i.period).toMatchObject(month(asked));
    expect(i.compare_to).toMatchObject(base as object);
  });
});

describe('a question the data has no input for', () => {
  const lacking: [string, string][] = [
    ['What ROAS did our Instagram traffic bring in June?', 'ad_spend'],
    ['How much return did our eBay ads make on spend — ROAS for 2024?', 'ad_spend'],
    ['亚马逊广告去年的投产比是多少？', 'ad_spend'],
    ['各国家的广告投产比是多少？', 'ad_spend'],
    ['What is our customer acquisition cost?', 'ad_spend'],
    ['How popular are bikinis on Google Trends?', 'search_trends'],
    ['比基尼的百度指数怎么样', 'search_trends'],
    ['How do people feel about our brand on social media — sentiment?', 'sentiment'],
    ['最近社交媒体上的舆情如何？', 'sentiment'],
    ['What was our net profit in 2025?', 'net_profit'],
    ['2025年的净利润是多少', 'net_profit'],
  ];
  it.each(lacking)('%s', (q, what) => {
    const i = understand(q, cal);
    expect(i.kind).toBe('unsupported');
    expect(i.unsupported).toBe('not_in_data');
    expect(i.lacking).toBe(what);
  });

  it('goes to the campaigns template where budgets can answer', () => {
    for (const q of [
      'What was our return on ad spend in Q3?',
      'ROI of the spring email campaign',
      '活动的投产比如何',
      'Did the Holiday Gift Guide make back its budget?',
      'Which promotion on Amazon had the best ROAS in 2025?',
    ]) {
      expect(understand(q, cal).kind).toBe('campaigns');
    }
    // Gross profit is in the data (products.cost): answered, not refused.
    expect(understand('gross profit by channel last month', cal).kind).toBe('breakdown');
  });
});

describe('end to end on an unseen warehouse', () => {
  const data: DataRange = { minDate: '2023-05-01', maxDate: '2024-04-30' };
  let db: Db;
  beforeAll(() => {
    db = openSqlite(buildFixture({ seed: 17, ...data, perDay: 4 }));
  });
  afterAll(async () => {
    await db?.close();
  });
  async function ask(question: string) {
    const r = await runTurnWithTranscript({
      question,
      history: [],
      user: { id: 'u', role: 'analyst' },
      provider: createOfflineProvider(),
      tools,
      ctx: { db, data },
    });
    return r.summary;
  }

  it('says first what the data lacks, runs nothing, and offers the nearest questions', async () => {
    const en = await ask('What is the ROAS of our Facebook ads?');
    expect(en.steps).toEqual([]);
    expect(en.answer).toMatch(/^The data has no ad spend/);
    expect(en.answer).toMatch(/ROAS and ROI of each campaign/);
    const zh = await ask('我们的净利润是多少？');
    expect(zh.steps).toEqual([]);
    expect(zh.answer).toMatch(/^数据中没有运费/);
    expect(zh.answer).toMatch(/各渠道的毛利率/);
  });

  it('the note on an unnamed period says what was used', async () => {
    const trend = await ask('Show the sales trend');
    expect(trend.answer).not.toMatch(/latest full month/);
    expect(trend.answer).toMatch(/No period was named, so I used 2023-05-01 to 2024-04-30/);
    const month = await ask('各渠道的销售额');
    expect(month.answer).toMatch(/默认使用数据中最近的完整月份：2024年4月/);
  });
});
