// Claim check: the sentences of an answer that state an extreme, a share, a direction, a stock-out or a count
// are matched against the findings the turn's tools attached to their results. Pure, and conservative:
// a sentence with no claim keyword is no claim, and a claim is contradicted only when a finding about a
// subject the sentence names says otherwise.
import {
  CHANNEL_LABELS,
  METRIC_LABELS,
  type ClaimNote,
  type ClaimsCheck,
  type Finding,
  type FindingOf,
} from '../protocol/index.ts';
import { MONTHS } from '../protocol/periods.ts';
import { VALUE_LABELS_ZH } from '../protocol/value-labels.ts';
import { extractNumbers } from './grounding.ts';
import { anyNumber } from './number-words.ts';

type Verdict = { status: 'verified' | 'unverified' | 'contradicted'; reason: string };
type Check = (clause: string, findings: Finding[]) => Verdict | null;

/** Alternatives joined into one case-insensitive pattern, so long keyword lists stay readable. */
const anyOf = (...alts: string[]) => new RegExp(alts.join('|'), 'i');

export const CLAIM_PATTERNS = {
  high: anyOf(
    String.raw`\b(?:highest|the most(?! of)|largest|biggest|best|peak(?:ed|s)?|strongest|top)\b`,
    '最高|最多|最大|最好|峰值|最强|最畅销',
  ),
  low: anyOf(
    String.raw`\b(?:lowest|the least|smallest|weakest|worst|bottom|slowest)\b`,
    '最低|最少|最小|最差|最弱|垫底',
  ),
  dropMost: anyOf(
    String.raw`\b(?:biggest|largest|steepest|sharpest|deepest) (?:drop|decline|fall|decrease)s?\b`,
    String.raw`\b(?:fell|dropped|declined|decreased) (?:the )?most\b`,
    '降幅最大|下降最多|下滑最多|跌幅最大|减少最多',
  ),
  riseMost: anyOf(
    String.raw`\b(?:biggest|largest|strongest|fastest) (?:rise|increase|gain|growth)\b`,
    String.raw`\b(?:grew|rose|increased) (?:the )?most\b`,
    '增幅最大|增长最多|上升最多|涨幅最大|增加最多',
  ),
  share: anyOf(
    String.raw`\bshare\b|[%％]\s*of\b|\bpercent of\b`,
    String.raw`占比|份额|占.{0,12}?\d+(?:\.\d+)?\s*[%％]`,
  ),
  stock: anyOf(String.raw`\bout[- ]of[- ]stock\b|\bstock-?outs?\b|\bsold out\b`, '缺货|断货|售罄'),
  up: anyOf(
    String.raw`\b(?:rose|risen|rises|increased|increases|grew|grown|grows|gained|climbed)\b`,
    // "made up 50% of sales" is a share, not a rise.
    String.raw`(?<!\bma(?:de|kes?|king) )\bup(?= (?:by )?[-+$€£¥]?\d)`,
    '上升|增长|增加|上涨|提高|回升',
  ),
  down: anyOf(
    String.raw`\b(?:fell|fallen|falls|dropped|drops|declined|declines|decreased|decreases)\b`,
    String.raw`\bdown(?= (?:by )?[-+$€£¥]?\d)`,
    '下降|下跌|减少|降低|下滑|回落',
  ),
  count: anyOf(
    String.raw`\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten) ` +
      String.raw`(?:products|items|SKUs|countries|channels|categories)\b`,
    String.raw`(\d+|[一二两三四五六七八九十]+)\s*(?:个|款|种)\s*(?:产品|商品|SKU|国家|渠道|品类)`,
  ),
};
// "contributed the most to the drop" is about drivers, not an extreme of the rows.
const NOT_EXTREME = /contribut|on top of|\bmost of\b|贡献|驱动/i;
const NEGATION = /\b(?:not|never|no|none|nothing|didn't|did not|isn't|wasn't|aren't)\b|n't\b|没有|并未|未|不是|无/i;
const GRAIN_WORDS: Record<string, RegExp> = {
  day: /\bday|\bdate|日|天|号/i,
  week: /\bweek|周|星期/i,
  month: /\bmonth|月/i,
};

