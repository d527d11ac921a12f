// Traffic sources and the baseline campaign calendar. Organic sources are always on; each campaign
// owns one traffic source (paid ads or an email push) that brings extra sessions inside its window.
import { blackFriday, dayOf, yearOf } from './calendar.ts';

export type SourceType = 'direct' | 'search' | 'social' | 'email' | 'referral' | 'paid_social' | 'paid_search';
export type CampaignType = 'paid_social' | 'paid_search' | 'email';

export interface Source {
  id: number;
  name: string;
  type: SourceType;
  campaignId: number | null;
  /** Share of organic sessions (0 for campaign sources). */
  organicShare: number;
  /** Relative conversion of its sessions. */
  convFactor: number;
  referrer: string | null;
}

export interface Campaign {
  id: number;
  name: string;
  type: CampaignType;
  startDay: number;
  /** Planned last day; a campaign_end event may stop it earlier. */
  endDay: number;
  /** Extra sessions per day as a fraction of the baseline sessions of that day. */
  lift: number;
  discountPct: number;
  audience: string;
  sourceId: number;
  /** Set by scenario events (campaign_start) rather than the baseline calendar. */
  eventId?: string;
}

const ORGANIC: Array<[string, SourceType, number, number, string | null]> = [
  ['Direct', 'direct', 0.26, 1.3, null],
  ['Google', 'search', 0.3, 1.1, 'https://www.google.com/'],
  ['Bing', 'search', 0.05, 1.0, 'https://www.bing.com/'],
  ['Facebook', 'social', 0.07, 0.7, 'https://www.facebook.com/'],
  ['Instagram', 'social', 0.11, 0.75, 'https://www.instagram.com/'],
  ['Pinterest', 'social', 0.04, 0.7, 'https://www.pinterest.com/'],
  ['TikTok', 'social', 0.07, 0.6, 'https://www.tiktok.com/'],
  ['Email newsletter', 'email', 0.06, 1.5, null],
  ['Referral', 'referral', 0.04, 1.0, 'https://www.swimstyleblog.example/'],
];

const PLATFORM: Record<CampaignType, { prefix: string; referrer: string | null; conv: number }> = {
  paid_social: { prefix: 'Instagram Ads', referrer: 'https://www.instagram.com/', conv: 0.95 },
  paid_search: { prefix: 'Google Ads', referrer: 'https://www.google.com/', conv: 1.25 },
  email: { prefix: 'Email', referrer: null, conv: 1.6 },
};

export interface CampaignSpec {
  name: string;
  type: CampaignType;
  startDay: number;
  endDay: number;
  lift: number;
  discountPct: number;
  audience: string;
  /** Overrides the '<Platform> – <campaign>' source name. */
  sourceName?: string;
  eventId?: string;
}

/** The campaigns a small swimwear brand runs every year. */
export function baselineCampaigns(fromDay: number, toDay: number): CampaignSpec[] {
  const out: CampaignSpec[] = [];
  for (let y = yearOf(fromDay); y <= yearOf(toDay); y++) {
    const bf = blackFriday(y);
    out.push(
      {
        name: `New Year Sale ${y}`,
        type: 'email',
        startDay: dayOf(y, 0, 2),
        endDay: dayOf(y, 0, 14),
        lift: 0.2,
        discountPct: 15,
        audience: 'returning customers',
      },
      {
        name: `Spring Preview ${y}`,
        type: 'paid_search',
        startDay: dayOf(y, 2, 20),
        endDay: dayOf(y, 3, 20),
        lift: 0.08,
        discountPct: 0,
        audience: 'all visitors',
      },
      {
        name: `Summer Splash ${y}`,
        type: 'paid_social',
        startDay: dayOf(y, 4, 1),
        endDay: dayOf(y, 7, 31),
        lift: 0.16,
        discountPct: 10,
        audience: 'women 18-34',
      },
      {
        name: `Black Friday ${y}`,
        type: 'paid_social',
        startDay: bf - 1,
        endDay: bf + 3,
        lift: 0.7,
        discountPct: 25,
        audience: 'all visitors',
        sourceName: `Facebook Ads – Black Friday ${y}`,
      },
      {
        name: `Holiday Gifts ${y}`,
        type: 'email',
        startDay: dayOf(y, 11, 8),
        endDay: dayOf(y, 11, 20),
        lift: 0.2,
        discountPct: 15,
        audience: 'returning customers',
      },
    );
  }
  return out.filter((c) => c.endDay >= fromDay && c.startDay <= toDay);
}

export function buildTraffic(specs: CampaignSpec[]): { sources: Source[]; campaigns: Campaign[] } {
  const sources: Source[] = ORGANIC.map(([name, type, share, conv, referrer], i) => ({
    id: i + 1,
    name,
    type,
    campaignId: null,
    organicShare: share,
    convFactor: conv,
    referrer,
  }));
  const campaigns: Campaign[] = specs.map((s, i) => {
    const p = PLATFORM[s.type];
    const sourceId = sources.length + 1;
    sources.push({
      id: sourceId,
      name: s.sourceName ?? `${p.prefix} – ${s.name}`,
      type: s.type,
      campaignId: i + 1,
      organicShare: 0,
      convFactor: p.conv * (s.discountPct > 0 ? 1.2 : 1),
      referrer: p.referrer,
    });
    return {
      id: i + 1,
      name: s.name,
      type: s.type,
      startDay: s.startDay,
      endDay: s.endDay,
      lift: s.lift,
      discountPct: s.discountPct,
      audience: s.audience,
      sourceId,
      eventId: s.eventId,
    };
  });
  return { sources, campaigns };
}
