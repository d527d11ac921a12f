// Short forms ops staff type ("best wk", "last qtr", "3 mths", "# of orders", "yr"), written out before a question is
// read, so every reader (periods, grains, ranking words) sees the words it knows. Pure.

const SHORT_FORMS: [RegExp, string][] = [
  [/\bwks\b/gi, 'weeks'],
  [/\bwk\b/gi, 'week'],
  [/\bqtrs\b/gi, 'quarters'],
  [/\bqtr\b/gi, 'quarter'],
  [/\bm(?:o?n)?ths\b/gi, 'months'],
  [/\bm(?:o?n)?th\b/gi, 'month'],
  // "mo"/"mos" only where a month is meant: after a number or a word that counts or points at one.
  [/(?<=\b(?:\d+|last|this|prev|previous|prior|past|next|each|per|every|a)\s*)mos\b/gi, 'months'],
  [
    /(?<=\b(?:\d+|last|this|prev|previous|prior|past|next|each|per|every|a|that|the same)\s*)mo\b(?!\s*[/-])/gi,
    'month',
  ],
  [/\byrs\b/gi, 'years'],
  [/\byr\b/gi, 'year'],
  [/#\s*of\b/gi, 'number of'],
  [/\bpcts?\b/gi, 'percentage'],
  [/\brn\b/gi, 'right now'],
  [/\bprev\b/gi, 'previous'],
  // Contractions typed without their apostrophe: "whats behind the dip", "didnt sell".
  [/\bwhats\b/gi, "what's"],
  [/\bhows\b/gi, "how's"],
  [/\bwhos\b/gi, "who's"],
  [/\b(did|does|do|was|were|is|are|has|have|had)nt\b/gi, "$1n't"],
  [/\bmkts\b/gi, 'markets'],
  [/\bmkt\b/gi, 'market'],
  [/\bctr(?:ies|ys)\b/gi, 'countries'],
  [/\bctry\b/gi, 'country'],
  [/\bchnls?\b/gi, 'channel'],
  // "atc rate", "ATC%": add-to-cart, the funnel step; "w/ sales": with.
  [/\batc\b/gi, 'add-to-cart'],
  // "BF25", "bf '24": Black Friday of that year, as the campaigns are named.
  [/\bbf\s*['’]?((?:20)?\d{2})\b/gi, 'Black Friday $1'],
  [/\bw\/(?=\s)/gi, 'with'],
];

/** The question with its short forms written out; anything else is left as typed. */
export function expandShorthand(q: string): string {
  return SHORT_FORMS.reduce((s, [re, word]) => s.replace(re, word), q);
}
