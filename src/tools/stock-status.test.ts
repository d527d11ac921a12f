import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/types.ts';
import { fixtureSqlite } from '../../test/parity/support.ts';
import { addDaysTo } from '../calendar/index.ts';
import { daysOut, intervalsFromDays, planStockStatus, StockStatusInput, stockStatus } from './stock-status.ts';
import type { ToolContext } from './types.ts';

const data = { minDate: '2025-01-01', maxDate: '2025-03-20' };

describe('stock_status pieces', () => {
  it('counts whole days from the stock-out day up to (not including) the restock day, inside the period', () => {
    const p = { from: '2025-02-01', to: '2025-02-28' };
    expect(daysOut([{ change_date: '2025-02-10 14:00:00', next_date: '2025-02-13 09:00:00' }], p)).toBe(3);
    expect(daysOut([{ change_date: '2025-01-20 00:00:00', next_date: '2025-02-03 00:00:00' }], p)).toBe(2);
    expect(daysOut([{ change_date: '2025-02-25 00:00:00', next_date: null }], p)).toBe(4);
    expect(
      daysOut(
        [
          { change_date: '2025-02-01 00:00:00', next_date: '2025-02-05 00:00:00' },
          { change_date: '2025-02-03 00:00:00', next_date: '2025-02-06 00:00:00' },
        ],
        p,
      ),
    ).toBe(5);
  });

  it('ranks on the period plus the 90 days before it', () => {
    const p = planStockStatus(StockStatusInput.parse({ period: '2025-03' }), 'sqlite', data);
    expect(p.pre).toEqual({ from: '2024-12-01', to: '2025-02-28' });
  });
});

interface StockRecord {
  id: number;
  at: string;
  stock: number | null;
}

/** What stockIntervalsQuery returns for one SKU's records: each record at ≤ 0 until the next, overlapping the period. */
function baseIntervals(records: StockRecord[], p: { from: string; to: string }) {
  const hi = addDaysTo(p.to, 1);
  const rs = records.filter((r) => r.at < hi).sort((a, b) => (a.at === b.at ? a.id - b.id : a.at < b.at ? -1 : 1));
  return rs
    .map((r, i) => ({ r, next: rs[i + 1]?.at ?? null }))
    .filter(({ r, next }) => r.stock !== null && r.stock <= 0 && (next === null || next >= p.from))
    .map(({ r, next }) => ({ change_date: r.at, next_date: next }));
}

/** daily_stock's rows for the same records (last record's stock per day, records at ≤ 0) as stockDaysQuery keeps them. */
function dayRows(records: StockRecord[], p: { from: string; to: string }) {
  const byDay = new Map<string, StockRecord[]>();
  for (const r of records) byDay.set(r.at.slice(0, 10), [...(byDay.get(r.at.slice(0, 10)) ?? []), r]);
  const rows = [...byDay.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([day, rs]) => {
      const last = rs.sort((a, b) => (a.at === b.at ? a.id - b.id : a.at < b.at ? -1 : 1)).at(-1)!;
      const out = rs.filter((r) => r.stock !== null && r.stock <= 0).length;
      return { product_id: 1, day, closing_stock: last.stock, out_records: out };
    });
  const before = rows.filter((r) => r.day < p.from).at(-1);
  const read = [
    ...(before ? [{ ...before, out_records: 0 }] : []),
    ...rows.filter((r) => r.day >= p.from && r.day <= p.to),
  ];
  return read
    .map((r, i) => ({ ...r, next_day: read[i + 1]?.day ?? null }))
    .filter((r) => (r.closing_stock !== null && r.closing_stock <= 0) || r.out_records > 0);
}

