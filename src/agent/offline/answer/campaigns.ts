// campaign_performance read back from its findings: each campaign's ROAS and ROI (rates of its budget), whether it
// earned its budget back, and of several the best and the worst by ROAS. Names from the data are quoted.
import type { Finding, FindingOf } from '../../../protocol/index.ts';
import type { Intent } from '../intent.ts';
import type { Outcome } from '../outcome.ts';
import { fmt, quoteData } from './format.ts';
import { num, type Row, scopeText, zh } from './read.ts';

const ratesOf = (fs: Finding[], metric: string) =>
  new Map(
    fs.filter((f): f is FindingOf<'rate'> => f.kind === 'rate' && f.metric === metric).map((f) => [f.subject, f]),
  );

/** A campaign's ROAS as its finding gives it, else as its row does (per-item findings may be cut to fit). */
type Roas = { rate: number; net: number; budget: number };
function roasOf(r: Row, fs: Map<string, FindingOf<'rate'>>): Roas | null {
  const f = fs.get(String(r.campaign_name));
  if (f) return { rate: f.rate, net: f.numerator.value, budget: f.denominator.value };
  const rate = num(r.roas);
  const net = num(r.net_sales);
  const budget = num(r.budget);
  return rate !== null && net !== null && budget ? { rate, net, budget } : null;
}

/** A ROAS as a multiple: 1.7438 → "1.74". */
const times = (v: number) => v.toFixed(2);

export function renderCampaigns(i: Intent, o: Outcome): string[] {
  const rows = o.payload?.rows ?? [];
  const findings = o.payload?.findings ?? [];
  const roas = ratesOf(findings, 'roas');
  if (!rows.length || !rows.some((r) => roasOf(r, roas))) return [];
  const roi = ratesOf(findings, 'roi');
  const earned = findings.find((f): f is FindingOf<'threshold'> => f.kind === 'threshold' && f.metric === 'roas');
  const ext = (which: 'highest' | 'lowest') =>
    findings.find((f): f is FindingOf<'extreme'> => f.kind === 'extreme' && f.metric === 'roas' && f.which === which);
  const lang = i.language;
  const named = Boolean(i.campaign);
  const asked = (i.campaigns ?? []).map((n) => n.toLowerCase());
  const isAsked = (name: string) => asked.some((n) => name.toLowerCase() === n);
  const out: string[] = [];
  const hi = ext('highest');
  const lo = ext('lowest');
  if (hi && lo && !named && !asked.length) {
    const { period } = scopeText(i, o);
    const n = hi.among.length;
    const line = (f: FindingOf<'extreme'>) => {
      const name = quoteData(f.subject.name);
      const high = f.which === 'highest';
      return zh(lang)
        ? `${period}的 ${n} 个营销活动中，ROAS ${high ? '最高' : '最低'}的是${name}（${times(f.subject.value)}）。`
        : `Of the ${n} campaigns in ${period}, ${name} had the ${high ? 'highest' : 'lowest'} ROAS (${times(f.subject.value)}).`;
    };
    // The end the question asks about comes first.
    const [first, second] = i.order === 'bottom' ? [lo, hi] : [hi, lo];
    out.push(line(first), line(second));
  }
  // Campaigns asked about together are the ones shown; one the data does not hold leaves the whole list.
  const all = rows.filter((r) => roasOf(r, roas));
  const picked = all.filter((r) => isAsked(String(r.campaign_name)));
  const shown = picked.length === asked.length && asked.length ? picked : all;
  for (const r of shown.slice(0, 10)) {
    const name = String(r.campaign_name);
    const f = roasOf(r, roas)!;
    const back = earned?.items.includes(name) ?? f.rate >= 1;
    const when = `${r.start_date} ${zh(lang) ? '至' : 'to'} ${r.end_date}`;
    const net = fmt(f.net, 'money');
    const budget = fmt(f.budget, 'money');
    const ret = num(r.roi) ?? roi.get(name)?.rate ?? null;
    const roiText = ret !== null ? fmt(ret, 'ratio') : null;
    if (zh(lang)) {
      out.push(
        `${named ? '' : '- '}${quoteData(name)}（${when}）的 ROAS 为 ${times(f.rate)}：归因销售额 ${net}，预算 ${budget}，` +
          `${back ? '已收回预算' : '没有收回预算'}${roiText ? `；ROI 为 ${roiText}` : ''}。`,
      );
    } else {
      out.push(
        `${named ? '' : '- '}${quoteData(name)} (${when}): ROAS ${times(f.rate)}, ${net} of attributed net sales on a budget of ${budget}, ` +
          `so it ${back ? 'earned back its budget' : 'did not earn back its budget'}${roiText ? `; ROI ${roiText}` : ''}.`,
      );
    }
  }
  out.push(definition(lang));
  return out;
}

function definition(lang: Intent['language']): string {
  return zh(lang)
    ? '口径：ROAS = 归因销售额（通过 order_campaign_map 关联到活动的未取消订单）÷ 活动预算；ROI =（归因销售额 − 商品成本 − 预算）÷ 预算。'
    : 'ROAS = attributed net sales (non-cancelled orders linked to the campaign in order_campaign_map) ÷ the campaign budget; ROI = (attributed net sales − cost of goods − budget) ÷ budget.';
}
