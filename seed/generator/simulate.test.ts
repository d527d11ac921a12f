// A stock-out removes its SKUs' lines and nothing else: every other line keeps its return draw, so the
// manifest's counterfactual (the same run without the event) differs from the real one by the event's
// own effect. Before return draws were keyed by cart slot, an order that lost its first line re-drew
// the returns of the lines after it, and a return-rate stock-out's "effect" was mostly that noise.
import { describe, expect, it } from 'vitest';
import type { ScenarioEvent } from '../scenarios/schema.ts';
import { generate } from './index.ts';
import type { RowSink, Value } from './sink.ts';

interface Lines {
  sold: Map<number, number>;
  returned: Map<number, number>;
}

/** Lines sold and returned per product (order_items: id, order, product…; returns: id, order, item…). */
async function linesByProduct(events: ScenarioEvent[]): Promise<Lines> {
  const productOfItem = new Map<number, number>();
  const sold = new Map<number, number>();
  const returned = new Map<number, number>();
  const bump = (m: Map<number, number>, p: number) => m.set(p, (m.get(p) ?? 0) + 1);
  const sink: RowSink = {
    add(table: string, row: Value[]) {
      if (table === 'order_items') {
        productOfItem.set(row[0] as number, row[2] as number);
        bump(sold, row[2] as number);
      }
      if (table === 'returns') bump(returned, productOfItem.get(row[2] as number)!);
    },
    flush: async () => {},
  };
  await generate({ seed: 7, scale: 1, from: '2025-05-01', to: '2025-07-31', events, light: true }, sink);
  return { sold, returned };
}

const moved = (a: Map<number, number>, b: Map<number, number>) =>
  [...new Set([...a.keys(), ...b.keys()])].filter((p) => a.get(p) !== b.get(p));

describe('generator: a stock-out leaves other lines alone', () => {
  it('changes the returns only of products whose sales it changed', async () => {
    const stockout: ScenarioEvent = {
      id: 'out',
      kind: 'stockout',
      description: 'the top bikinis sell out for a fortnight',
      start: '2025-06-01',
      end: '2025-06-30',
      segment: { category: 'Swimwear', top: 25 },
      magnitude: 1,
    } as ScenarioEvent;
    const [base, out] = await Promise.all([linesByProduct([]), linesByProduct([stockout])]);
    const soldMoved = new Set(moved(base.sold, out.sold));
    expect(soldMoved.size).toBeGreaterThan(0);
    // A product that sold the same lines but returned a different number had its returns re-drawn.
    expect(moved(base.returned, out.returned).filter((p) => !soldMoved.has(p))).toEqual([]);
  }, 60_000);
});