/** Sentences of an answer (English and Chinese punctuation, one per line), without markdown tables and bullets. */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  let fenced = false;
  for (const raw of text.split('\n')) {
    if (/^\s*```/.test(raw)) fenced = !fenced;
    if (fenced || /^\s*(?:\||```)/.test(raw)) continue;
    const line = raw
      .replace(/^\s*(?:[-*+•]|\d+[.)、])\s+/, '')
      .replace(/\*\*|__/g, '')
      .trim();
    for (const s of line.split(/(?<=[。！？])|(?<=[.!?])(?=\s)/)) if (s.trim()) out.push(s.trim());
  }
  return out;
}

/**
 * A change finding about a metric as a whole (its subject is "total" or the period itself) is named by the metric:
 * "Orders: 4,789, up 152" is about the orders finding.
 */
const METRIC_KEY = 'metric:';
function subjectKey(c: FindingOf<'change'>): string {
  return c.subject === 'total' || c.subject === c.period ? `${METRIC_KEY}${c.metric}` : c.subject;
}

/**
 * Other ways an answer writes a name: paid_social as "paid social"; month 2025-07-01 or 2025-07 as "2025-07",
 * "July 2025".
 */
function aliases(name: string, over?: string): string[] {
  if (name.startsWith(METRIC_KEY)) {
    const id = name.slice(METRIC_KEY.length);
    const label = (METRIC_LABELS as Record<string, { en: string; zh: string } | undefined>)[id];
    return label ? [label.en, label.zh] : [id.replace(/_/g, ' ')];
  }
  const channel = (CHANNEL_LABELS as Record<string, { en: string; zh: string } | undefined>)[name];
  // Countries, categories and devices as the Chinese answers write them (美国, 泳衣, 移动端).
  const zhLabel = VALUE_LABELS_ZH[name];
  const out = [
    name,
    name.replace(/_/g, ' '),
    ...(channel ? [channel.en, channel.zh] : []),
    ...(zhLabel ? [zhLabel] : []),
  ];
  // A month bucket as a template writes it (2025-07-01) or as a query's DATE_FORMAT does (2025-07).
  const m = /^(\d{4})-(\d{2})(?:-01)?$/.exec(name);
  if (!m || over !== 'month') return out;
  const month = Number(m[2]);
  return [...out, `${m[1]}-${m[2]}`, `${MONTHS[month - 1]} ${m[1]}`, `${m[1]}年${month}月`];
}

/** Every name the findings know, with the grain or dimension it belongs to (for its aliases). */
function knownNames(findings: Finding[]): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  for (const f of findings) {
    if (f.kind === 'extreme')
      for (const n of [f.subject.name, ...f.among, ...f.excluded.map((p) => p.name)]) out.set(n, f.over);
    else if (f.kind === 'ranking') for (const x of f.items) out.set(x.name, f.by);
    else if (f.kind === 'share') out.set(f.subject, undefined);
    else if (f.kind === 'change') out.set(subjectKey(f), undefined);
    else if (f.kind === 'rate' && f.subject !== 'all') out.set(f.subject, undefined);
    else if (f.kind === 'count' || f.kind === 'threshold') for (const n of f.items) out.set(n, undefined);
  }
  return out;
}

/**
 * The known names a clause mentions. Longer names claim their text first, so "paid social" is not also a
 * mention of "social".
 */
function mentionedIn(clause: string, findings: Finding[]): Set<string> {
  return mentions(clause, findings).names;
}

/** The known names a clause mentions and where: the spans, so a name's own words are not read as claim words. */
function mentions(clause: string, findings: Finding[]): { names: Set<string>; spans: [number, number][] } {
  const spans: [number, number][] = [];
  const seen = new Set<string>();
  const forms = [...knownNames(findings)].flatMap(([name, over]) => aliases(name, over).map((a) => ({ name, a })));
  forms.sort((x, y) => y.a.length - x.a.length);
  for (const { name, a } of forms) {
    const esc = a.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    // A plural reads as the same name: "other marketplaces" for other_marketplace.
    const plural = /[A-Za-z]$/.test(a) ? '(?:e?s)?' : '';
    for (const m of clause.matchAll(new RegExp(`(?<![A-Za-z0-9])${esc}${plural}(?![A-Za-z0-9])`, 'gi'))) {
      const [lo, hi] = [m.index, m.index + m[0].length];
      if (spans.some(([l, h]) => lo < h && hi > l)) continue;
      spans.push([lo, hi]);
      seen.add(name);
    }
  }
  return { names: seen, spans };
}

