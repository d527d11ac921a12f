// The briefing layout's and the colour setting's words, kept apart from i18n.ts so the two can change
// independently; same shape: English and Chinese, picked by the reader's language.
import { computed } from '@preact/signals';
import { lang } from './i18n.ts';

const en = {
  keyPoints: 'Key points',
  moreDetail: 'More detail',
  chartSection: (title: string) => `Chart: ${title}`,
  tableSection: (title: string) => `Table: ${title}`,
  upColour: 'Colours',
  upColourHint: 'Which colour means up',
  upGreen: 'Up = green',
  upRed: 'Up = red',
  ms: (n: number) => `${n} ms`,
  checked: 'Checked against the query results',
  queryName: (step: string, i: number, of: number) => (of > 1 ? `${step}, query ${i} of ${of}` : step),
};

const zh: typeof en = {
  keyPoints: '要点',
  moreDetail: '更多细节',
  chartSection: (title: string) => `图表：${title}`,
  tableSection: (title: string) => `表格：${title}`,
  upColour: '涨跌颜色',
  upColourHint: '哪种颜色表示上涨',
  upGreen: '涨绿跌红',
  upRed: '涨红跌绿',
  ms: (n: number) => `${n} 毫秒`,
  checked: '已与查询结果核对',
  queryName: (step: string, i: number, of: number) => (of > 1 ? `${step}，第 ${i}/${of} 条查询` : step),
};

export const bw = computed(() => (lang.value === 'zh' ? zh : en));
