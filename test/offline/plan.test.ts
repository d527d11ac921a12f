// Planned calls validate against the real tools' zod schemas; errors are repaired once; why falls back
// when explain_change is absent or fails.
import { describe, expect, it } from 'vitest';
import { toolSpecs } from '../../src/tools/dispatch.ts';
import { tools, toolsByName } from '../../src/tools/registry.ts';
import { decide } from '../../src/agent/offline/index.ts';
import { plan } from '../../src/agent/offline/plan/plan.ts';
import { repair } from '../../src/agent/offline/plan/repair.ts';
import { understand, understandAll } from '../../src/agent/offline/understand/understand.ts';
import type { Message, ToolSpec } from '../../src/agent/providers/types.ts';

const data = { minDate: '2024-01-01', maxDate: '2025-12-31' };
const specs = toolSpecs(tools);

const questions = [
  'What were sales in July?',
  'AOV in Q2 2025 vs last year',
  'sales by channel last month',
  '各国家的销售额同比',
  'conversion rate by device in June',
  'top 10 products by units',
  'worst 5 bikinis in July',
  '销量前十的比基尼',
  'daily sales in July on Amazon',
  'weekly sessions from Instagram',
  'why did July drop?',
  '为什么上个月订单量下降了',
  'funnel by device last month',
  'campaign performance this year',
  'price changes impact',
  'stock outs last month',
  'new vs returning customers by country',
  'cohort retention',
  'RFM segments',
  'return reasons by category',
  'what data do you have?',
  'sales in Canada for swimwear on mobile in Q3 2025',
  'sales from 2025-03-01 to 2025-04-15',
  'refunds last 30 days',
  'gross margin by category this year',
  '上周的流量',
];

describe('plan', () => {
  it.each(questions)('every planned call for "%s" validates against its tool schema', (q) => {
    const calls = plan(understand(q, data), specs);
    for (const c of calls) {
      const tool = toolsByName.get(c.name);
      expect(tool, `${c.name} is in the registry`).toBeDefined();
      const r = tool!.inputSchema.safeParse(c.input);
      expect(r.success, `${c.name} ${JSON.stringify(c.input)}: ${r.success ? '' : r.error.message}`).toBe(true);
    }
  });

  it('follow-up chains plan valid calls too', () => {
    const intents = understandAll(
      [
        'sales by category in Q2 2025',
        'drill into swimwear',
        'drill into bikinis',
        'only Amazon?',
        'show it by week',
        'and last year?',
      ],
      data,
    );
    for (const i of intents) {
      for (const c of plan(i, specs))
        expect(toolsByName.get(c.name)!.inputSchema.safeParse(c.input).success).toBe(true);
    }
  });

  it('maps intents onto the template inputs', () => {
    expect(plan(understand('sales by channel in July', data), specs)).toMatchObject([
      {
        name: 'breakdown',
        input: { metric: 'net_sales', by: 'channel', period: '2025-07', compare_to: 'previous_period' },
      },
    ]);
    expect(plan(understand('worst 5 products in Q2 2025', data), specs)).toMatchObject([
      { name: 'top_products', input: { n: 5, direction: 'bottom', period: '2025-Q2' } },
    ]);
    expect(plan(understand('7月销售额同比', data), specs)).toMatchObject([
      { name: 'compare_periods', input: { period: '2025-07', compare_to: 'previous_year' } },
    ]);
  });

  it('why-questions use explain_change when offered, else compare_periods plus breakdowns', () => {
    const why = understand('why did July drop?', data);
    const withExplain: ToolSpec[] = [
      ...specs,
      {
        name: 'explain_change',
        description: '',
        inputSchema: {
          type: 'object',
          properties: { metric: { type: 'string' }, period: {}, compare_to: {}, channel: {} },
          additionalProperties: false,
        },
      },
    ];
    expect(plan(why, withExplain).map((c) => c.name)).toEqual(['explain_change']);
    const names = plan(
      why,
      specs.filter((s) => s.name !== 'explain_change'),
    ).map((c) => c.name);
    expect(names).toEqual(['compare_periods', 'breakdown', 'breakdown']);
  });

  it('drops a key the schema has no place for and reports it', () => {
    const spec: ToolSpec = {
      name: 'compare_periods',
      description: '',
      inputSchema: {
        type: 'object',
        properties: { period: { type: 'string' }, metrics: { type: 'array', items: { type: 'string' } } },
        additionalProperties: false,
      },
    };
    const [c] = plan(understand('Amazon sales in July', data), [spec]);
    expect(c.input).toEqual({ period: '2025-07', metrics: ['net_sales', 'orders', 'aov'] });
    expect(c.dropped).toContain('channel');
  });

  it('repairs once by dropping the optional key an error names, and gives up otherwise', () => {
    const call = {
      name: 'breakdown',
      input: { metric: 'net_sales', by: 'channel', category: 'Surfboards', period: '2025-07' },
    };
    expect(
      repair(call, { code: 'bad_input', message: 'unknown category "Surfboards"; use one of Swimwear, …' })?.input,
    ).toEqual({ metric: 'net_sales', by: 'channel', period: '2025-07' });
    expect(
      repair(call, { code: 'bad_input', message: 'invalid input for breakdown: category: too long' })?.input,
    ).not.toHaveProperty('category');
    expect(repair(call, { code: 'db_error', message: 'SQLite: disk I/O error' })).toBeNull();
  });
});

