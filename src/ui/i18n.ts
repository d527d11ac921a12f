// English and Chinese strings; the language follows the browser until the user switches.
import { computed, signal } from '@preact/signals';
import type { Language } from '../protocol/index.ts';

export type Lang = Language;

const initial = (): Lang => {
  const saved = localStorage.getItem('tl_lang');
  if (saved === 'en' || saved === 'zh') return saved;
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
};

export const lang = signal<Lang>(initial());

export function setLang(l: Lang): void {
  lang.value = l;
  localStorage.setItem('tl_lang', l);
  document.documentElement.lang = l === 'zh' ? 'zh-CN' : 'en';
}

const en = {
  appName: 'Tidelens',
  tagline: 'Ask your sales data why it changed',
  username: 'Username',
  password: 'Password',
  logIn: 'Log in',
  logOut: 'Log out',
  newChat: 'New chat',
  conversations: 'Conversations',
  rename: 'Rename',
  renamePrompt: 'New title',
  delete: 'Delete',
  deleteConfirm: 'Delete this conversation?',
  save: 'Keep',
  saved: 'Kept',
  saveHint: 'Keep this conversation past the expiry',
  askPlaceholder: 'Ask about sales, orders, traffic… (Enter sends, Shift+Enter for a new line)',
  send: 'Send',
  stop: 'Stop',
  starters: 'Try asking',
  starterQuestions: [
    'Why did July drop?',
    'Compare net sales by channel this month',
    'Top 10 products last quarter',
    'How did conversion change vs last year?',
  ],
  steps: 'Steps',
  rows: 'rows',
  sql: 'SQL',
  table: 'Table',
  downloadCsv: 'Download CSV',
  followUps: 'Follow-up questions',
  ungrounded: 'These figures could not be traced to a query result; check them:',
  stopped: 'Stopped.',
  error: 'Something went wrong',
  overviewTitle: 'Latest full month',
  vsPrev: 'vs prev. month',
  vsYear: 'vs last year',
  askAbout: (metric: string, month: string) => `Why did ${metric} change in ${month}?`,
  metrics: {
    net_sales: 'Net sales',
    orders: 'Orders',
    aov: 'Average order value',
    conversion_rate: 'Conversion',
    return_rate: 'Return rate',
  } as Record<string, string>,
  admin: 'Users',
  back: 'Back to chat',
  role: 'Role',
  disabled: 'Disabled',
  created: 'Created',
  addUser: 'Add user',
  resetPassword: 'Reset password',
  newPassword: (name: string, pw: string) => `Password for ${name} (shown once): ${pw}`,
  exportMd: 'Export Markdown',
  print: 'Print / PDF',
  language: '中文',
  chart: 'Chart',
  chartFailed: 'The chart could not be drawn.',
  thinking: 'Working…',
  running: 'running',
};

const zh: typeof en = {
  appName: 'Tidelens',
  tagline: '问问你的销售数据：为什么变了',
  username: '用户名',
  password: '密码',
  logIn: '登录',
  logOut: '退出',
  newChat: '新对话',
  conversations: '对话',
  rename: '重命名',
  renamePrompt: '新标题',
  delete: '删除',
  deleteConfirm: '删除这个对话？',
  save: '保留',
  saved: '已保留',
  saveHint: '过期后仍保留此对话',
  askPlaceholder: '问问销售额、订单、流量…（回车发送，Shift+回车换行）',
  send: '发送',
  stop: '停止',
  starters: '可以这样问',
  starterQuestions: ['7月为什么下降？', '本月各渠道销售额对比', '上季度销量前10的商品', '转化率和去年相比有什么变化？'],
  steps: '步骤',
  rows: '行',
  sql: 'SQL',
  table: '表格',
  downloadCsv: '下载 CSV',
  followUps: '继续追问',
  ungrounded: '以下数字无法对应到查询结果，请核对：',
  stopped: '已停止。',
  error: '出错了',
  overviewTitle: '最近一个完整月',
  vsPrev: '环比',
  vsYear: '同比',
  askAbout: (metric: string, month: string) => `${month}的${metric}为什么变化？`,
  metrics: { net_sales: '销售额', orders: '订单数', aov: '客单价', conversion_rate: '转化率', return_rate: '退货率' },
  admin: '用户管理',
  back: '返回对话',
  role: '角色',
  disabled: '已停用',
  created: '创建时间',
  addUser: '添加用户',
  resetPassword: '重置密码',
  newPassword: (name: string, pw: string) => `${name} 的密码（只显示一次）：${pw}`,
  exportMd: '导出 Markdown',
  print: '打印 / PDF',
  language: 'English',
  chart: '图表',
  chartFailed: '图表无法绘制。',
  thinking: '分析中…',
  running: '进行中',
};

export const t = computed(() => (lang.value === 'zh' ? zh : en));
