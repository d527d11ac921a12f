// The day-by-day simulation. Each day draws candidate sessions and marketplace orders from keyed
// streams (baseline, campaigns, surge events); thinning events drop candidates by comparing a
// pre-drawn uniform with a keep probability. Every candidate draws a fixed number of values whatever
// happens to it, so removing one event changes only what that event touches.
import { CHANNELS, COUNTRIES, DEVICES } from '../scenarios/schema.ts';
import { dateTime, dayStr } from './calendar.ts';
import type { Catalog } from './catalog.ts';
import { HOUR_WEIGHTS, ORDERS_PER_DAY, UNITS_PER_ORDER, demandCurve } from './demand.ts';
import { active, matches, type CompiledEvent } from './events.ts';
import type { Pools } from './pools.ts';
import type { PriceBook } from './prices.ts';
import { Rng, cumulative, pickCumulative, strKey } from './rng.ts';
import type { Inventory } from './inventory.ts';
import { INJECTION_COMMENTS, returnReason, reviewComment } from './texts.ts';
import type { Campaign, Source } from './traffic.ts';
import type { UserBase } from './users.ts';
import type { RowSink } from './sink.ts';

const OWN = 0;
const AMAZON = 1;
const OTHER = 2;
/** Sessions per own-site order at the baseline conversion (calibrated: own site ≈ half of revenue). */
const SESSIONS_PER_OWN_ORDER = 27;
const MARKET_ORDER_SHARE = 0.53;
const P_CART = 0.075;
const P_CHECKOUT = 0.27;
const P_MARKET_ITEM = 0.85;
const ELASTICITY = 1.6;
const CANCEL_RATE = 0.03;
const REVIEW_RATE = 0.12;

const DEVICE_CUM_OWN = cumulative([0.35, 0.57, 0.08]);
const DEVICE_CUM_MKT = cumulative([0.32, 0.6, 0.08]);
const DEVICE_CONV = [1.25, 0.85, 1.0];
const COUNTRY_CUM = cumulative([0.7, 0.1, 0.09, 0.06, 0.05]);
const HOUR_CUM = cumulative(HOUR_WEIGHTS);
const VIEWS = [1, 1, 1, 2, 2, 2, 3, 3, 4];
const QTY_CUM = cumulative([0.82, 0.14, 0.04]);
const STOREFRONTS = ['walmart', 'walmart', 'walmart', 'ebay', 'ebay', 'etsy'];
const OWN_PAYMENTS = ['credit_card', 'credit_card', 'credit_card', 'paypal', 'paypal', 'apple_pay', 'google_pay'];
const RATING_CUM = cumulative([0.03, 0.05, 0.1, 0.3, 0.52]);
const LOW_RATING_CUM = cumulative([0.35, 0.35, 0.25, 0.05, 0]);
const SLOTS = 4;
const DRAWS = 72;
/** Draws every session needs; the rest (delivery, returns, reviews) only when it converts. */
const SESSION_DRAWS = 32;

interface Forced {
  source?: number;
  country?: number;
  device?: number;
  channel?: number;
}

interface Item {
  product: number;
  qty: number;
  cents: number;
}

interface OrderDraft {
  sec: number;
  channel: number;
  storefront: string;
  user: number;
  device: number;
  sourceId: number | null;
  sessionId: string | null;
  campaign: Campaign | null;
  discountPct: number;
  cancelled: boolean;
  items: Item[];
  d: Float64Array;
  seq: number;
}

interface SessionRec {
  sec: number;
  id: string;
  user: number | null;
  sourceId: number;
  device: number;
  country: number;
  views: number[];
  carted: number[];
  favs: number[];
  order: OrderDraft | null;
  stay: number;
  ip: number;
  landing: number;
}

export interface SimContext {
  seed: number;
  scale: number;
  fromDay: number;
  toDay: number;
  lastDay: number;
  light: boolean;
  catalog: Catalog;
  sources: Source[];
  campaigns: Campaign[];
  events: CompiledEvent[];
  prices: PriceBook;
  users: UserBase;
  pools: Pools;
  inventory: Inventory;
  sink: RowSink;
}

const K_SESS = strKey('sessions');
const K_MKT = strKey('marketplace');
const K_COUNT = strKey('count');
const K_CAMP = strKey('campaign');

