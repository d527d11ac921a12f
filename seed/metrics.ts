// Aggregates the scenario's target metric in memory from the generated rows (no database): the
// manifest compares runs with and without each event, and the loading run tees into it too.
import type { ManifestMetric } from './scenarios/schema.ts';
import type { RowSink, Value } from './generator/sink.ts';

export interface Period {
  from: string;
  to: string;
}

interface Acc {
  net: number;
  gross: number;
  discount: number;
  orders: number;
  first: number;
  units: number;
  cogs: number;
  sessions: number;
  ownOrders: number;
  refunds: number;
  returnedOrders: number;
}

const empty = (): Acc => ({
  net: 0,
  gross: 0,
  discount: 0,
  orders: 0,
  first: 0,
  units: 0,
  cogs: 0,
  sessions: 0,
  ownOrders: 0,
  refunds: 0,
  returnedOrders: 0,
});

/** Column positions follow src/warehouse/schema.ts. */
export class MetricSink implements RowSink {
  private readonly acc: Acc[];
  /** Distinct customers per period: new_customer_share counts each customer once (schema-docs). */
  private readonly customers: Array<Set<number>>;
  private current: { id: number; periods: number[]; cancelled: boolean; returned: boolean } = {
    id: 0,
    periods: [],
    cancelled: true,
    returned: false,
  };

  constructor(
    private readonly periods: Period[],
    private readonly costs: (productId: number) => number,
  ) {
    this.acc = periods.map(empty);
    this.customers = periods.map(() => new Set<number>());
  }

  private hits(ts: string): number[] {
    const d = ts.slice(0, 10);
    const out: number[] = [];
    this.periods.forEach((p, i) => {
      if (d >= p.from && d <= p.to) out.push(i);
    });
    return out;
  }

  add(table: string, r: Value[]): void {
    if (table === 'orders') {
      const cancelled = r[8] === 'cancelled';
      this.current = { id: r[0] as number, periods: this.hits(r[2] as string), cancelled, returned: false };
      if (cancelled) return;
      for (const i of this.current.periods) {
        const a = this.acc[i]!;
        a.net += Math.round((r[3] as number) * 100);
        a.discount += Math.round((r[4] as number) * 100);
        a.orders++;
        // A customer has one first order ever, so first orders count new customers once each.
        a.first += r[15] as number;
        this.customers[i]!.add(r[1] as number);
        if (r[11] === 'own_website') a.ownOrders++;
      }
    } else if (table === 'order_items') {
      if (r[1] !== this.current.id || this.current.cancelled) return;
      const qty = r[3] as number;
      for (const i of this.current.periods) {
        const a = this.acc[i]!;
        a.units += qty;
        a.gross += qty * Math.round((r[4] as number) * 100);
        a.cogs += qty * this.costs(r[2] as number);
      }
    } else if (table === 'visit_logs') {
      for (const i of this.hits(r[5] as string)) this.acc[i]!.sessions++;
    } else if (table === 'returns') {
      for (const i of this.hits(r[3] as string)) this.acc[i]!.refunds += Math.round((r[6] as number) * 100);
      // return_rate as the warehouse defines it (schema-docs/metrics/return_rate.md): orders with a return.
      if (r[1] === this.current.id && !this.current.returned) {
        this.current.returned = true;
        for (const i of this.current.periods) this.acc[i]!.returnedOrders++;
      }
    }
  }

  async flush(): Promise<void> {}

  value(periodIndex: number, metric: ManifestMetric): number {
    const a = this.acc[periodIndex]!;
    const div = (x: number, y: number) => (y ? x / y : 0);
    const round = (x: number, dp: number) => Math.round(x * 10 ** dp) / 10 ** dp;
    switch (metric) {
      case 'net_sales':
        return a.net / 100;
      case 'orders':
        return a.orders;
      case 'units':
        return a.units;
      case 'aov':
        return round(div(a.net, a.orders) / 100, 2);
      case 'sessions':
        return a.sessions;
      case 'conversion_rate':
        return round(div(a.ownOrders, a.sessions), 6);
      case 'refunds':
        return a.refunds / 100;
      case 'return_rate':
        return round(div(a.returnedOrders, a.orders), 6);
      case 'discount_rate':
        return round(div(a.discount, a.gross), 6);
      case 'new_customer_share':
        return round(div(a.first, this.customers[periodIndex]!.size), 6);
      case 'gross_margin':
        return round(div(a.net - a.cogs, a.net), 6);
    }
  }
}

/** Sends every row to several sinks (the loader and the in-memory metrics). */
export function tee(...sinks: RowSink[]): RowSink {
  return {
    add: (t, r) => {
      for (const s of sinks) s.add(t, r);
    },
    flush: async () => {
      for (const s of sinks) await s.flush();
    },
  };
}