/** The clause with the names the findings know blanked out: "Tidal Navy Tank Top" holds no "top" claim. */
function withoutNames(clause: string, findings: Finding[]): string {
  let out = clause;
  for (const [lo, hi] of mentions(clause, findings).spans) out = out.slice(0, lo) + ' '.repeat(hi - lo) + out.slice(hi);
  return out;
}

/** The names of `names` the clause mentions. */
function named(clause: string, names: string[], findings: Finding[]): string[] {
  const seen = mentionedIn(clause, findings);
  return names.filter((n) => seen.has(n));
}

const fmt = (v: number) =>
  Number.isInteger(v) ? v.toLocaleString('en-US') : v.toLocaleString('en-US', { maximumFractionDigits: 2 });
const pctText = (r: number) => `${(r * 100).toFixed(1)}%`;

/** Extremes, with a ranking read as its first item being the highest (top) or lowest (bottom). */
function extremesOf(findings: Finding[]): FindingOf<'extreme'>[] {
  return findings.flatMap((f): FindingOf<'extreme'>[] => {
    if (f.kind === 'extreme') return [f];
    if (f.kind !== 'ranking' || !f.items.length) return [];
    const which = f.direction === 'top' ? 'highest' : 'lowest';
    const among = f.items.map((x) => x.name);
    return [
      {
        kind: 'extreme',
        metric: f.metric,
        period: f.period,
        which,
        over: f.by,
        subject: f.items[0]!,
        among,
        excluded: [],
      },
    ];
  });
}

/** "The largest single cause explains only 12.8%": an extreme over the causes' shares of a change, no cause named. */
const CAUSE_EXTREME = anyOf(
  String.raw`\b(?:largest|biggest|strongest|top|main|leading)\b(?: single)? (?:cause|driver|factor)\b`,
  '最大的?(?:单一|单个)?(?:原因|因素)|(?:首要|主要)(?:原因|因素)',
);
/** The season-and-trend cause: the expected move, which a "largest single cause" may leave out. */
const EXPECTED_MOVE = /seasonality|general trend|季节|整体趋势/i;

/**
 * The largest cause's share: verified when the stated percentage is the largest share any cause of the change has,
 * counting the expected move or not; a percentage no cause has stays unverified (a cause without a name has no
 * share finding, so it may be the largest).
 */
const checkCauseExtreme: Check = (clause, findings) => {
  if (!CAUSE_EXTREME.test(clause)) return null;
  const ps = percents(clause);
  const causes = findings.filter((f): f is FindingOf<'share'> => f.kind === 'share' && /_change$/.test(f.metric));
  if (!ps.length || !causes.length) return null;
  const largest = (fs: FindingOf<'share'>[]) => Math.max(...fs.map((f) => Math.abs(f.share)));
  const expected = new Set(causes.filter((f) => EXPECTED_MOVE.test(f.subject)).map((f) => `${f.value}|${f.share}`));
  const others = causes.filter((f) => !expected.has(`${f.value}|${f.share}`));
  const tops = [largest(causes), ...(others.length ? [largest(others)] : [])];
  const p = ps.find((x) => tops.some((t) => nearPct(x, t)));
  if (p) return { status: 'verified', reason: `the largest cause's share of the change is ${p.text}` };
  return { status: 'unverified', reason: `no cause's share of the change is ${ps.map((x) => x.text).join(', ')}` };
};

