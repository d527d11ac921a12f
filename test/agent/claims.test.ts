// The loop checks the answer's claims against the findings its tools attached, beside the number check.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runTurnWithTranscript } from '../../src/agent/loop.ts';
import { BedrockProvider } from '../../src/agent/providers/bedrock.ts';
import type { SqliteDb } from '../../src/db/sqlite.ts';
import type { TurnEvent } from '../../src/protocol/turn.ts';
import { extremeOf, shareOf } from '../../src/tools/findings.ts';
import type { Tool } from '../../src/tools/types.ts';
import { FakeBedrock } from '../../eval/fake-bedrock/server.ts';
import { salesByCountry, tinyWarehouse } from './fixtures.ts';

let fake: FakeBedrock;
let db: SqliteDb;
beforeAll(async () => {
  fake = await FakeBedrock.start();
  db = await tinyWarehouse();
});
afterAll(async () => {
  await fake.close();
  await db.close();
});
beforeEach(() => fake.reset());

// sales_by_country with findings: each country's share of the month and the largest and smallest country.
const withFindings: Tool = {
  ...salesByCountry,
  async run(input, ctx) {
    const r = await salesByCountry.run(input, ctx);
    const total = r.rows.reduce((s, x) => s + Number(x.net_sales), 0);
    const findings = [
      ...shareOf(r.rows, 'country', 'net_sales', total, { metric: 'net_sales' }),
      ...extremeOf(r.rows, 'country', 'net_sales', { metric: 'net_sales', over: 'country' }),
    ];
    return { ...r, findings };
  },
};

function turn(question: string) {
  const events: TurnEvent[] = [];
  const provider = new BedrockProvider({
    modelId: 'us.anthropic.claude-3-5-haiku-20241022-v1:0',
    region: 'us-east-1',
    endpoint: fake.endpoint,
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'x' },
    retry: { attempts: 3, baseMs: 1, maxMs: 5 },
  });
  const run = runTurnWithTranscript({
    question,
    history: [],
    user: { id: 'u1', role: 'analyst' },
    provider,
    tools: [withFindings],
    ctx: { db, data: { minDate: '2025-06-01', maxDate: '2025-07-31' } },
    conversationId: 'c1',
    onEvent: (e) => events.push(e),
  });
  return { run, events };
}

describe('claims in a turn', () => {
  it('sorts the answer claims, emits a claims event and keeps them on the summary', async () => {
    // July: United States 200.25, United Kingdom 45.75 (81.4 % and 18.6 % of 246).
    fake.script(
      { reply: { toolUses: [{ name: 'sales_by_country', input: { month: '2025-07' }, toolUseId: 'c1' }] } },
      {
        reply: {
          text: ['United States had the highest net sales, 81.4% of the total. United Kingdom is 30% of the total.'],
        },
      },
    );
    const { run, events } = turn('Sales by country in July?');
    const { summary } = await run;
    expect(summary.claims?.verified.map((c) => c.sentence)).toEqual([
      'United States had the highest net sales, 81.4% of the total.',
    ]);
    expect(summary.claims?.contradicted).toEqual([
      {
        sentence: 'United Kingdom is 30% of the total.',
        kinds: ['share'],
        reason: 'United Kingdom is 18.6% of the total, not 30%',
      },
    ]);
    expect(events.find((e) => e.type === 'claims')).toEqual({ type: 'claims', claims: summary.claims });
  });

  it('emits no claims event for an answer without claims', async () => {
    fake.script(
      { reply: { toolUses: [{ name: 'sales_by_country', input: { month: '2025-07' }, toolUseId: 'c2' }] } },
      { reply: { text: ['Net sales in July were 246.'] } },
    );
    const { run, events } = turn('Sales in July?');
    const { summary } = await run;
    expect(summary.claims).toEqual({ verified: [], unverified: [], contradicted: [] });
    expect(events.some((e) => e.type === 'claims')).toBe(false);
  });
});