describe('decide: the provider as a function of the conversation', () => {
  const q = (text: string): Message => ({ role: 'user', content: [{ text }] });

  it('plans, repairs a rejected call once, then answers with what worked', () => {
    const first = decide([q('Sales by channel in July for surfboards')], specs, data);
    expect(first.calls.length).toBe(1);
    const messages: Message[] = [
      q('Sales by channel in July'),
      {
        role: 'assistant',
        content: [
          {
            toolUse: {
              toolUseId: 'a',
              name: 'breakdown',
              input: { metric: 'net_sales', by: 'channel', period: '2025-07', country: 'Atlantis' },
            },
          },
        ],
      },
      {
        role: 'user',
        content: [
          {
            toolResult: {
              toolUseId: 'a',
              status: 'error',
              content: [
                {
                  text: JSON.stringify({
                    error: { code: 'bad_input', message: 'country "Atlantis" is not in the data' },
                  }),
                },
              ],
            },
          },
        ],
      },
    ];
    const second = decide(messages, specs, data);
    expect(second.round).toBe(1);
    expect(second.calls).toHaveLength(1);
    expect(second.calls[0].input).not.toHaveProperty('country');
    messages.push(
      {
        role: 'assistant',
        content: [{ toolUse: { toolUseId: 'b', name: 'breakdown', input: second.calls[0].input } }],
      },
      {
        role: 'user',
        content: [
          {
            toolResult: {
              toolUseId: 'b',
              status: 'error',
              content: [{ text: JSON.stringify({ error: { code: 'db_error', message: 'database is locked' } }) }],
            },
          },
        ],
      },
    );
    const third = decide(messages, specs, data);
    expect(third.calls).toEqual([]);
    expect(third.text).toMatch(/could not run: database is locked/);
  });

  it('falls back from a failing explain_change to compare_periods and breakdowns', () => {
    const messages: Message[] = [
      q('why did sales drop in July?'),
      {
        role: 'assistant',
        content: [
          { toolUse: { toolUseId: 'x', name: 'explain_change', input: { metric: 'net_sales', period: '2025-07' } } },
        ],
      },
      {
        role: 'user',
        content: [
          {
            toolResult: {
              toolUseId: 'x',
              status: 'error',
              content: [{ text: JSON.stringify({ error: { code: 'query_timeout', message: 'ran past 30000 ms' } }) }],
            },
          },
        ],
      },
    ];
    expect(decide(messages, specs, data).calls.map((c) => c.name)).toEqual([
      'compare_periods',
      'breakdown',
      'breakdown',
    ]);
  });

  it('is deterministic', () => {
    const m = [
      q('top 5 products last month'),
      { role: 'assistant' as const, content: [{ text: 'x' }] },
      q('only Amazon?'),
    ];
    expect(decide(m, specs, data)).toEqual(decide(m, specs, data));
  });
});