const checkExtreme: Check = (clause, findings) => {
  if (CAUSE_EXTREME.test(clause)) return null;
  if (NOT_EXTREME.test(clause) || CLAIM_PATTERNS.dropMost.test(clause) || CLAIM_PATTERNS.riseMost.test(clause))
    return null;
  const words = withoutNames(clause, findings);
  const hi = CLAIM_PATTERNS.high.test(words);
  const lo = CLAIM_PATTERNS.low.test(words);
  if (hi === lo) return null;
  const which = hi ? 'highest' : 'lowest';
  const relevant = extremesOf(findings)
    .filter((f) => f.which === which)
    .flatMap((f) => {
      const universe = [f.subject.name, ...f.among, ...f.excluded.map((p) => p.name)];
      const isPeriod = f.over in GRAIN_WORDS;
      // A period claim names the grain or the exact bucket; "in 2025-07, Amazon was highest" is about channels.
      const names = named(clause, [...new Set(universe)], findings).filter(
        (n) => !isPeriod || GRAIN_WORDS[f.over]!.test(clause) || clause.includes(n),
      );
      return names.length ? [{ f, names }] : [];
    });
  if (!relevant.length) return { status: 'unverified', reason: `no ${which} finding names what the sentence names` };
  const ok = relevant.find(({ f, names }) => names.includes(f.subject.name));
  if (ok)
    return {
      status: 'verified',
      reason: `${ok.f.subject.name} is the ${which} ${ok.f.over} (${fmt(ok.f.subject.value)})`,
    };
  const { f, names } = relevant[0]!;
  const partial = f.excluded.find((p) => names.includes(p.name));
  const actual = `the ${which} ${partial ? 'full ' : ''}${f.over} is ${f.subject.name} (${fmt(f.subject.value)})`;
  if (partial) return { status: 'contradicted', reason: `${partial.name} is a partial ${f.over}, left out; ${actual}` };
  return { status: 'contradicted', reason: `${actual}, not ${names.join(', ')}` };
};

function changes(findings: Finding[]): FindingOf<'change'>[] {
  return findings.filter((f): f is FindingOf<'change'> => f.kind === 'change');
}

