// The price book: list prices per product and channel over time, written to price_changes and
// read back for every order line, so unit_price always follows the history.
import { CHANNELS } from '../scenarios/schema.ts';
import { dayOf, yearOf } from './calendar.ts';
import type { Catalog } from './catalog.ts';
import type { CompiledEvent } from './events.ts';
import { Rng, strKey } from './rng.ts';

export interface PriceChange {
  productIndex: number;
  day: number;
  /** null = every channel. */
  channel: number | null;
  oldCents: number;
  newCents: number;
  reason: string;
}

interface Intent {
  day: number;
  order: number;
  channel: number | null;
  mult: number;
  reason: string;
  /** Restore the price saved by the intent with this tag (a reverted event or a season's end). */
  restore?: string;
  save?: string;
}

const MIN_CENTS = 500;
const MAX_CENTS = 5000;

/** Keeps prices on a .99 ending inside the $5-$50 rule. */
export function repriced(cents: number, mult: number): number {
  const raw = Math.floor((cents * mult) / 100) * 100 + 99;
  return Math.max(MIN_CENTS + 99, Math.min(MAX_CENTS - 1, raw));
}

export class PriceBook {
  readonly changes: PriceChange[] = [];
  /** Per product and channel: the days a price took effect and the price from then on. */
  private readonly days: number[][][];
  private readonly cents: number[][][];
  readonly launch: Int32Array;

  constructor(seed: number, catalog: Catalog, events: CompiledEvent[], fromDay: number, toDay: number) {
    const n = catalog.products.length;
    this.launch = Int32Array.from(catalog.products, (p) => p.priceCents);
    this.days = Array.from({ length: n }, () => CHANNELS.map(() => []));
    this.cents = Array.from({ length: n }, () => CHANNELS.map(() => []));
    const intents: Intent[][] = Array.from({ length: n }, () => []);
    const rng = new Rng(seed, strKey('prices'));
    for (const p of catalog.products) {
      const list = intents[p.index]!;
      for (let y = yearOf(fromDay); y <= yearOf(toDay); y++) {
        // End-of-season markdown on part of the swimwear range, restored for the next season.
        if (p.topCategory === 'Swimwear' && rng.next() < 0.35) {
          const tag = `season-${y}`;
          list.push({
            day: dayOf(y, 8, 1),
            order: 1,
            channel: null,
            mult: 0.85,
            reason: 'seasonal markdown',
            save: tag,
          });
          list.push({ day: dayOf(y + 1, 2, 1), order: 1, channel: null, mult: 1, reason: 'new season', restore: tag });
        }
        if (rng.next() < 0.2) {
          list.push({
            day: dayOf(y, 1, 1) + Math.floor(rng.next() * 28),
            order: 2,
            channel: null,
            mult: 1 + rng.range(0.04, 0.1),
            reason: 'cost increase',
          });
        }
        if (rng.next() < 0.1) {
          list.push({
            day: dayOf(y, 4, 1) + Math.floor(rng.next() * 150),
            order: 2,
            channel: rng.next() < 0.5 ? 1 : 2,
            mult: 1 - rng.range(0.05, 0.12),
            reason: 'competition',
          });
        }
      }
    }
    for (const e of events) {
      if (e.kind !== 'price_increase' && e.kind !== 'price_decrease') continue;
      const mult = e.kind === 'price_increase' ? 1 + e.magnitude : 1 - e.magnitude;
      for (const p of catalog.products) {
        if (e.products && !e.products[p.index]) continue;
        const tag = `event-${e.id}`;
        intents[p.index]!.push({
          day: e.startDay,
          order: 3,
          channel: e.channel,
          mult,
          reason: e.kind === 'price_increase' ? 'price increase' : 'promotion',
          save: tag,
        });
        if (Number.isFinite(e.endDay)) {
          intents[p.index]!.push({
            day: e.endDay + 1,
            order: 3,
            channel: e.channel,
            mult: 1,
            reason: 'price restored',
            restore: tag,
          });
        }
      }
    }
    for (const p of catalog.products) {
      const list = intents[p.index]!.filter((i) => i.day > Math.max(p.createDay, fromDay) && i.day <= toDay);
      list.sort((a, b) => a.day - b.day || a.order - b.order);
      const now = CHANNELS.map(() => p.priceCents);
      const saved = new Map<string, number[]>();
      for (const it of list) {
        const ref = it.channel ?? 0;
        const before = now[ref]!;
        let after: number;
        if (it.restore) {
          const s = saved.get(it.restore);
          if (!s) continue;
          after = s[ref]!;
        } else {
          after = repriced(before, it.mult);
        }
        if (it.save) saved.set(it.save, [...now]);
        if (after === before) continue;
        for (let c = 0; c < CHANNELS.length; c++) {
          if (it.channel !== null && it.channel !== c) continue;
          now[c] = after;
          this.days[p.index]![c]!.push(it.day);
          this.cents[p.index]![c]!.push(after);
        }
        this.changes.push({
          productIndex: p.index,
          day: it.day,
          channel: it.channel,
          oldCents: before,
          newCents: after,
          reason: it.reason,
        });
      }
    }
    this.changes.sort((a, b) => a.day - b.day || a.productIndex - b.productIndex);
  }

  priceCents(productIndex: number, channel: number, day: number): number {
    const ds = this.days[productIndex]![channel]!;
    for (let i = ds.length - 1; i >= 0; i--) if (ds[i]! <= day) return this.cents[productIndex]![channel]![i]!;
    return this.launch[productIndex]!;
  }
}
