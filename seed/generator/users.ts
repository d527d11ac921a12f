// Customers: registration days are laid out in id order (ids grow with time), so a user's
// registration day, country and details are pure functions of the id. The simulator only keeps one
// bit per user (has ordered) and per-country id lists, never the users' rows.
import { COUNTRIES } from '../scenarios/schema.ts';
import { dayStr } from './calendar.ts';
import type { Pools } from './pools.ts';
import { Rng, cumulative, pickCumulative, strKey } from './rng.ts';

export const COUNTRY_WEIGHTS = [0.7, 0.1, 0.09, 0.06, 0.05];
const COUNTRY_CUM = cumulative(COUNTRY_WEIGHTS);
const LEVELS = ['regular', 'regular', 'regular', 'silver', 'silver', 'gold', 'vip'];
const SOURCES = ['website', 'website', 'website', 'amazon', 'amazon', 'social', 'referral', 'marketplace'];

export class UserBase {
  readonly count: number;
  readonly firstDay: number;
  /** users registered up to and including firstDay + i, per country. */
  private readonly byDayCountry: Int32Array[];
  private readonly lists: Int32Array[];
  readonly regDay: Int32Array;
  readonly country: Uint8Array;
  readonly hasOrdered: Uint8Array;
  private readonly rng = new Rng(0);

  constructor(
    private readonly seed: number,
    count: number,
    firstDay: number,
    lastDay: number,
    density: (day: number) => number,
  ) {
    this.count = Math.max(20, Math.round(count));
    this.firstDay = firstDay;
    const days = lastDay - firstDay + 1;
    const w = Array.from({ length: days }, (_, i) => density(firstDay + i));
    const cum = cumulative(w);
    this.regDay = new Int32Array(this.count + 1);
    this.country = new Uint8Array(this.count + 1);
    this.hasOrdered = new Uint8Array(this.count + 1);
    const sizes = new Int32Array(COUNTRIES.length);
    const tmp: number[][] = COUNTRIES.map(() => []);
    for (let id = 1; id <= this.count; id++) {
      // Evenly spaced quantiles of the density: ids are in registration order.
      const day = firstDay + pickCumulative(cum, (id - 0.5) / this.count);
      this.regDay[id] = day;
      const c = pickCumulative(COUNTRY_CUM, this.rng.reseed(seed, strKey('user-country'), id).next());
      this.country[id] = c;
      tmp[c]!.push(id);
      sizes[c]!++;
    }
    this.lists = tmp.map((l) => Int32Array.from(l));
    this.byDayCountry = COUNTRIES.map(() => new Int32Array(days));
    const seen = new Int32Array(COUNTRIES.length);
    let id = 1;
    for (let i = 0; i < days; i++) {
      while (id <= this.count && this.regDay[id]! <= firstDay + i) {
        seen[this.country[id]!]!++;
        id++;
      }
      for (let c = 0; c < COUNTRIES.length; c++) this.byDayCountry[c]![i] = seen[c]!;
    }
  }

  private registeredBy(country: number, day: number): number {
    const i = Math.min(day - this.firstDay, this.byDayCountry[country]!.length - 1);
    return i < 0 ? 0 : this.byDayCountry[country]![i]!;
  }

  /** A customer of that country registered on or before the day; a third come from recent sign-ups. */
  pick(country: number, day: number, u1: number, u2: number): number {
    let c = country;
    let k = this.registeredBy(c, day);
    if (k === 0) {
      c = 0;
      k = this.registeredBy(0, day);
      if (k === 0) return this.lists[0]![0] ?? 1;
    }
    let lo = 0;
    if (u1 < 0.35) lo = Math.min(k - 1, this.registeredBy(c, day - 45));
    return this.lists[c]![lo + Math.floor(u2 * (k - lo))]!;
  }

  row(id: number, pools: Pools): (string | number | null)[] {
    const r = this.rng.reseed(this.seed, strKey('user'), id);
    const c = this.country[id]!;
    const p = pools.byCountry[c]!;
    const first = r.pick(p.first);
    const last = r.pick(p.last);
    const slug = `${first}.${last}`
      .toLowerCase()
      .normalize('NFD')
      .replace(/[^a-z.]/g, '');
    const g = r.next();
    const a = r.next();
    return [
      id,
      `${slug.replace('.', '_')}${id}`.slice(0, 50),
      `${slug}.${id}@example.com`.slice(0, 100),
      r.pick(p.phones),
      g < 0.72 ? 'female' : g < 0.96 ? 'male' : null,
      a < 0.05 ? null : Math.round(18 + 42 * Math.pow(r.next(), 1.6)),
      r.pick(p.cities).slice(0, 50),
      COUNTRIES[c]!,
      dayStr(this.regDay[id]!),
      r.pick(LEVELS),
      r.next() < 0.93 ? 1 : 0,
      r.pick(SOURCES),
    ];
  }

  address(id: number, pools: Pools, u: number): string {
    const p = pools.byCountry[this.country[id]!]!;
    const i = Math.floor(u * p.streets.length);
    return `${p.streets[i]}, ${p.cities[(i * 7 + id) % p.cities.length]} ${p.zips[(i * 13 + id) % p.zips.length]}, ${COUNTRIES[this.country[id]!]}`.slice(
      0,
      200,
    );
  }
}