/** "Biggest drop" / "grew the most": the part with the largest fall (or rise), absolute or relative. */
const checkMostChange: Check = (clause, findings) => {
  const drop = CLAIM_PATTERNS.dropMost.test(clause);
  if (!drop && !CLAIM_PATTERNS.riseMost.test(clause)) return null;
  const groups = new Map<string, FindingOf<'change'>[]>();
  for (const c of changes(findings)) {
    if (c.subject === 'total') continue;
    const key = `${c.metric}|${c.period ?? ''}|${c.base ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  const sign = drop ? 1 : -1;
  for (const group of groups.values()) {
    const names = named(
      clause,
      group.map((c) => c.subject),
      findings,
    );
    if (group.length < 2 || !names.length) continue;
    const byAbs = group.reduce((a, b) => (sign * b.absolute < sign * a.absolute ? b : a));
    const withRel = group.filter((c) => c.relative !== null);
    const byRel = withRel.length ? withRel.reduce((a, b) => (sign * b.relative! < sign * a.relative! ? b : a)) : byAbs;
    const word = drop ? 'drop' : 'rise';
    if (sign * byAbs.absolute >= 0)
      return { status: 'contradicted', reason: `no part shows a ${word} in ${byAbs.metric}` };
    if (names.includes(byAbs.subject) || names.includes(byRel.subject)) {
      return { status: 'verified', reason: `${names.join(', ')} has the biggest ${word} (${fmt(byAbs.absolute)})` };
    }
    return {
      status: 'contradicted',
      reason: `the biggest ${word} is ${byAbs.subject} (${fmt(byAbs.absolute)}), not ${names.join(', ')}`,
    };
  }
  return { status: 'unverified', reason: 'no change finding names what the sentence names' };
};

/** Percentages written in the clause (not percentage points). */
function percents(clause: string) {
  return extractNumbers(clause).filter((m) => m.percent && !/pp$/.test(m.text));
}
const nearPct = (m: { value: number; tolerance: number }, ratio: number) =>
  Math.abs(m.value - Math.abs(ratio) * 100) <= m.tolerance + 0.05;

/** A change word used as a noun, the whole a part is a share of: "约占下降的 7.8%", "抵消了增长". */
const CHANGE_AS_NOUN = /(?:占|抵消了?)\s*(?:其|了)?\s*(?:下降|下跌|下滑|减少|增长|上升|增加)(?:的)?/g;

const checkDirection: Check = (clause, findings) => {
  const verbs = clause.replace(CHANGE_AS_NOUN, (x) => ' '.repeat(x.length));
  const up = CLAIM_PATTERNS.up.test(verbs);
  if (up === CLAIM_PATTERNS.down.test(verbs) || NEGATION.test(clause)) return null;
  if (CLAIM_PATTERNS.dropMost.test(clause) || CLAIM_PATTERNS.riseMost.test(clause)) return null;
  const claimed = up ? 'up' : 'down';
  const cands = changes(findings).filter((c) => named(clause, [subjectKey(c)], findings).length);
  if (!cands.length) return { status: 'unverified', reason: 'no change finding names what the sentence names' };
  const same = cands.filter((c) => c.direction === claimed);
  if (!same.length) {
    const c = cands[0]!;
    const how = c.direction === 'flat' ? 'did not change' : `went ${c.direction}`;
    return { status: 'contradicted', reason: `${c.subject} ${how} (${fmt(c.from)} → ${fmt(c.to)}), not ${claimed}` };
  }
  const ps = percents(clause);
  const shares = findings.filter(
    (f): f is FindingOf<'share'> => f.kind === 'share' && same.some((c) => c.subject === f.subject),
  );
  const explained = (p: (typeof ps)[number]) =>
    same.some((c) => (c.relative !== null && nearPct(p, c.relative)) || nearPct(p, c.from) || nearPct(p, c.to)) ||
    shares.some((s) => nearPct(p, s.share));
  if (ps.length && !ps.some(explained)) {
    const c = same[0]!;
    const rel = c.relative === null ? 'from zero' : pctText(c.relative);
    return { status: 'contradicted', reason: `${c.subject} changed ${rel}, not ${ps.map((p) => p.text).join(', ')}` };
  }
  return { status: 'verified', reason: `${same[0]!.subject} went ${claimed}` };
};

const checkShare: Check = (clause, findings) => {
  if (!CLAIM_PATTERNS.share.test(clause) || CAUSE_EXTREME.test(clause)) return null;
  const ps = percents(clause);
  if (!ps.length) return null;
  const cands = findings.filter(
    (f): f is FindingOf<'share'> => f.kind === 'share' && named(clause, [f.subject], findings).length > 0,
  );
  if (!cands.length) return { status: 'unverified', reason: 'no share finding names what the sentence names' };
  const hit = cands.find((c) => ps.some((p) => nearPct(p, c.share)));
  if (hit) return { status: 'verified', reason: `${hit.subject} is ${pctText(hit.share)} of the total` };
  const c = cands[0]!;
  return {
    status: 'contradicted',
    reason: `${c.subject} is ${pctText(c.share)} of the total, not ${ps.map((p) => p.text).join(', ')}`,
  };
};

// A percentage stated as a rate of something: "14.28% of sessions", "conversion 3.45%", "加购率 12.84%".
const RATE_WORDS =
  /\brates?\b|\bconver(?:sion|ted|ts?)\b|\bof (?:sessions|carts|visits)\b|\broi\b|\broas\b|率|转化|占/i;

/**
 * The words that name a rate, by the rate ids they can stand for. A word standing for several ("added to cart" is
 * a rate of sessions or of viewers) is narrowed by the denominator the clause names, and a number whose kind stays
 * ambiguous is never contradicted.
 */
const RATE_KINDS: { re: RegExp; metrics: string[] }[] = [
  { re: /\bROAS\b|广告支出回报率?|投入产出比/gi, metrics: ['roas'] },
  { re: /\bROI\b|投资回报率/gi, metrics: ['roi'] },
  {
    re: /\bcheckout(?: rate| conversion)?\b|\bof carts ordered\b|\bordered\b|加购后下单率|结账率|下单率/gi,
    metrics: ['checkout_rate'],
  },
  {
    re: /\badd(?:ed|s)?[- ]to[- ]cart(?: rate)?\b|\bcart rate\b|加购率|加入购物车|加购/gi,
    metrics: ['session_cart_rate', 'cart_rate'],
  },
  { re: /\bview(?:ed)? a product\b|\bview rate\b|浏览率|浏览商品/gi, metrics: ['view_rate'] },
  {
    re: /\b(?:session )?conver(?:sion(?: rate)?|ts?|ted)\b|(?:访问|会话)?转化率/gi,
    metrics: ['session_conversion', 'conversion_rate'],
  },
  { re: /\breturn rate\b|退货率/gi, metrics: ['return_rate'] },
  { re: /\bnew[- ]customer share\b|\bshare of new customers\b|新客占比/gi, metrics: ['new_customer_share'] },
];

/** Denominator phrases: "of sessions" is a rate of sessions, "of carts" one of sessions that added to cart. */
const DENOMINATORS: { re: RegExp; name: string }[] = [
  { re: /\bof sessions with a product view\b|\bof viewers\b|占浏览商品访问/i, name: 'viewed' },
  { re: /\bof carts\b|\bof sessions with an add-to-cart\b|占加购访问/i, name: 'carted' },
  { re: /\bof (?:all )?sessions\b(?! with)|占(?:全部)?访问(?!.{0,3}的\s*[\d.]+\s*[%％]?（)/i, name: 'sessions' },
];

/** A rate about the whole is named only by these words; without them a sentence may be about an unnamed segment. */
const OVERALL = /\boverall\b|\bin total\b|\ball sessions\b|\bsite-?wide\b|整体|总体|全站/i;
/** A comparison puts a second value of the same rate in the sentence (last year's, another segment's). */
const COMPARING =
  /\b(?:from|vs\.?|versus|compared|against|previous(?:ly)?|prior|last (?:year|month|week|quarter|period)|than|before|earlier|was|were)\b|相比|比|从|同比|环比|上期|去年|上月|此前|之前/i;

type RateNumber = ReturnType<typeof extractNumbers>[number] & { at: number; metrics: string[] | null; near: boolean };

/**
 * The numbers of a clause a rate word claims: in the same comma-separated part, the nearest word; else the last word
 * of an earlier part ("Added to cart: 3,285 sessions, 14.28% of sessions"), marked as not near. A ROAS may be a plain
 * multiple; every other rate is a percentage.
 */
function rateNumbers(clause: string): RateNumber[] {
  const words: { lo: number; hi: number; metrics: string[] }[] = [];
  // "of sessions with an add-to-cart" names the denominator, not an add-to-cart rate; nor does a definition in
  // brackets ("（下单访问 ÷ 全部访问）").
  let plain = clause.replace(/[（(][^（）()]*÷[^（）()]*[）)]/g, (x) => ' '.repeat(x.length));
  for (const d of DENOMINATORS) plain = plain.replace(new RegExp(d.re.source, 'gi'), (x) => ' '.repeat(x.length));
  for (const k of RATE_KINDS)
    for (const m of plain.matchAll(k.re)) {
      const [lo, hi] = [m.index, m.index + m[0].length];
      if (!words.some((w) => lo < w.hi && hi > w.lo)) words.push({ lo, hi, metrics: k.metrics });
    }
  const cuts = [...clause.matchAll(/[,，;；]/g)].map((m) => m.index);
  const partOf = (i: number) => cuts.filter((c) => c < i).length;
  const out: RateNumber[] = [];
  for (const m of extractNumbers(clause)) {
    const at = clause.indexOf(m.text);
    if (at < 0 || /pp$/.test(m.text)) continue;
    const own = words.filter((w) => partOf(w.lo) === partOf(at));
    const nearest = own.sort((a, b) => Math.abs(a.lo - at) - Math.abs(b.lo - at))[0];
    const earlier = words.filter((w) => w.hi <= at).sort((a, b) => b.lo - a.lo)[0];
    const w = nearest ?? earlier;
    const metrics = w ? w.metrics : null;
    const multiple = metrics?.includes('roas') && nearest && !/[$€£¥]|[kKMB万亿]$/.test(m.text);
    if (!m.percent && !multiple) continue;
    out.push({ ...m, at, metrics, near: Boolean(nearest) });
  }
  return out;
}

const rateText = (f: FindingOf<'rate'>) => (f.metric === 'roas' ? f.rate.toFixed(2) : pctText(f.rate));
const rateMatches = (m: RateNumber, f: FindingOf<'rate'>) =>
  m.percent ? nearPct(m, f.rate) : Math.abs(m.value - f.rate) <= m.tolerance;

/**
 * Rates stated in a clause (a funnel's "14.28% of sessions added to cart", a campaign's "ROAS 1.74"): each must be
 * the rate of a finding about the segment the clause names (or about all when it names none). A rate is
 * contradicted only when the match is unambiguous: one segment named (or "overall" with none), the rate's word
 * narrowed to one finding of that segment, no comparison in the sentence and no year the finding's period lacks.
 * Anything looser that does not match is unverified, never verified by another segment's rate.
 */
const checkRate: Check = (clause, findings) => {
  const rates = findings.filter((f): f is FindingOf<'rate'> => f.kind === 'rate');
  if (!rates.length) return null;
  const nums = rateNumbers(clause);
  if (!nums.length || !(CLAIM_PATTERNS.share.test(clause) || RATE_WORDS.test(clause))) return null;
  const segments = named(clause, [...new Set(rates.map((f) => f.subject).filter((s) => s !== 'all'))], findings);
  const subject = segments.length ? segments : ['all'];
  const cands = rates.filter((f) => subject.includes(f.subject));
  if (!cands.length) return null;
  const words = withoutNames(clause, findings);
  const years = [...words.matchAll(/(?<!\d)(20\d\d)(?!\d)/g)].map((m) => m[1]!);
  const firm = (segments.length === 1 || (!segments.length && OVERALL.test(words))) && !COMPARING.test(words);
  const parts = clause.split(/[,，;；]/);
  let offset = 0;
  const partAt = parts.map((p) => {
    const lo = offset;
    offset += p.length + 1;
    return { lo, hi: lo + p.length, text: p };
  });
  const verdicts = nums.flatMap((m): Verdict[] => {
    let mine = m.metrics ? cands.filter((f) => m.metrics!.includes(f.metric)) : cands;
    // A rate of a kind no finding of this segment has (a ROAS beside an ROI finding) is not this check's to judge.
    if (!mine.length) return [];
    const part = partAt.find((p) => m.at >= p.lo && m.at < p.hi)?.text ?? clause;
    const den = DENOMINATORS.find((d) => d.re.test(part));
    const byDen = den ? mine.filter((f) => f.denominator.name === den.name) : mine;
    if (byDen.length) mine = byDen;
    const hit = mine.find((f) => rateMatches(m, f));
    if (hit)
      return [
        {
          status: 'verified',
          reason: `${hit.subject}: ${hit.numerator.name} ÷ ${hit.denominator.name} is ${rateText(hit)}`,
        },
      ];
    const f = mine[0];
    const sure =
      f &&
      firm &&
      m.metrics &&
      (m.near || (den && f.denominator.name === den.name)) &&
      new Set(mine.map((x) => x.rate)).size === 1 &&
      (!f.period || !/\d{4}/.test(f.period) || years.every((y) => f.period!.includes(y)));
    if (sure)
      return [
        {
          status: 'contradicted',
          reason: `${f.subject}'s ${f.metric.replace(/_/g, ' ')} is ${rateText(f)} (${f.numerator.name} ÷ ${f.denominator.name}), not ${m.text}`,
        },
      ];
    return [{ status: 'unverified', reason: `no rate finding gives ${m.text}` }];
  });
  return (
    verdicts.find((v) => v.status === 'contradicted') ??
    verdicts.find((v) => v.status === 'unverified') ??
    verdicts[0] ??
    null
  );
};

