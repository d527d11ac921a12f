// The reader is strict on purpose: a malformed doc fails with its file and line instead of vanishing.
import { describe, expect, it } from 'vitest';
import { parseExample, parseGlossary, parseMetric, parseTable } from './parse.ts';

const TABLE = `# orders

One row per order.

## Columns

- \`order_id\`: Order id.
- \`channel\`: Sales channel,
  continued on a second line.
  - values: \`own_website\`, \`amazon\`
  - added: channel reporting.

## Joins

- \`orders.user_id = users.user_id\`: the customer.
`;

describe('schema-docs reader', () => {
  it('reads a table file with columns, values, additions and joins', () => {
    const t = parseTable('tables/orders.md', TABLE);
    expect(t.summary).toBe('One row per order.');
    expect(t.columns[1]).toMatchObject({
      name: 'channel',
      description: 'Sales channel, continued on a second line.',
      values: ['own_website', 'amazon'],
      added: 'channel reporting.',
    });
    expect(t.joins).toEqual([{ on: 'orders.user_id = users.user_id', note: 'the customer.' }]);
  });

  it.each([
    [
      'an unknown column key',
      TABLE.replace('  - added:', '  - addded:'),
      /tables\/orders\.md:11: unknown column key "addded"/,
    ],
    ['an unknown section', TABLE.replace('## Joins', '## Links'), /unknown section "Links"/],
    [
      'a column without backticks',
      TABLE.replace('- `order_id`: Order id.', '- order_id: Order id.'),
      /tables\/orders\.md:7: a column reads/,
    ],
    ['a duplicate column', TABLE.replace('- `channel`:', '- `order_id`:'), /documented twice/],
    ['a third-level heading', TABLE.replace('## Joins', '### Joins'), /use only "#" and "##" headings/],
    ['a missing summary', TABLE.replace('One row per order.\n', ''), /say what one row is/],
    ['a malformed join', TABLE.replace('orders.user_id = users.user_id', 'orders to users'), /a join reads/],
  ])('rejects %s', (_, src, msg) => {
    expect(() => parseTable('tables/orders.md', src)).toThrow(msg);
  });

  it('rejects a metric without counting rules or with two SQL blocks', () => {
    const m = `# units\n\n- name: Units\n- 中文: 销量\n- unit: units\n- date: orders.order_date\n- expression: \`SUM(oi.quantity)\`\n\n## Definition\n\nUnits.\n\n## Counting\n\n- cancelled: excluded.\n\n## SQL\n\n\`\`\`sql\nSELECT 1\n\`\`\`\n`;
    expect(parseMetric('metrics/units.md', m).counting).toEqual([{ key: 'cancelled', text: 'excluded.' }]);
    expect(() => parseMetric('metrics/units.md', m.replace('## Counting', '## Countin'))).toThrow(
      /unknown section "Countin"/,
    );
    expect(() => parseMetric('metrics/units.md', m + '\n```sql\nSELECT 2\n```\n')).toThrow(/exactly one ```sql block/);
    expect(() => parseMetric('metrics/units.md', m.replace('- unit: units\n', ''))).toThrow(/missing "- unit: …"/);
  });

  it('reads a glossary table and checks its header and row widths', () => {
    const g = `# Terms\n\n| Term | 中文 | Meaning | Maps to |\n|---|---|---|---|\n| YoY / year over year | 同比 | Same period last year. | compare_to:previous_year |\n`;
    expect(parseGlossary('glossary/t.md', g)[0]).toMatchObject({
      terms: ['YoY', 'year over year'],
      zh: ['同比'],
      mapsTo: 'compare_to:previous_year',
    });
    expect(() => parseGlossary('glossary/t.md', g.replace('| Maps to |', '| Target |'))).toThrow(/header/);
    expect(() => parseGlossary('glossary/t.md', g.replace('compare_to:previous_year |', 'x | y |'))).toThrow(
      /glossary\/t\.md:5: table row has 5 cells/,
    );
  });

  it('reads an example and rejects one without an answer or with broken JSON', () => {
    const e = `# T\n\n- question: Sales?\n- 问题: 销售额？\n- tool: sales_trend\n\n\`\`\`json\n{"period": "2025"}\n\`\`\`\n`;
    expect(parseExample('examples/t.md', e)).toMatchObject({ id: 't', tool: 'sales_trend', input: { period: '2025' } });
    expect(() => parseExample('examples/t.md', e.replace(/```json[\s\S]*```\n/, ''))).toThrow(/needs the tool input/);
    expect(() => parseExample('examples/t.md', e.replace('"2025"}', '"2025"'))).toThrow(/json input does not parse/);
    expect(() =>
      parseExample('examples/t.md', `# T\n\n- question: Q\n- tool: run_sql\n\n\`\`\`sql\nSELECT 1\n\`\`\`\n`),
    ).toThrow(/missing "- 问题/);
  });

  it('rejects an unclosed code fence with the line it opened on', () => {
    expect(() =>
      parseExample('examples/t.md', `# T\n\n- question: Q\n- 问题: 问\n- tool: run_sql\n\n\`\`\`sql\nSELECT 1\n`),
    ).toThrow(/examples\/t\.md:7: code fence is not closed/);
  });
});
