// Scenario events compiled against the catalogue and the traffic sources: each event becomes a
// filter (day window + segment) and a magnitude, applied by the simulator as thinning or boosting.
import { TidelensError } from '../../src/errors.ts';
import { CHANNELS, COUNTRIES, DEVICES, type EventKind, type ScenarioEvent } from '../scenarios/schema.ts';
import { parseDay } from './calendar.ts';
import type { Catalog } from './catalog.ts';
import { strKey } from './rng.ts';
import type { Source } from './traffic.ts';

export interface CompiledEvent {
  id: string;
  key: number;
  kind: EventKind;
  startDay: number;
  /** Inclusive; Infinity when open-ended. */
  endDay: number;
  magnitude: number;
  /** products.index → 1 when the event touches it; null = every product. */
  products: Uint8Array | null;
  productIds: number[];
  channel: number | null;
  country: number | null;
  device: number | null;
  /** traffic_sources.source_id set; null = every source. */
  sources: Set<number> | null;
  source: ScenarioEvent;
}

export const channelIndex = (c: string) => CHANNELS.indexOf(c as (typeof CHANNELS)[number]);

export function compileEvents(events: ScenarioEvent[], catalog: Catalog, sources: Source[]): CompiledEvent[] {
  return events.map((e) => {
    const where = `event "${e.id}"`;
    const seg = e.segment;
    const cat = (name: string, level: number) => {
      const c = catalog.categories.find((x) => x.name === name && x.level === level);
      if (!c) {
        const known = catalog.categories
          .filter((x) => x.level === level)
          .map((x) => x.name)
          .join(', ');
        throw new TidelensError(
          'bad_input',
          `${where}: unknown ${level === 1 ? 'category' : 'sub_category'} "${name}" (known: ${known})`,
        );
      }
      return c;
    };
    const startDay = parseDay(e.start, `${where} start`);
    const endDay = e.end ? parseDay(e.end, `${where} end`) : Infinity;
    let candidates = catalog.products;
    if (seg.category) {
      const c = cat(seg.category, 1);
      candidates = candidates.filter((p) => p.topCategory === c.name);
    }
    if (seg.sub_category) {
      const c = cat(seg.sub_category, 2);
      candidates = candidates.filter((p) => p.categoryId === c.id);
    }
    if (seg.skus) {
      for (const sku of seg.skus) {
        if (!catalog.products.some((p) => p.sku === sku))
          throw new TidelensError('bad_input', `${where}: unknown sku "${sku}"`);
      }
      candidates = candidates.filter((p) => seg.skus!.includes(p.sku));
    }
    if (seg.top) {
      candidates = candidates
        .filter((p) => p.createDay <= startDay)
        .sort((a, b) => b.weight - a.weight)
        .slice(0, seg.top);
    }
    const productScoped = Boolean(seg.category || seg.sub_category || seg.skus || seg.top);
    if (productScoped && candidates.length === 0)
      throw new TidelensError('bad_input', `${where}: the segment matches no product`);
    let products: Uint8Array | null = null;
    if (productScoped) {
      products = new Uint8Array(catalog.products.length);
      for (const p of candidates) products[p.index] = 1;
    }
    let sourceSet: Set<number> | null = null;
    if (seg.traffic_source && e.kind !== 'campaign_start') {
      const s = sources.find((x) => x.name === seg.traffic_source);
      if (!s) {
        throw new TidelensError(
          'bad_input',
          `${where}: unknown traffic_source "${seg.traffic_source}" (known: ${sources.map((x) => x.name).join(', ')})`,
        );
      }
      if (e.kind === 'campaign_end' && s.campaignId == null) {
        throw new TidelensError(
          'bad_input',
          `${where}: "${s.name}" belongs to no campaign; campaign_end needs a campaign's traffic source`,
        );
      }
      sourceSet = new Set([s.id]);
    }
    return {
      id: e.id,
      key: strKey(e.id),
      kind: e.kind,
      startDay,
      endDay,
      magnitude: e.magnitude,
      products,
      productIds: products ? candidates.map((p) => p.id) : [],
      channel: seg.channel ? channelIndex(seg.channel) : null,
      country: seg.country ? COUNTRIES.indexOf(seg.country) : null,
      device: seg.device ? DEVICES.indexOf(seg.device) : null,
      sources: sourceSet,
      source: e,
    };
  });
}

export function active(e: CompiledEvent, day: number): boolean {
  return day >= e.startDay && day <= e.endDay;
}

/** Does a sale (channel, country, device, source) fall in the event's segment? Product is checked apart. */
export function matches(e: CompiledEvent, channel: number, country: number, device: number, sourceId: number): boolean {
  return (
    (e.channel === null || e.channel === channel) &&
    (e.country === null || e.country === country) &&
    (e.device === null || e.device === device) &&
    (e.sources === null || e.sources.has(sourceId))
  );
}
