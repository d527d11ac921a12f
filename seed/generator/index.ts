// generate(): the whole warehouse as a stream of rows into a sink, deterministic for a seed.
import { CHANNELS } from '../scenarios/schema.ts';
import type { ScenarioEvent } from '../scenarios/schema.ts';
import { dateTime, dayStr, parseDay } from './calendar.ts';
import { buildCatalog, type Catalog } from './catalog.ts';
import { demandCurve } from './demand.ts';
import { compileEvents, type CompiledEvent } from './events.ts';
import { Inventory } from './inventory.ts';
import { buildPools, type Pools } from './pools.ts';
import { PriceBook } from './prices.ts';
import { Simulator } from './simulate.ts';
import type { RowSink } from './sink.ts';
import { baselineCampaigns, buildTraffic, type Campaign, type CampaignSpec, type Source } from './traffic.ts';
import { UserBase } from './users.ts';

export interface GenOptions {
  seed: number;
  scale: number;
  from: string;
  to: string;
  events: ScenarioEvent[];
  /** Simulate only up to this day (inclusive); the manifest needs no later day. */
  stopAt?: string;
  /** Skip the rows no metric needs (users, behaviours, reviews, inventory, catalogue). */
  light?: boolean;
  /** Reuse faker pools across runs (they only depend on the seed). */
  pools?: Pools;
}

export interface GenInfo {
  catalog: Catalog;
  sources: Source[];
  campaigns: Campaign[];
  events: CompiledEvent[];
  pools: Pools;
}

const USERS_PER_SCALE = 36_000;

export function campaignSpecs(events: ScenarioEvent[], fromDay: number, toDay: number): CampaignSpec[] {
  const specs = baselineCampaigns(fromDay, toDay);
  for (const e of events) {
    if (e.kind !== 'campaign_start' || !e.campaign) continue;
    specs.push({
      name: e.campaign.name,
      type: e.campaign.type,
      startDay: parseDay(e.start),
      endDay: parseDay(e.end!),
      lift: e.magnitude,
      discountPct: e.campaign.discount_pct,
      audience: e.campaign.audience,
      sourceName: e.campaign.source_name,
      eventId: e.id,
    });
  }
  return specs;
}

export async function generate(o: GenOptions, sink: RowSink): Promise<GenInfo> {
  const fromDay = parseDay(o.from, '--from');
  const toDay = parseDay(o.to, '--to');
  const lastDay = o.stopAt ? Math.min(toDay, parseDay(o.stopAt)) : toDay;
  const catalog = buildCatalog(o.seed, fromDay, toDay);
  const { sources, campaigns } = buildTraffic(campaignSpecs(o.events, fromDay, toDay));
  const events = compileEvents(o.events, catalog, sources);
  for (const e of events) {
    if (e.kind !== 'campaign_end' || e.magnitude < 1) continue;
    const src = sources.find((s) => e.sources?.has(s.id));
    const k = campaigns.find((x) => x.id === src?.campaignId);
    if (k && e.startDay <= k.endDay) k.endDay = Math.max(k.startDay, e.startDay - 1);
  }
  const prices = new PriceBook(o.seed, catalog, events, fromDay, toDay);
  const users = new UserBase(o.seed, USERS_PER_SCALE * o.scale, fromDay - 365, toDay, (d) => demandCurve(d, fromDay));
  const pools = o.pools ?? buildPools(o.seed);
  const light = Boolean(o.light);
  const inventory = new Inventory(catalog, events, o.scale, fromDay, sink, light);
  const planned = new Map(campaignSpecs(o.events, fromDay, toDay).map((s) => [s.name, s.endDay]));

  if (!light) {
    for (const c of catalog.categories) sink.add('product_categories', [c.id, c.name, c.parentId, c.level, 1]);
    for (const k of campaigns) {
      const days = Math.min(k.endDay, planned.get(k.name)!) - k.startDay + 1;
      sink.add('marketing_campaigns', [
        k.id,
        k.name,
        k.type,
        dayStr(k.startDay),
        dayStr(k.endDay),
        Math.round(days * k.lift * o.scale * 900) + 500,
        k.audience,
        k.discountPct > 0 ? 'percentage' : 'none',
        k.discountPct,
        k.endDay >= toDay ? 1 : 0,
        'own_website',
      ]);
    }
    for (const s of sources) sink.add('traffic_sources', [s.id, s.name, s.type, s.campaignId]);
    prices.changes.forEach((ch, i) =>
      sink.add('price_changes', [
        i + 1,
        ch.productIndex + 1,
        dateTime(ch.day, 0),
        ch.oldCents / 100,
        ch.newCents / 100,
        ch.reason,
        ch.channel === null ? null : CHANNELS[ch.channel]!,
      ]),
    );
    for (let id = 1; id <= users.count; id++) {
      sink.add('users', users.row(id, pools));
      if (id % 5000 === 0) await sink.flush();
    }
    await sink.flush();
  }

  await new Simulator({
    seed: o.seed,
    scale: o.scale,
    fromDay,
    toDay,
    lastDay,
    light,
    catalog,
    sources,
    campaigns,
    events,
    prices,
    users,
    pools,
    inventory,
    sink,
  }).run();

  if (!light) {
    for (const p of catalog.products) {
      sink.add('products', [
        p.id,
        p.sku,
        p.name,
        p.categoryId,
        p.brand,
        p.supplier,
        p.priceCents / 100,
        prices.priceCents(p.index, 0, toDay) / 100,
        p.costCents / 100,
        inventory.stock[p.index]!,
        dayStr(p.createDay),
        1,
      ]);
    }
    await sink.flush();
  }
  return { catalog, sources, campaigns, events, pools };
}