export class Simulator {
  private readonly rng = new Rng(0);
  private readonly d = new Float64Array(DRAWS);
  private orderId = 0;
  private itemId = 0;
  private ocmId = 0;
  private returnId = 0;
  private reviewId = 0;
  private logId = 0;
  private behaviorId = 0;
  private day = 0;
  private sessions: SessionRec[] = [];
  private orders: OrderDraft[] = [];
  private readonly organicCum: Float64Array;
  private readonly organicIds: number[];
  private readonly sourceById = new Map<number, Source>();
  private readonly campaignById = new Map<number, Campaign>();
  private readonly sessionThinners: CompiledEvent[];
  private readonly marketThinners: CompiledEvent[];
  private readonly returnEvents: CompiledEvent[];
  private readonly ratingEvents: CompiledEvent[];

  constructor(private readonly c: SimContext) {
    const organic = c.sources.filter((s) => s.organicShare > 0);
    this.organicIds = organic.map((s) => s.id);
    this.organicCum = cumulative(organic.map((s) => s.organicShare));
    for (const s of c.sources) this.sourceById.set(s.id, s);
    for (const k of c.campaigns) this.campaignById.set(k.id, k);
    const ownOnly = (e: CompiledEvent) => e.channel === null || e.channel === OWN;
    this.sessionThinners = c.events.filter(
      (e) =>
        ((e.kind === 'traffic_drop' || e.kind === 'campaign_end') && ownOnly(e)) ||
        (e.kind === 'channel_outage' && e.channel === OWN),
    );
    this.marketThinners = c.events.filter(
      (e) => (e.kind === 'traffic_drop' || e.kind === 'channel_outage') && e.channel !== null && e.channel !== OWN,
    );
    this.returnEvents = c.events.filter((e) => e.kind === 'returns_spike');
    this.ratingEvents = c.events.filter((e) => e.kind === 'rating_drop');
  }

  async run(): Promise<void> {
    const { c } = this;
    for (let day = c.fromDay; day <= c.lastDay; day++) {
      this.day = day;
      c.inventory.startDay(day);
      const base = ORDERS_PER_DAY * c.scale * demandCurve(day, c.fromDay);
      const sessMean = base * (1 - MARKET_ORDER_SHARE) * SESSIONS_PER_OWN_ORDER;
      const mktMean = base * MARKET_ORDER_SHARE;

      this.stream(K_SESS, 's', sessMean, {}, false);
      for (const k of c.campaigns) {
        if (day >= k.startDay && day <= k.endDay)
          this.stream(K_CAMP ^ strKey(k.name), `c${k.id}-`, sessMean * k.lift, { source: k.sourceId }, false);
      }
      for (const e of c.events) {
        if (e.kind !== 'traffic_surge' || !active(e, day)) continue;
        const f = this.segmentForce(e);
        const market = e.channel !== null && e.channel !== OWN;
        const share = this.segmentShare(e, market);
        this.stream(e.key, `e${e.key.toString(36)}-`, e.magnitude * share * (market ? mktMean : sessMean), f, market);
      }
      this.stream(K_MKT, 'm', mktMean, {}, true);

      this.finishOrders();
      this.finishSessions();
      c.inventory.endDay(day);
      await c.sink.flush();
    }
  }

  private segmentForce(e: CompiledEvent): Forced {
    const f: Forced = {};
    if (e.sources) f.source = [...e.sources][0];
    if (e.country !== null) f.country = e.country;
    if (e.device !== null) f.device = e.device;
    if (e.channel !== null) f.channel = e.channel;
    return f;
  }

  private segmentShare(e: CompiledEvent, market: boolean): number {
    let s = 1;
    if (e.sources && !market) s *= this.sourceById.get([...e.sources][0]!)!.organicShare || 0.1;
    if (e.country !== null) s *= [0.7, 0.1, 0.09, 0.06, 0.05][e.country]!;
    if (e.device !== null) s *= (market ? [0.32, 0.6, 0.08] : [0.35, 0.57, 0.08])[e.device]!;
    if (market && e.channel !== null) s *= e.channel === AMAZON ? 0.8 : 0.2;
    return s;
  }

  private stream(key: number, tag: string, mean: number, forced: Forced, market: boolean): void {
    const n = this.rng.reseed(this.c.seed, K_COUNT, key, this.day).count(mean);
    const draws = market ? DRAWS : SESSION_DRAWS;
    for (let i = 0; i < n; i++) {
      this.rng.reseed(this.c.seed, key, this.day, i);
      for (let j = 0; j < draws; j++) this.d[j] = this.rng.next();
      if (market) this.marketOrder(forced);
      else this.session(tag, key, i, forced);
    }
  }

  private hourSec(u: number): number {
    const h = pickCumulative(HOUR_CUM, u);
    return h * 3600 + Math.floor(((u * 7919) % 1) * 3600);
  }