const isStock = (condition: string) => /stock/i.test(condition);

/**
 * Of several findings of one kind for different months ("stock-outs by month": a stock_status result per month),
 * the ones of the month the sentence names ("February 2025: …", "2025年2月：…"); all of them when it names none.
 */
function ofNamedPeriod<T extends Finding>(clause: string, fs: T[]): T[] {
  if (new Set(fs.map((f) => f.period)).size < 2) return fs;
  const named = fs.filter((f) => f.period && aliases(f.period, 'month').some((a) => clause.includes(a)));
  return named.length ? named : fs;
}

const checkStock: Check = (clause, findings) => {
  if (!CLAIM_PATTERNS.stock.test(clause)) return null;
  const [f] = ofNamedPeriod(
    clause,
    findings.filter((x): x is FindingOf<'threshold'> => x.kind === 'threshold' && isStock(x.condition)),
  );
  if (!f) return { status: 'unverified', reason: 'no stock finding in the results' };
  const claimsNone = NEGATION.test(clause);
  if (claimsNone && f.holds) {
    return {
      status: 'contradicted',
      reason: `${f.items.length} item(s) are out of stock: ${f.items.slice(0, 3).join(', ')}`,
    };
  }
  if (!claimsNone && !f.holds) return { status: 'contradicted', reason: 'the results show nothing out of stock' };
  const wrong = claimsNone ? [] : named(clause, extraNames(findings), findings).filter((n) => !f.items.includes(n));
  if (wrong.length) return { status: 'contradicted', reason: `${wrong.join(', ')} is not out of stock` };
  return { status: 'verified', reason: claimsNone ? 'nothing is out of stock' : 'the items are out of stock' };
};

