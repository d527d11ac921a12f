// The docs and src/warehouse/schema.ts must agree: every analytics column documented, no documented column
// that does not exist, personal and added flags in step, every metric id defined.
import { describe, expect, it } from 'vitest';
import { ANALYTICS_TABLES, APP_TABLES, INTERNAL_TABLE_PREFIX, TABLES, type Table } from '../warehouse/schema.ts';
import {
  loadSchemaDocs,
  readSchemaDocs,
  renderForPrompt,
  schemaDocProblems,
  METRIC_IDS,
  type SchemaDocs,
} from './index.ts';

const docs = readSchemaDocs();

function clone(d: SchemaDocs): SchemaDocs {
  return structuredClone(d);
}

describe('schema-docs completeness', () => {
  it('documents exactly the analytics columns of src/warehouse/schema.ts, with matching personal and added flags', () => {
    expect(schemaDocProblems(docs)).toEqual([]);
    const documented = docs.tables.flatMap((t) => t.columns.map((c) => `${t.name}.${c.name}`)).sort();
    const schema = ANALYTICS_TABLES.flatMap((t) => t.columns.map((c) => `${t.name}.${c.name}`)).sort();
    expect(documented).toEqual(schema);
  });

  it('explains every column added to the original design', () => {
    const added = ANALYTICS_TABLES.flatMap((t) => t.columns.filter((c) => c.added).map((c) => `${t.name}.${c.name}`));
    expect(added.length).toBeGreaterThan(10);
    for (const name of added) {
      const [t, c] = name.split('.');
      const why = docs.tables.find((x) => x.name === t)!.columns.find((x) => x.name === c)!.added;
      expect(why, name).toMatch(/\w{3,}.*\w{3,}/);
    }
  });

  it('defines every metric id with cancelled, discount and refund rules, EN and 中文 names and a date', () => {
    expect(docs.metrics.map((m) => m.id)).toEqual([...METRIC_IDS]);
    for (const m of docs.metrics) {
      expect(m.zh.join('')).toMatch(/[\u4e00-\u9fff]/);
      expect(m.counting.map((c) => c.key)).toEqual(expect.arrayContaining(['cancelled', 'discounts', 'refunds']));
      expect(m.date).toMatch(/\w+\.\w+/);
    }
    const net = docs.metrics.find((m) => m.id === 'net_sales')!;
    expect(net.zh).toContain('销售额');
    expect(net.definition).toMatch(/gross sales/i);
  });

  it('never documents the app tables or the generator tables for the model, but knows they exist', () => {
    const hidden = [...APP_TABLES.map((t) => t.name), `${INTERNAL_TABLE_PREFIX}events`];
    expect(APP_TABLES.map((t) => t.name)).toEqual(['platform_users', 'user_sessions']);
    for (const name of hidden) expect(docs.tables.some((t) => t.name === name)).toBe(false);
    for (const dialect of ['mysql', 'sqlite'] as const) {
      const prompt = renderForPrompt({ dialect });
      for (const name of hidden) expect(prompt).not.toContain(name);
      expect(prompt).not.toContain('password_hash');
    }
    // Documenting one of them is itself a problem the check reports.
    const bad = clone(docs);
    bad.tables.push({
      name: 'platform_users',
      file: 'tables/platform_users.md',
      summary: 'x',
      columns: [],
      joins: [],
      caveats: [],
    });
    expect(schemaDocProblems(bad).join('\n')).toMatch(/platform_users is unreachable/);
  });

  it('reports an undocumented column, a documented column that does not exist, and a missing metric', () => {
    const bad = clone(docs);
    const orders = bad.tables.find((t) => t.name === 'orders')!;
    orders.columns = orders.columns.filter((c) => c.name !== 'channel');
    orders.columns.push({ name: 'province', description: 'gone', line: 99 });
    bad.metrics = bad.metrics.filter((m) => m.id !== 'refunds');
    const p = schemaDocProblems(bad).join('\n');
    expect(p).toMatch(/orders\.channel is not documented/);
    expect(p).toMatch(/orders\.province, which does not exist/);
    expect(p).toMatch(/metric refunds has no metrics\/refunds\.md/);
  });

  it('reports a column of a new schema table or a new column that the docs miss', () => {
    const schema: Table[] = structuredClone(TABLES);
    schema.find((t) => t.name === 'reviews')!.columns.push({ name: 'helpful_votes', type: { kind: 'int' } });
    expect(schemaDocProblems(docs, schema)).toEqual([
      expect.stringMatching(/reviews\.helpful_votes is not documented/),
    ]);
  });

  it('flags personal columns that are not marked personal in the docs', () => {
    const bad = clone(docs);
    delete bad.tables.find((t) => t.name === 'users')!.columns.find((c) => c.name === 'email')!.personal;
    expect(schemaDocProblems(bad).join('\n')).toMatch(/users\.email is personal/);
  });

  it('caches the parsed docs', () => {
    expect(loadSchemaDocs()).toBe(loadSchemaDocs());
  });
});
