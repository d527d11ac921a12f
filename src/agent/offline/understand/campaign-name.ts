// The campaign a question names ("the Summer Splash 2025 campaign", "Did Black Friday 2025 earn back its budget?",
// "「Spring Preview」活动"), as written: campaign_performance matches it against the names in the data, so no
// campaign name is known here. Pure.

import { CATEGORIES, CHANNELS, COUNTRIES, DEVICES, SOURCE_NAMES, SOURCE_TYPES, type Entry } from './lexicon.ts';

/** Words that start a question or stand beside a name without being part of it. */
const LEAD =
  /^(?:what|which|who|how|(?:how|what|who)['’](?:d|s)|did|does|do|was|were|is|are|has|have|had|can|could|show|tell|give|list|compare|and|or|the|our|my|of|for|in|on|at|from|to|vs|versus)$/i;
/** Capitalised words that are never a campaign name on their own: metrics, months, places the lexicon reads. */
const NOT_NAME =
  /^(?:roas|roi|aov|kpi|gmv|sku|cvr|ctr|cpc|cpa|cogs|ltv|cac|csat|nps|bsr|us|usa|uk|eu|q[1-4]|h[12]|ytd|mtd|qtd|wtd|yoy|mom|qoq|fy\d*|i|we|you|it|january|february|march|april|may|june|july|august|september|october|november|december|amazon|ebay|etsy|website|campaigns?|promos?|promotions?)$/i;

// A channel, country or category the question names ("Amazon", "Canada") is a filter, not a campaign.
const LEXICONS: Entry<unknown>[][] = [CHANNELS, COUNTRIES, CATEGORIES, DEVICES, SOURCE_TYPES, SOURCE_NAMES];

// A straight or curly apostrophe inside a word ("what's", "2025's") is no quote mark: a quote opens before a word, not
// after a letter, and closes where no letter follows.
const QUOTED = /(?:[“"「『‘]|(?<![\w])')([^”"」』’']{2,60})(?:[”"」』]|[’'](?![A-Za-z]))/g;
// A run of capitalised words and numbers: "Summer Splash 2025", "Black Friday".
const TITLE_RUN = /\b[A-Z][\w&'’-]*(?:\s+(?:[A-Z][\w&'’-]*|\d{1,4}))*/g;
// "the summer splash campaign": the words just before "campaign", when written in lower case.
const BEFORE_CAMPAIGN = /\b(?:the|our|its|their)\s+((?:[a-z0-9][\w&'’-]*\s+){1,4}?)(?:campaign|promo(?:tion)?)\b/i;

function trimmed(run: string): string | null {
  const words = run.split(/\s+/).filter(Boolean);
  while (words.length && (LEAD.test(words[0]!) || NOT_NAME.test(words[0]!))) words.shift();
  // "Black Friday 25 ROAS": a metric after the name is not part of it.
  while (words.length && (LEAD.test(words[words.length - 1]!) || NOT_NAME.test(words[words.length - 1]!))) words.pop();
  if (!words.length) return null;
  if (words.every((w) => NOT_NAME.test(w) || /^\d+$/.test(w))) return null;
  const name = words.join(' ');
  return LEXICONS.some((l) => l.some((e) => e.re.exec(name)?.[0].length === name.length)) ? null : name;
}

/** A year written short at the end of a name ("Summer Splash 24", "black friday '25") in full, as the data names it. */
const fullYear = (name: string) => name.replace(/\s+['’‘]?(\d{2})$/, (_, yy: string) => ` 20${yy}`);

// "summer splash 24 roas?": a name typed in lower case is the run of words right before a year, when no word of it
// is a question word, a metric or a word every campaign question has.
const LOWER_BEFORE_YEAR = /((?:\b[a-z][\w&'’-]*\s+){1,4})['’‘]?((?:19|20)?\d{2})\b(?![%.,]?\d)/gi;
const NOT_IN_LOWER_NAME =
  /^(?:sales|revenue|orders?|net|total|budget|spend|ads?|all|every|each|best|worst|top|highest|lowest|during|since|until|returns?|refunds?|rate|rank(?:ed|ing)?|sort(?:ed)?|list|show|compare|pls|please|vs|versus|than|and|last|this|next|campaigns?|promos?)$/i;

// "spring preview campaigns: ROI in 2024 and 2025": the run of words right before "campaign(s)" or "promo(s)".
const LOWER_BEFORE_CAMPAIGN = /((?:\b[a-z][\w&'’-]*\s+){2,4})(?:campaigns?|promos?|promotions?)\b/gi;
const NOT_A_CAMPAIGN_KIND = /^(?:paid|social|search|email|marketing|seasonal|brand|display|retargeting|our|all|the)$/i;

/** Chinese names for the usual sales events, as campaigns name them in English ("黑五24" is "Black Friday 2024"). */
const ZH_EVENTS: [RegExp, string][] = [
  [/黑五|黑色星期五/, 'Black Friday'],
  [/网一|网络星期一/, 'Cyber Monday'],
  [/新年(?:促销|大促)?/, 'New Year'],
  [/夏季|夏日/, 'Summer'],
  [/春季|早春/, 'Spring'],
  [/节日礼品|假日礼品|节日礼物/, 'Holiday Gifts'],
];

/** Every sales event named in Chinese, with the year written right before or after it. */
function zhEventNames(q: string): string[] {
  const out: string[] = [];
  for (const [re, name] of ZH_EVENTS) {
    const g = new RegExp(
      `(?:((?:19|20)\\d{2}|\\d{2})\\s*年?\\s*的?)?(?:${re.source})(?:活动|促销|大促)?\\s*((?:19|20)\\d{2}|\\d{2})?(?!\\d)`,
      'g',
    );
    for (const m of q.matchAll(g)) {
      const y = m[2] ?? m[1];
      out.push(y ? fullYear(`${name} ${y}`) : name);
    }
  }
  return out;
}

function lowerBeforeCampaign(q: string): string | undefined {
  for (const m of q.matchAll(LOWER_BEFORE_CAMPAIGN)) {
    const words = m[1]!.trim().split(/\s+/);
    let start = words.length;
    while (
      start > 0 &&
      !LEAD.test(words[start - 1]!) &&
      !NOT_NAME.test(words[start - 1]!) &&
      !NOT_A_CAMPAIGN_KIND.test(words[start - 1]!) &&
      !NOT_IN_LOWER_NAME.test(words[start - 1]!)
    )
      start--;
    const kept = words.slice(start);
    if (kept.length >= 2) return kept.join(' ');
  }
  return undefined;
}

function lowerCaseName(q: string): string | undefined {
  for (const m of q.matchAll(LOWER_BEFORE_YEAR)) {
    const words = m[1]!.trim().split(/\s+/);
    let start = words.length;
    while (
      start > 0 &&
      !LEAD.test(words[start - 1]!) &&
      !NOT_NAME.test(words[start - 1]!) &&
      !NOT_IN_LOWER_NAME.test(words[start - 1]!)
    )
      start--;
    const kept = words.slice(start);
    if (kept.length < 2) continue;
    if (kept.length) return fullYear(`${kept.join(' ')} ${m[2]}`);
  }
  return undefined;
}

/** The campaign name a question writes, or undefined; quoted text first, then a capitalised run. */
export function campaignName(q: string): string | undefined {
  const name = writtenName(q);
  return name ? fullYear(name) : (lowerCaseName(q) ?? zhEventNames(q)[0] ?? lowerBeforeCampaign(q));
}

function writtenName(q: string): string | undefined {
  for (const m of q.matchAll(QUOTED)) {
    const name = trimmed(m[1]!.trim());
    if (name) return name;
  }
  // A lone word capitalised only because it opens the sentence ("Return on ad spend for Holiday Gifts 2024") gives
  // way to a later run; it is the name only when there is no other.
  let opener: string | undefined;
  for (const m of q.matchAll(TITLE_RUN)) {
    const name = trimmed(m[0]);
    if (!name) continue;
    if (m.index === q.search(/\S/) && !/\s/.test(name) && !/\d/.test(name)) opener ??= name;
    else return name;
  }
  if (opener) return opener;
  const lower = BEFORE_CAMPAIGN.exec(q);
  const name = lower ? trimmed(lower[1]!.trim()) : null;
  return name && !/^(?:\d{4}|last|this|next|each|every|best|worst|top|same|marketing|email|paid|social)\b/i.test(name)
    ? name
    : undefined;
}

/**
 * Every campaign a question names in a run of its own ("Did Black Friday 2025 beat Summer Splash 2025?"): a
 * question about two campaigns is about both, not the first one written.
 */
/**
 * "Spring Preview '24 vs '25", "Spring Preview 24和25": years written short and listed after a name, in full
 * ("Spring Preview 2024 vs 2025"), so the name and each year are read as the campaign in each year.
 */
function listedYears(q: string): string {
  return q
    .replace(/(?<![\w'’‘])['’‘](\d{2})\b(?![%.,]?\d)/g, '20$1')
    .replace(
      /\b((?:19|20)?\d{2})(\s*(?:和|与|及|and|vs\.?|versus|&|\/|、|,)\s*)(\d{2})(?![\d%.])/gi,
      (_, a: string, j: string, b: string) => `${a.length === 2 ? `20${a}` : a}${j}20${b}`,
    );
}

export function campaignNames(question: string): string[] {
  const q = listedYears(question);
  const names: string[] = [];
  const add = (n: string | null) => {
    if (n && !names.some((x) => x.toLowerCase() === n.toLowerCase())) names.push(n);
  };
  for (const m of q.matchAll(QUOTED)) add(trimmed(m[1]!.trim()));
  for (const m of q.matchAll(TITLE_RUN)) {
    const run = trimmed(m[0]);
    const name = run && fullYear(run);
    // A lone capitalised word opening the sentence is a name only when nothing else is.
    if (name && !(m.index === q.search(/\S/) && !/\s/.test(name) && !/\d/.test(name))) add(name);
  }
  if (!names.length) {
    for (const n of zhEventNames(q)) add(n);
    const lower = lowerCaseName(q) ?? lowerBeforeCampaign(q);
    if (!names.length && lower) add(lower);
  }
  // "Summer Splash: 2024 vs 2025": one name without a year, beside two or more years, is that campaign in each year;
  // "Spring Preview 2024 vs 2025": the name's own year is one of them.
  const years = [...new Set(q.match(/\b20\d\d\b/g) ?? [])];
  const base = names.length === 1 ? names[0]!.replace(/\s+20\d\d$/, '') : null;
  if (base && !/\d{4}/.test(base) && years.length > 1) return years.map((y) => `${base} ${y}`);
  return names;
}
