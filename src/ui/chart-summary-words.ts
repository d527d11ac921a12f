// A waterfall's text alternative in English and Chinese: its start and end totals and the steps that moved
// it most each way. Kept beside i18n.ts (as chips-words.ts is) so the chart caption reads its words from one place.
import { computed } from '@preact/signals';
import { lang } from './i18n.ts';

export interface WaterfallWords {
  /** Each part is a formatted value with its label, e.g. "$45.4k (June 2025)"; fall and rise may be absent. */
  waterfallAlt: (measure: string, start: string, end: string, fall?: string, rise?: string) => string;
}

const en: WaterfallWords = {
  waterfallAlt: (measure, start, end, fall, rise) =>
    `${[
      `${measure ? `${measure}: ` : ''}starts at ${start}, ends at ${end}`,
      fall && `largest decrease ${fall}`,
      rise && `largest increase ${rise}`,
    ]
      .filter(Boolean)
      .join('; ')}.`,
};

const zh: WaterfallWords = {
  waterfallAlt: (measure, start, end, fall, rise) =>
    `${[
      `${measure ? `${measure}：` : ''}起点 ${start}，终点 ${end}`,
      fall && `最大降幅 ${fall}`,
      rise && `最大增幅 ${rise}`,
    ]
      .filter(Boolean)
      .join('；')}。`,
};

export const wfw = computed(() => (lang.value === 'zh' ? zh : en));
