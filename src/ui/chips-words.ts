// Strings for an answer's input chips and the "edited" mark, in English and Chinese: kept beside i18n.ts so
// the feature reads its words from one place. Chip names, "not set" words and the edited mark come from
// src/protocol/edited-words.ts, which the share view and the exports read too.
import { computed } from '@preact/signals';
import { CHANGE_WORDS } from '../protocol/edited-words.ts';
import { lang } from './i18n.ts';

const en = {
  chipsLabel: (n: number) => `Change the inputs of answer ${n}`,
  chipKey: CHANGE_WORDS.en.key,
  unset: CHANGE_WORDS.en.unset,
  chipOf: (key: string, value: string, n: number) => `${key} of answer ${n}: ${value}. Change it to re-run the answer`,
  edited: CHANGE_WORDS.en.edited,
  rerunning: 'Re-running…',
  rerunFailed: 'The answer could not be re-run',
};

const zh: typeof en = {
  chipsLabel: (n: number) => `修改第${n}条回答的条件`,
  chipKey: CHANGE_WORDS.zh.key,
  unset: CHANGE_WORDS.zh.unset,
  chipOf: (key: string, value: string, n: number) => `第${n}条回答的${key}：${value}。修改后将重新运行这条回答`,
  edited: CHANGE_WORDS.zh.edited,
  rerunning: '正在重新运行…',
  rerunFailed: '无法重新运行这条回答',
};

export const cw = computed(() => (lang.value === 'zh' ? zh : en));