  /** Price elasticity: the chance to buy follows the channel's price today against the launch price. */
  private demandFactor(product: number, channel: number): number {
    const ratio = this.c.prices.priceCents(product, channel, this.day) / this.c.prices.launch[product]!;
    return ratio === 1 ? 1 : Math.pow(ratio, -ELASTICITY);
  }

  private qty(u: number): number {
    return pickCumulative(QTY_CUM, u) + 1;
  }

  private session(tag: string, key: number, i: number, forced: Forced): void {
    const { c, d } = this;
    const sourceId = forced.source ?? this.organicIds[pickCumulative(this.organicCum, d[2]!)]!;
    const device = forced.device ?? pickCumulative(DEVICE_CUM_OWN, d[3]!);
    let country = forced.country ?? pickCumulative(COUNTRY_CUM, d[4]!);
    let keep = 1;
    for (const e of this.sessionThinners) {
      if (active(e, this.day) && matches(e, OWN, country, device, sourceId)) keep *= 1 - e.magnitude;
    }
    if (d[0]! >= keep) return;
    const sec = this.hourSec(d[1]!);
    const nViews = VIEWS[Math.floor(d[8]! * VIEWS.length)]!;
    const views: number[] = [];
    const carted: number[] = [];
    const qtys: number[] = [];
    const favs: number[] = [];
    for (let j = 0; j < SLOTS; j++) {
      const o = 9 + 4 * j;
      if (j >= nViews) continue;
      const p = c.inventory.pickProduct(d[o]!);
      if (views.includes(p)) continue;
      views.push(p);
      const q = this.qty(d[o + 2]!);
      if (d[o + 3]! < 0.05) favs.push(p);
      if (d[o + 1]! < P_CART * this.demandFactor(p, OWN) && c.inventory.available(p, q)) {
        carted.push(p);
        qtys.push(q);
      }
    }
    const source = this.sourceById.get(sourceId)!;
    const converts = carted.length > 0 && d[25]! < P_CHECKOUT * source.convFactor * DEVICE_CONV[device]!;
    let user: number | null = null;
    if (converts || d[5]! < 0.3) {
      user = c.users.pick(country, this.day, d[6]!, d[7]!);
      country = c.users.country[user]!;
    }
    const id = `S${dayStr(this.day).replace(/-/g, '')}${tag}${i.toString(36)}`;
    const rec: SessionRec = {
      sec,
      id,
      user,
      sourceId,
      device,
      country,
      views,
      carted,
      favs,
      order: null,
      stay: 15 + Math.floor(views.length * 45 + d[26]! * 240),
      ip: Math.floor(d[27]! * c.pools.ips.length),
      landing: d[28]!,
    };
    if (converts) {
      // A second keyed stream: its values exist whether or not earlier draws were used.
      this.rng.reseed(c.seed, key, this.day, i, 1);
      for (let j = SESSION_DRAWS; j < DRAWS; j++) d[j] = this.rng.next();
      const cancelled = d[30]! < CANCEL_RATE;
      const items: Item[] = [];
      carted.forEach((p, j) => {
        if (cancelled ? c.inventory.available(p, qtys[j]!) : c.inventory.take(p, qtys[j]!)) {
          items.push({ product: p, qty: qtys[j]!, cents: c.prices.priceCents(p, OWN, this.day) });
        }
      });
      if (items.length) {
        const campaign = source.campaignId ? this.campaignById.get(source.campaignId)! : null;
        const orderSec = Math.min(86_399, sec + 60 + Math.floor(d[29]! * rec.stay));
        rec.stay = Math.max(rec.stay, orderSec - sec + 30);
        rec.order = {
          sec: orderSec,
          channel: OWN,
          storefront: 'own_website',
          user: user!,
          device,
          sourceId,
          sessionId: id,
          campaign,
          discountPct: campaign ? campaign.discountPct : d[31]! < 0.1 ? 10 : 0,
          cancelled,
          items,
          d: Float64Array.from(d),
          seq: this.orders.length,
        };
        this.orders.push(rec.order);
      }
    }
    this.sessions.push(rec);
  }

