import { describe, expect, it } from 'vitest';
import { ANALYTICS_TABLES } from '../warehouse/schema.ts';
import { readSchemaDocs, renderForPrompt, METRIC_IDS } from './index.ts';
import { pickExamples } from './render.ts';

describe('renderForPrompt', () => {
  const mysql = renderForPrompt({ dialect: 'mysql' });
  const sqlite = renderForPrompt({ dialect: 'sqlite' });

  it("keeps only the active dialect's SQL notes", () => {
    expect(mysql).toContain("DATE_FORMAT(o.order_date, '%Y-%m')");
    expect(mysql).not.toMatch(/strftime/);
    expect(sqlite).toContain("strftime('%Y-%m', o.order_date)");
    expect(sqlite).not.toContain('DATE_FORMAT(o.order_date');
  });

  it('lists every table, every metric and marks personal columns as unavailable without describing them', () => {
    for (const t of ANALYTICS_TABLES) expect(mysql).toContain(`### ${t.name}\n`);
    for (const id of METRIC_IDS) expect(mysql).toContain(`- ${id} — `);
    expect(mysql).toContain('- email: PERSONAL, not available');
    expect(mysql).toContain('- shipping_address: PERSONAL, not available');
    expect(mysql).toMatch(/销售额.*→ metric:net_sales/);
  });

  it('spreads its examples over different tools', () => {
    const picked = pickExamples(readSchemaDocs().examples, 6);
    expect(new Set(picked.map((e) => e.tool)).size).toBe(6);
  });
});
