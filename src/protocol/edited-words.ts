// What a re-run (a changed chip) changed, in words: "Channel: All channels → Amazon". One source for the chat's
// question bubble and edited mark, the share view and the exports, so they all say the same. Pure.
import { periodWords } from './periods.ts';
import { CHIP_KEYS, type ChipKey, type Edited } from './rerun.ts';
import { termLabel } from './terms.ts';
import { dataValueLabel, type Language } from './vocabulary.ts';

export interface ChangeWords {
  /** The mark on an edited answer. */
  edited: string;
  /** A chip's name. */
  key: Record<ChipKey, string>;
  /** A chip that is not set: all channels, the default period, … */
  unset: Record<ChipKey, string>;
}

function keys(l: Language, compareTo: string, by: string): Record<ChipKey, string> {
  const term = (id: string) => termLabel(id, l);
  return {
    period: term('period'),
    compare_to: compareTo,
    metric: term('metric'),
    channel: term('channel'),
    country: term('country'),
    category: term('category'),
    device: term('device'),
    by,
  };
}

export const CHANGE_WORDS: Readonly<Record<Language, ChangeWords>> = {
  en: {
    edited: 'Edited',
    key: keys('en', 'Compared with', 'Broken down by'),
    unset: {
      period: 'Default period',
      compare_to: 'Default comparison',
      metric: 'Default metric',
      channel: 'All channels',
      country: 'All countries',
      category: 'All categories',
      device: 'All devices',
      by: 'Default breakdown',
    },
  },
  zh: {
    edited: '已修改',
    key: keys('zh', '对比', '拆分维度'),
    unset: {
      period: '默认时间',
      compare_to: '默认对比',
      metric: '默认指标',
      channel: '全部渠道',
      country: '全部国家',
      category: '全部品类',
      device: '全部设备',
      by: '默认维度',
    },
  },
};

/** A chip value in words: a period, metric, channel, country, category, device, dimension or comparison. */
export function chipValueWords(key: ChipKey, v: unknown, lang: Language): string {
  if (Array.isArray(v)) return v.map((x) => chipValueWords(key, x, lang)).join(lang === 'zh' ? '、' : ', ');
  if (v && typeof v === 'object' && 'from' in v && 'to' in v) {
    const { from, to } = v as { from: unknown; to: unknown };
    return periodWords(`${String(from)} to ${String(to)}`)[lang];
  }
  const s = String(v);
  if (key === 'period' || key === 'compare_to') {
    if (s === 'none') return lang === 'zh' ? '不对比' : 'no comparison';
    return periodWords(s)[lang];
  }
  // Countries and categories are sent as the data stores them and read in the UI language.
  if (key === 'country' || key === 'category') return dataValueLabel(s, lang);
  return termLabel(s, lang);
}

/** "Period: July 2025 → June 2025" for each change of an edited turn, in `lang` (or with the words given). */
export function changeLines(
  e: Pick<Edited, 'changes'>,
  lang: Language,
  words: Pick<ChangeWords, 'key' | 'unset'> = CHANGE_WORDS[lang],
): string[] {
  return e.changes.map((c) => {
    const key = (c.key === 'dimension' ? 'by' : c.key === 'metrics' ? 'metric' : c.key) as ChipKey;
    const known = (CHIP_KEYS as readonly string[]).includes(key);
    const side = (v: unknown) =>
      v === undefined ? (known ? words.unset[key] : '—') : known ? chipValueWords(key, v, lang) : String(v);
    return `${known ? words.key[key] : termLabel(c.key, lang)}: ${side(c.from)} → ${side(c.to)}`;
  });
}