  private marketOrder(forced: Forced): void {
    const { c, d } = this;
    const channel = forced.channel ?? (d[1]! < 0.8 ? AMAZON : OTHER);
    const device = forced.device ?? pickCumulative(DEVICE_CUM_MKT, d[3]!);
    const country = forced.country ?? pickCumulative(COUNTRY_CUM, d[4]!);
    let keep = 1;
    for (const e of this.marketThinners) {
      if (active(e, this.day) && matches(e, channel, country, device, -1)) keep *= 1 - e.magnitude;
    }
    if (d[0]! >= keep) return;
    const cancelled = d[30]! < CANCEL_RATE;
    const nItems = d[6]! < 0.75 ? 1 : d[6]! < 0.95 ? 2 : 3;
    const items: Item[] = [];
    for (let j = 0; j < nItems; j++) {
      const o = 9 + 4 * j;
      const p = c.inventory.pickProduct(d[o]!);
      if (items.some((x) => x.product === p)) continue;
      const q = this.qty(d[o + 2]!);
      if (d[o + 1]! >= P_MARKET_ITEM * this.demandFactor(p, channel)) continue;
      if (cancelled ? !c.inventory.available(p, q) : !c.inventory.take(p, q)) continue;
      items.push({ product: p, qty: q, cents: c.prices.priceCents(p, channel, this.day) });
    }
    if (!items.length) return;
    const user = c.users.pick(country, this.day, d[7]!, d[8]!);
    this.orders.push({
      sec: this.hourSec(d[5]!),
      channel,
      storefront: channel === AMAZON ? 'amazon' : STOREFRONTS[Math.floor(d[2]! * STOREFRONTS.length)]!,
      user,
      device,
      sourceId: null,
      sessionId: null,
      campaign: null,
      discountPct: 0,
      cancelled,
      items,
      d: Float64Array.from(d),
      seq: this.orders.length,
    });
  }

  private eventSum(list: CompiledEvent[], o: OrderDraft, product: number): number {
    let s = 0;
    for (const e of list) {
      if (!active(e, this.day) || (e.products && !e.products[product])) continue;
      if (matches(e, o.channel, this.c.users.country[o.user]!, o.device, o.sourceId ?? -1)) s += e.magnitude;
    }
    return s;
  }

  private finishOrders(): void {
    const { c } = this;
    const day = this.day;
    this.orders.sort((a, b) => a.sec - b.sec || a.seq - b.seq);
    for (const o of this.orders) {
      const d = o.d;
      const orderId = ++this.orderId;
      const first = !o.cancelled && !c.users.hasOrdered[o.user];
      if (first) c.users.hasOrdered[o.user] = 1;
      const country = c.users.country[o.user]!;
      const shipDay = day + 1 + Math.floor(d[32]! * 3);
      const shipSec = 8 * 3600 + Math.floor(d[33]! * 36_000);
      const deliverDay = shipDay + (country === 0 ? 2 + Math.floor(d[34]! * 4) : 5 + Math.floor(d[34]! * 8));
      const deliverSec = 9 * 3600 + Math.floor(d[35]! * 32_000);
      const status = o.cancelled
        ? 'cancelled'
        : deliverDay <= c.toDay
          ? 'delivered'
          : shipDay <= c.toDay
            ? 'shipped'
            : 'processing';
      let gross = 0;
      let discount = 0;
      let refundedLines = 0;
      const itemRows: (string | number | null)[][] = [];
      const after: Array<() => void> = [];
      o.items.forEach((it, j) => {
        const itemId = ++this.itemId;
        const lineCents = it.qty * it.cents;
        const disc = Math.round((lineCents * o.discountPct) / 100);
        gross += lineCents;
        discount += disc;
        itemRows.push([itemId, orderId, it.product + 1, it.qty, it.cents / 100, disc / 100]);
        if (status !== 'delivered') return;
        const r = 40 + 4 * j;
        const spike = this.eventSum(this.returnEvents, o, it.product);
        const returned = d[r]! < c.catalog.products[it.product]!.returnRate + spike;
        if (returned) {
          const retDay = deliverDay + 3 + Math.floor(d[r + 1]! * 22);
          if (retDay <= c.toDay) {
            const pending = retDay > c.toDay - 4;
            const rejected = !pending && d[r + 2]! < 0.06;
            const refund = pending || rejected ? 0 : lineCents - disc;
            if (refund > 0) refundedLines++;
            const retId = ++this.returnId;
            const reason = returnReason(d[r + 3]!, spike > 0 && d[r + 2]! < 0.8);
            after.push(() => {
              c.sink.add('returns', [
                retId,
                orderId,
                itemId,
                dateTime(retDay, 10 * 3600 + Math.floor(d[r + 3]! * 30_000)),
                reason,
                pending ? 'requested' : rejected ? 'rejected' : 'refunded',
                refund / 100,
              ]);
              if (refund > 0) c.inventory.scheduleReturn(retDay, it.product, it.qty);
            });
          }
        }
        const v = 60 + 3 * j;
        if (!c.light && d[v]! < REVIEW_RATE + (returned ? 0.1 : 0)) {
          const revDay = deliverDay + 2 + Math.floor(d[v + 1]! * 18);
          if (revDay > c.toDay) return;
          let rating = pickCumulative(returned ? LOW_RATING_CUM : RATING_CUM, d[v + 2]!) + 1;
          const drop = this.eventSum(this.ratingEvents, o, it.product);
          if (drop > 0) rating = Math.max(1, rating - Math.floor(drop) - ((d[v + 2]! * 7) % 1 < drop % 1 ? 1 : 0));
          const revId = ++this.reviewId;
          const zh = (d[v + 1]! * 13) % 1 < 0.25;
          const comment =
            revId % 400 === 7
              ? INJECTION_COMMENTS[Math.floor(revId / 400) % INJECTION_COMMENTS.length]!
              : reviewComment(rating, zh, (d[v + 2]! * 101) % 1);
          after.push(() =>
            c.sink.add('reviews', [
              revId,
              orderId,
              it.product + 1,
              o.user,
              rating,
              comment,
              dateTime(revDay, 8 * 3600 + (Math.floor(d[v]! * 1e6) % 50_000)),
            ]),
          );
        }
      });
      const payment = o.cancelled
        ? 'voided'
        : refundedLines === 0
          ? 'paid'
          : refundedLines === o.items.length
            ? 'refunded'
            : 'partially_refunded';
      c.sink.add('orders', [
        orderId,
        o.user,
        dateTime(day, o.sec),
        (gross - discount) / 100,
        discount / 100,
        o.channel === OWN
          ? OWN_PAYMENTS[Math.floor(d[36]! * OWN_PAYMENTS.length)]!
          : o.channel === AMAZON
            ? 'amazon_pay'
            : 'marketplace',
        payment,
        c.users.address(o.user, c.pools, d[37]!),
        status,
        o.storefront,
        DEVICES[o.device]!,
        CHANNELS[o.channel]!,
        COUNTRIES[country]!,
        o.sourceId,
        o.sessionId,
        first ? 1 : 0,
        o.cancelled ? null : shipDay <= c.toDay ? dateTime(shipDay, shipSec) : null,
        status === 'delivered' ? dateTime(deliverDay, deliverSec) : null,
      ]);
      for (const row of itemRows) c.sink.add('order_items', row);
      if (o.campaign) c.sink.add('order_campaign_map', [++this.ocmId, orderId, o.campaign.id]);
      for (const f of after) f();
    }
    this.orders = [];
  }

