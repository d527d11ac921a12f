// Strings for an answer's input chips and the "edited" mark, in English and Chinese: kept beside i18n.ts so
// the feature reads its words from one place. Chip names are the vocabulary's terms (src/protocol/terms.ts)
// where it has one.
import { computed } from '@preact/signals';
import type { ChipKey } from '../protocol/rerun.ts';
import { termLabel } from '../protocol/terms.ts';
import type { Language } from '../protocol/vocabulary.ts';
import { lang } from './i18n.ts';

function chipKeys(l: Language, compareTo: string, by: string): Record<ChipKey, string> {
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

const en = {
  chipsLabel: (n: number) => `Change the inputs of answer ${n}`,
  chipKey: chipKeys('en', 'Compared with', 'Broken down by'),
  unset: {
    period: 'Default period',
    compare_to: 'Default comparison',
    metric: 'Default metric',
    channel: 'All channels',
    country: 'All countries',
    category: 'All categories',
    device: 'All devices',
    by: 'Default breakdown',
  } as Record<ChipKey, string>,
  chipOf: (key: string, value: string, n: number) => `${key} of answer ${n}: ${value}. Change it to re-run the answer`,
  edited: 'Edited',
  rerunning: 'Re-running…',
  rerunFailed: 'The answer could not be re-run',
};

const zh: typeof en = {
  chipsLabel: (n: number) => `修改第${n}条回答的条件`,
  chipKey: chipKeys('zh', '对比', '拆分维度'),
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
  chipOf: (key: string, value: string, n: number) => `第${n}条回答的${key}：${value}。修改后将重新运行这条回答`,
  edited: '已修改',
  rerunning: '正在重新运行…',
  rerunFailed: '无法重新运行这条回答',
};

export const cw = computed(() => (lang.value === 'zh' ? zh : en));