describe('stock-outs from daily_stock', () => {
  const p = { from: '2025-02-01', to: '2025-02-28' };
  const at = (day: string, hour: number) => `${day} ${String(hour).padStart(2, '0')}:00:00`;

  it('find the same days out and the same SKUs as the intervals of inventory_records', () => {
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let trial = 0; trial < 400; trial++) {
      const records: StockRecord[] = Array.from({ length: 1 + rand(12) }, (_, id) => ({
        id,
        // Records before, inside and after the period, several on a day, some at the same time.
        at: at(addDaysTo('2025-01-20', rand(50)), rand(3) * 8),
        stock: rand(9) === 0 ? null : rand(3) === 0 ? -rand(2) : rand(20),
      }));
      const base = baseIntervals(records, p);
      const fromDays = intervalsFromDays(dayRows(records, p), p.from).get(1);
      const label = JSON.stringify(records);
      expect(fromDays !== undefined, label).toBe(base.length > 0);
      if (fromDays) expect(daysOut(fromDays, p), label).toBe(daysOut(base, p));
    }
  });

  it('list a SKU restocked the same day it ran out, with no whole day out', () => {
    const records = [
      { id: 1, at: at('2025-02-03', 8), stock: 0 },
      { id: 2, at: at('2025-02-03', 16), stock: 5 },
    ];
    const got = intervalsFromDays(dayRows(records, p), p.from).get(1);
    expect(got).toEqual([]);
    expect(baseIntervals(records, p)).toHaveLength(1);
  });

  it('carry a stock-out into the period from the last day that moved the SKU before it', () => {
    const got = intervalsFromDays(dayRows([{ id: 1, at: at('2025-01-25', 8), stock: 0 }], p), p.from).get(1)!;
    expect(daysOut(got, p)).toBe(28);
  });
});

describe('stock_status on the fixture', () => {
  let db: Db;
  let ctx: ToolContext;
  beforeAll(async () => ({ db, ctx } = await fixtureSqlite()));
  afterAll(async () => db.close());

  it('finds the planted stock-outs and estimates what they cost', async () => {
    const r = await stockStatus.run(StockStatusInput.parse({ period: '2025-02' }), ctx);
    const out = r.rows
      .filter((x) => (x.days_out_of_stock as number) > 0)
      .map((x) => x.sku)
      .sort();
    expect(out).toEqual(expect.arrayContaining(['SKU-3', 'SKU-6', 'SKU-9']));
    for (const x of r.rows) if ((x.days_out_of_stock as number) === 0) expect(x.est_lost_sales).toBe(0);
    expect(r.untrustedText).toBe(true);
  });

  it('says "nothing was out of stock" as text and a threshold finding when no SKU had a day at zero', async () => {
    const r = await stockStatus.run(StockStatusInput.parse({ period: { from: '2025-01-05', to: '2025-01-20' } }), ctx);
    expect(r.rows.every((x) => x.days_out_of_stock === 0)).toBe(true);
    expect(r.summary).toMatch(/^Nothing was out of stock in 2025-01-05 to 2025-01-20/);
    expect(r.findings).toContainEqual(
      expect.objectContaining({ kind: 'threshold', condition: 'out_of_stock', holds: false, items: [] }),
    );
    expect(r.charts).toEqual([]);
  });

  it('stock status: current stock, days of cover and the stock-outs, text, chart and finding from the same rows', async () => {
    const r = await stockStatus.run(StockStatusInput.parse({ period: '2025-02' }), ctx);
    expect(r.columns).toEqual(expect.arrayContaining(['stock_now', 'days_of_cover', 'days_out_of_stock']));
    for (const x of r.rows) if (x.days_of_cover !== null) expect(x.days_of_cover).toBeGreaterThan(0);
    const out = r.rows.filter((x) => (x.days_out_of_stock as number) > 0);
    const t = r.findings!.find((f) => f.kind === 'threshold');
    expect(t).toMatchObject({ holds: true, items: out.map((x) => x.product_name) });
    expect(r.findings).toContainEqual(
      expect.objectContaining({ kind: 'count', condition: 'out_of_stock', count: out.length }),
    );
    expect(r.summary).toContain(`${out.length} were out of stock on at least one day`);
    for (const x of out) expect(r.summary).toContain(`${x.sku} ${x.product_name}: ${x.days_out_of_stock} of 28 days`);
    const chart = JSON.stringify(r.charts[0]);
    for (const x of out) expect(chart).toContain(String(x.sku));
    expect(r.summary).toMatch(/Now: none at zero stock; fewest days of cover: SKU-\d+ [\d.]+ days/);
  });

  it('lists every SKU with a day at zero stock, not only the top n sellers', async () => {
    const r = await stockStatus.run(StockStatusInput.parse({ period: '2025-02', n: 1 }), ctx);
    const out = r.rows.filter((x) => (x.days_out_of_stock as number) > 0).map((x) => x.sku);
    expect(out).toEqual(expect.arrayContaining(['SKU-3', 'SKU-6', 'SKU-9']));
    expect(r.findings).toContainEqual(
      expect.objectContaining({ kind: 'count', condition: 'out_of_stock', count: out.length }),
    );
  });
});
