// A campaign the question names that the data does not hold: said first, then the campaigns the period does hold
// (from campaign_performance's own rows, read without the name), the nearest by shared words leading. Pure.
import type { Intent } from '../intent.ts';
import { quoteData } from './format.ts';
import { type Row, zh } from './read.ts';

/** Lower-case words of a name, years and other numbers left out (every campaign of a year shares them). */
const words = (s: string) =>
  s
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w && !/^\d+$/.test(w));

/** Campaign names of the rows, nearest to the asked name first (most shared words), then in row order. */
export function nearestCampaigns(asked: string, rows: Row[]): string[] {
  const want = new Set(words(asked));
  const names = [...new Set(rows.map((r) => String(r.campaign_name ?? '')).filter(Boolean))];
  const shared = (n: string) => words(n).filter((w) => want.has(w)).length;
  return names
    .map((n, k) => ({ n, k, s: shared(n) }))
    .sort((a, b) => b.s - a.s || a.k - b.k)
    .map((x) => x.n);
}

/** "No campaign named X is in the data", then the period's campaigns; null when the rows name none. */
export function unknownCampaignText(i: Intent, asked: string, rows: Row[], period: string): string | null {
  const names = nearestCampaigns(asked, rows);
  if (!names.length) return null;
  const list = names.slice(0, 10).map((n) => {
    const r = rows.find((x) => String(x.campaign_name) === n)!;
    const when = typeof r.start_date === 'string' && typeof r.end_date === 'string';
    const dates = when ? ` (${String(r.start_date).slice(0, 10)} – ${String(r.end_date).slice(0, 10)})` : '';
    return `- ${quoteData(n)}${dates}`;
  });
  const more = names.length > 10 ? names.length - 10 : 0;
  const want = new Set(words(asked));
  const near = words(names[0]!).some((w) => want.has(w));
  if (zh(i.language))
    return [
      `数据中没有名为${quoteData(asked)}的营销活动，所以我没有给出它的效果。${period}数据中有以下 ${names.length} 个营销活动${near ? '（名称最接近的排在前面）' : ''}：`,
      ...list,
      ...(more ? [`……另有 ${more} 个。`] : []),
      '可以问其中任一个活动的效果，例如它的 ROAS。',
    ].join('\n');
  return [
    `No campaign named ${quoteData(asked)} is in the data, so I have no results for it. The campaigns in the data for ${period} (${names.length}${near ? ', nearest name first' : ''}):`,
    ...list,
    ...(more ? [`…and ${more} more.`] : []),
    'Ask about any of them by name, e.g. its ROAS.',
  ].join('\n');
}
