// Strings for saving (starring) one answer and for the history page's saved answers, in English and Chinese.
import { computed } from '@preact/signals';
import { lang } from './i18n.ts';

// Each accessible name begins with the button's visible text, so speech input can name it.
const en = {
  save: 'Save answer',
  saved: 'Saved',
  saveOf: (n: number) => `Save answer ${n}; it is listed on the history page and its conversation is kept`,
  unsaveOf: (n: number) => `Saved: answer ${n}; press to unsave it`,
  savedNote: 'Saved: listed on the history page. Its conversation is kept.',
  savedAnswers: 'Saved answers',
  noSavedAnswers: 'No saved answers match. Save an answer with ☆ under it.',
  inConversation: (title: string) => `in “${title}”`,
  openAnswer: (q: string) => `Open the saved answer “${q}”`,
  savedOn: 'Saved',
};

const zh: typeof en = {
  save: '保存回答',
  saved: '已保存',
  saveOf: (n: number) => `保存回答（第${n}条）；它会列在历史记录页，所在对话也会保留`,
  unsaveOf: (n: number) => `已保存（第${n}条回答）；点击取消保存`,
  savedNote: '已保存：列在历史记录页，所在对话也会保留。',
  savedAnswers: '已保存的回答',
  noSavedAnswers: '没有匹配的已保存回答。点回答下方的 ☆ 即可保存。',
  inConversation: (title: string) => `来自“${title}”`,
  openAnswer: (q: string) => `打开已保存的回答“${q}”`,
  savedOn: '保存于',
};

export const sw = computed(() => (lang.value === 'zh' ? zh : en));