/** Item names any finding knows, to spot an item named as out of stock that is not. */
function extraNames(findings: Finding[]): string[] {
  return findings.flatMap((f) =>
    f.kind === 'ranking' ? f.items.map((x) => x.name) : f.kind === 'count' ? f.items : [],
  );
}

const checkCount: Check = (clause, findings) => {
  const m = CLAIM_PATTERNS.count.exec(clause);
  if (!m) return null;
  const before = clause.slice(Math.max(0, m.index - 8), m.index);
  if (/\b(?:top|bottom|first|last)\s*$|[前后]\s*$/i.test(before)) return null;
  const word = (m[1] ?? m[2])!.toLowerCase();
  const n = anyNumber(word);
  if (n === null) return null;
  let cands = findings.filter((f): f is FindingOf<'count'> => f.kind === 'count');
  if (CLAIM_PATTERNS.stock.test(clause)) cands = cands.filter((f) => isStock(f.condition));
  cands = ofNamedPeriod(clause, cands);
  const hit = cands.find((f) => f.count === n);
  if (hit) return { status: 'verified', reason: `${n} items meet "${hit.condition}"` };
  if (cands.length === 1)
    return { status: 'contradicted', reason: `${cands[0]!.count} items meet "${cands[0]!.condition}", not ${n}` };
  return { status: 'unverified', reason: 'no count finding for this condition' };
};

