// Stock per SKU, written as inventory_records: an opening 'restock' at launch, 'restock' when stock
// falls below two weeks of expected demand, one aggregated 'sale' record per SKU and day, 'return'
// records when refunded items come back, and an 'adjustment' to zero when a stockout event starts.
// A held (stocked-out) SKU gets no restock and no returned units until the hold ends.
import { dateTime } from './calendar.ts';
import type { Catalog } from './catalog.ts';
import { ORDERS_PER_DAY, UNITS_PER_ORDER, demandCurve } from './demand.ts';
import type { CompiledEvent } from './events.ts';
import { pickCumulative } from './rng.ts';
import type { RowSink } from './sink.ts';

export class Inventory {
  readonly stock: Int32Array;
  private readonly sold: Int32Array;
  private readonly returned: Int32Array;
  private readonly launched: Uint8Array;
  private readonly holdUntil: Float64Array;
  private pickCum = new Float64Array(0);
  private pickIdx: number[] = [];
  private weightSum = 0;
  private recordId = 0;
  private readonly pending = new Map<number, Array<[number, number]>>();
  private readonly stockouts: CompiledEvent[];

  constructor(
    private readonly catalog: Catalog,
    events: CompiledEvent[],
    private readonly scale: number,
    private readonly fromDay: number,
    private readonly sink: RowSink,
    private readonly light: boolean,
  ) {
    const n = catalog.products.length;
    this.stock = new Int32Array(n);
    this.sold = new Int32Array(n);
    this.returned = new Int32Array(n);
    this.launched = new Uint8Array(n);
    this.holdUntil = new Float64Array(n).fill(-1);
    this.stockouts = events.filter((e) => e.kind === 'stockout');
  }

  private record(p: number, day: number, sec: number, change: number, reason: string): void {
    this.stock[p]! += change;
    if (!this.light)
      this.sink.add('inventory_records', [++this.recordId, p + 1, dateTime(day, sec), change, reason, this.stock[p]!]);
  }

  private expectedUnits(p: number, day: number): number {
    return (
      (ORDERS_PER_DAY *
        this.scale *
        demandCurve(day, this.fromDay) *
        UNITS_PER_ORDER *
        this.catalog.products[p]!.weight) /
      this.weightSum
    );
  }

  startDay(day: number): void {
    let relaunch = false;
    for (const p of this.catalog.products) {
      if (!this.launched[p.index] && p.createDay <= day) {
        this.launched[p.index] = 1;
        this.weightSum += p.weight;
        relaunch = true;
      }
    }
    if (relaunch) {
      this.pickIdx = this.catalog.products.filter((p) => this.launched[p.index]).map((p) => p.index);
      let s = 0;
      this.pickCum = Float64Array.from(this.pickIdx, (i) => (s += this.catalog.products[i]!.weight));
    }
    for (const e of this.stockouts) {
      if (day !== e.startDay) continue;
      for (const p of this.pickIdx) {
        if (e.products && !e.products[p]) continue;
        this.holdUntil[p] = Math.max(this.holdUntil[p]!, e.endDay);
        if (this.stock[p]! > 0) this.record(p, day, 0, -this.stock[p]!, 'adjustment');
      }
    }
    const due = this.pending.get(day);
    if (due) {
      this.pending.delete(day);
      for (const [p, q] of due) {
        if (this.holdUntil[p]! >= day) this.scheduleReturn(this.holdUntil[p]! + 1, p, q);
        else this.returned[p]! += q;
      }
      for (let p = 0; p < this.returned.length; p++) {
        if (this.returned[p]) {
          this.record(p, day, 1800, this.returned[p]!, 'return');
          this.returned[p] = 0;
        }
      }
    }
    for (const p of this.pickIdx) {
      if (this.holdUntil[p]! >= day) continue;
      const e = this.expectedUnits(p, day);
      if (this.stock[p]! < Math.ceil(e * 14) + 2) this.record(p, day, 6 * 3600, Math.ceil(e * 45) + 6, 'restock');
    }
  }

  pickProduct(u: number): number {
    return this.pickIdx[pickCumulative(this.pickCum, u)]!;
  }

  available(p: number, q: number): boolean {
    return this.stock[p]! >= q;
  }

  take(p: number, q: number): boolean {
    if (this.stock[p]! < q) return false;
    this.stock[p]! -= q;
    this.sold[p]! += q;
    return true;
  }

  scheduleReturn(day: number, p: number, q: number): void {
    let list = this.pending.get(day);
    if (!list) this.pending.set(day, (list = []));
    list.push([p, q]);
  }

  endDay(day: number): void {
    for (let p = 0; p < this.sold.length; p++) {
      const q = this.sold[p]!;
      if (!q) continue;
      this.sold[p] = 0;
      // take() already lowered the stock during the day; the record shows the day's total.
      if (!this.light)
        this.sink.add('inventory_records', [++this.recordId, p + 1, dateTime(day, 86_399), -q, 'sale', this.stock[p]!]);
    }
  }
}
