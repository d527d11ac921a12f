// Strings for the history page, in English and Chinese: kept beside i18n.ts so the page reads its words
// from one place.
import { computed } from '@preact/signals';
import { lang } from './i18n.ts';

const en = {
  history: 'History',
  historyTitle: 'History',
  historyIntro: 'Past conversations and the answers you kept.',
  search: 'Search',
  searchText: 'Text in a question or answer',
  from: 'From',
  to: 'To',
  metric: 'Metric',
  anyMetric: 'Any metric',
  show: 'Show',
  showAll: 'All conversations',
  showSaved: 'Kept only',
  results: (n: number, more: boolean) => (n === 1 ? '1 conversation' : `${n} conversations`) + (more ? '+' : ''),
  noResults: 'Nothing matches. Try fewer words or a wider date range.',
  more: 'Show more',
  open: (title: string) => `Open “${title}”`,
  kept: 'Kept',
  turns: (n: number) => (n === 1 ? '1 question' : `${n} questions`),
  updated: 'Updated',
  backToChat: 'Back to chat',
};

const zh: typeof en = {
  history: '历史记录',
  historyTitle: '历史记录',
  historyIntro: '过去的对话和已保留的回答。',
  search: '搜索',
  searchText: '问题或回答中的文字',
  from: '开始日期',
  to: '结束日期',
  metric: '指标',
  anyMetric: '全部指标',
  show: '范围',
  showAll: '全部对话',
  showSaved: '仅已保留',
  results: (n: number, more: boolean) => `${n}${more ? '+' : ''} 个对话`,
  noResults: '没有匹配的结果。请减少关键词或放宽日期范围。',
  more: '显示更多',
  open: (title: string) => `打开“${title}”`,
  kept: '已保留',
  turns: (n: number) => `${n} 个问题`,
  updated: '更新于',
  backToChat: '返回对话',
};

export const hw = computed(() => (lang.value === 'zh' ? zh : en));