const CHECKS: [string, Check][] = [
  ['extreme', checkCauseExtreme],
  ['extreme', checkExtreme],
  ['change', checkMostChange],
  ['change', checkDirection],
  ['share', checkShare],
  ['rate', checkRate],
  ['threshold', checkStock],
  ['count', checkCount],
];

/** Clauses to check apart when a sentence holds opposite claims ("X rose, while Y fell"; "highest …, lowest …"). */
function clausesOf(sentence: string): string[] {
  const p = CLAIM_PATTERNS;
  const mixed = (p.high.test(sentence) && p.low.test(sentence)) || (p.up.test(sentence) && p.down.test(sentence));
  if (!mixed) return [sentence];
  return sentence
    .split(/[;；，]\s*|,\s+(?:while|whereas|but|and)?\s*|\s+(?:while|whereas|but)\s+|而|但是?/)
    .filter((c) => c.trim());
}

/** One sentence's claims; null when it holds none. */
export function checkSentence(sentence: string, findings: Finding[]): (ClaimNote & Verdict) | null {
  const verdicts: { kind: string; v: Verdict }[] = [];
  for (const clause of clausesOf(sentence)) {
    for (const [kind, check] of CHECKS) {
      const v = check(clause, findings);
      if (v) verdicts.push({ kind, v });
    }
  }
  if (!verdicts.length) return null;
  const kinds = [...new Set(verdicts.map((x) => x.kind))];
  const pick = (s: Verdict['status']) => verdicts.filter((x) => x.v.status === s);
  const decisive = pick('contradicted').length
    ? pick('contradicted')
    : pick('verified').length
      ? pick('verified')
      : verdicts;
  const status = decisive[0]!.v.status;
  return { sentence, kinds, status, reason: [...new Set(decisive.map((x) => x.v.reason))].join('; ') };
}

/** Every claim sentence of the answer, sorted into verified, unverified and contradicted. */
export function verifyClaims(answer: string, findings: Finding[]): ClaimsCheck {
  const out: ClaimsCheck = { verified: [], unverified: [], contradicted: [] };
  for (const sentence of splitSentences(answer)) {
    // A question (a suggested follow-up) or a lead-in to a list states nothing yet.
    if (/[?？:：]$/.test(sentence)) continue;
    const r = checkSentence(sentence, findings);
    if (r) out[r.status].push({ sentence: r.sentence, kinds: r.kinds, reason: r.reason });
  }
  return out;
}

/** The findings the turn's tool results carry (each source may hold a `findings` list). */
export function findingsIn(sources: unknown[]): Finding[] {
  return sources.flatMap((s) => {
    const f = s && typeof s === 'object' ? (s as { findings?: unknown }).findings : undefined;
    return Array.isArray(f) ? (f as Finding[]) : [];
  });
}
