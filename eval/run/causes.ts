// Cause recall and precision for why-answers, against the manifest's planted events. An event counts as
// named when one sentence carries both a word for its kind (stock-out, campaign, price rise...) and a
// word for its segment (Bikinis, Amazon, the campaign's source). Claimed causes are the event kinds an
// answer puts forward in sentences that give a reason or a figure.
// Interim: the explain_change work (eval/causes/) owns the reference cause matcher; this module keeps
// the same signature so the eval can switch to it when it lands.
import type { Manifest } from '../../seed/manifest.ts';

type ManifestEvent = Manifest['events'][number];

const KIND_TERMS: Record<string, RegExp> = {
  stockout: /stock[- ]?outs?|out[- ]of[- ]stock|sold[- ]out|sell[- ]?outs?|no stock|inventory|缺货|断货|售罄|库存/i,
  campaign_end: /campaign|\bads?\b|advertis|promotion|广告|推广|投放|营销活动/i,
  campaign_start: /campaign|\bads?\b|advertis|promotion|广告|推广|投放|营销活动/i,
  price_increase:
    /price (?:increase|rise|hike)|prices? (?:went|were|was|rose|increased|up)|raised (?:the )?prices?|higher prices?|more expensive|涨价|提价|价格上涨|价格上调|价格提高/i,
  price_decrease:
    /price (?:cut|drop|decrease|reduction)|prices? (?:fell|dropped|were cut|down)|cheaper|降价|价格下调|价格下降/i,
  traffic_drop: /traffic|sessions|visits|流量|访问量|访客/i,
  traffic_surge: /traffic|sessions|visits|流量|访问量|访客/i,
  channel_outage: /outage|unavailable|offline|went down|停摆|故障|下线|中断/i,
  returns_spike: /returns? (?:spike|rate|rose|jump)|more returns|refunds? (?:spike|rose|jump)|退货|退款激增/i,
  rating_drop: /ratings?|reviews?|评分|评价|差评/i,
};

const SEGMENT_TERMS: Record<string, RegExp> = {
  amazon: /amazon|亚马逊/i,
  own_website: /own (?:web)?site|website|官网|独立站|自有网站/i,
  other_marketplace: /marketplace|walmart|ebay|etsy|其他平台/i,
  Bikinis: /bikini|比基尼/i,
  Swimwear: /swim|泳/i,
};

const CAUSAL =
  /because|due to|driven|caus|led to|explain|contribut|reason|behind|effect|impact|accounts? for|原因|由于|因为|导致|造成|拖累|影响|贡献|\d/i;
const BOILERPLATE = /\bmeans\b|definition|口径|是指/i;

function segmentTerms(segment: unknown): RegExp[] {
  const out: RegExp[] = [];
  if (!segment || typeof segment !== 'object') return out;
  for (const [k, v] of Object.entries(segment as Record<string, unknown>)) {
    if (typeof v !== 'string') continue;
    if (SEGMENT_TERMS[v]) out.push(SEGMENT_TERMS[v]);
    else if (k === 'traffic_source') {
      // "Instagram Ads – Summer Splash 2025": the campaign's name or the platform.
      const campaign = v
        .split(/\s+[–-]\s+/)
        .at(-1)!
        .replace(/\s*\d{4}$/, '');
      const platform = v.split(/\s+/)[0]!;
      out.push(new RegExp(`${escapeRegExp(campaign)}|${escapeRegExp(platform)}`, 'i'));
    } else out.push(new RegExp(escapeRegExp(v), 'i'));
  }
  return out;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function sentences(text: string): string[] {
  return text
    .split(/\n+|[。！？；]|[.!?;](?=\s|$)/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function eventNamed(e: Pick<ManifestEvent, 'kind' | 'segment'>, text: string): boolean {
  const kind = KIND_TERMS[e.kind];
  if (!kind) return false;
  const segs = segmentTerms(e.segment);
  return sentences(text).some((s) => kind.test(s) && (!segs.length || segs.some((re) => re.test(s))));
}

/** Event kinds the answer puts forward as causes. */
export function claimedKinds(text: string): Set<string> {
  const out = new Set<string>();
  for (const s of sentences(text)) {
    if (BOILERPLATE.test(s) || !CAUSAL.test(s)) continue;
    for (const [kind, re] of Object.entries(KIND_TERMS)) if (re.test(s)) out.add(kind);
  }
  return out;
}

export interface CauseScore {
  expected: string[];
  found: string[];
  /** Kinds claimed that match no expected event. */
  wrong: string[];
  recall: number;
  precision: number;
}

export function scoreCauses(text: string, expectedIds: string[], manifest: Pick<Manifest, 'events'>): CauseScore {
  const events = expectedIds
    .map((id) => manifest.events.find((e) => e.id === id))
    .filter((e): e is ManifestEvent => Boolean(e));
  const found = events.filter((e) => eventNamed(e, text)).map((e) => e.id);
  const expectedKinds = new Set(events.map((e) => e.kind));
  // campaign_start and campaign_end share their words, as do the traffic kinds: a claim of either is one claim.
  const family = (k: string) => k.replace(/_(?:start|end|drop|surge|increase|decrease)$/, '');
  const expectedFamilies = new Set([...expectedKinds].map(family));
  const claimed = [...claimedKinds(text)].map(family);
  const uniqueClaims = [...new Set(claimed)];
  const wrong = uniqueClaims.filter((k) => !expectedFamilies.has(k));
  const right = uniqueClaims.length - wrong.length;
  return {
    expected: expectedIds,
    found,
    wrong,
    recall: expectedIds.length ? found.length / expectedIds.length : 1,
    precision: uniqueClaims.length ? right / uniqueClaims.length : expectedIds.length ? 0 : 1,
  };
}