  private finishSessions(): void {
    const { c } = this;
    this.sessions.sort((a, b) => a.sec - b.sec);
    for (const s of this.sessions) {
      const src = this.sourceById.get(s.sourceId)!;
      const landingSku = c.catalog.products[s.views[0]!]!.sku.toLowerCase();
      const page =
        s.landing < 0.3
          ? '/'
          : s.landing < 0.5
            ? `/collections/${c.catalog.products[s.views[0]!]!.subCategory.toLowerCase().replace(/[^a-z]+/g, '-')}`
            : `/products/${landingSku}`;
      const utm = src.campaignId ? `?utm_source=${src.type}&utm_campaign=c${src.campaignId}` : '';
      c.sink.add('visit_logs', [
        ++this.logId,
        s.user,
        s.id,
        (page + utm).slice(0, 200),
        src.referrer,
        dateTime(this.day, s.sec),
        DEVICES[s.device]!,
        c.pools.ips[s.ip]!,
        s.stay,
        s.sourceId,
        COUNTRIES[s.country]!,
      ]);
      if (c.light) continue;
      s.views.forEach((p, j) => {
        c.sink.add('user_behaviors', [
          ++this.behaviorId,
          s.user,
          p + 1,
          'view',
          dateTime(this.day, s.sec + 20 * j),
          s.id,
          this.logId,
        ]);
        if (s.favs.includes(p))
          c.sink.add('user_behaviors', [
            ++this.behaviorId,
            s.user,
            p + 1,
            'favorite',
            dateTime(this.day, s.sec + 20 * j + 5),
            s.id,
            this.logId,
          ]);
        if (s.carted.includes(p))
          c.sink.add('user_behaviors', [
            ++this.behaviorId,
            s.user,
            p + 1,
            'add_to_cart',
            dateTime(this.day, s.sec + 20 * j + 10),
            s.id,
            this.logId,
          ]);
      });
      if (s.order) {
        for (const it of s.order.items) {
          c.sink.add('user_behaviors', [
            ++this.behaviorId,
            s.user,
            it.product + 1,
            'purchase',
            dateTime(this.day, s.order.sec),
            s.id,
            this.logId,
          ]);
        }
      }
    }
    this.sessions = [];
  }
}
