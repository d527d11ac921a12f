// The words an export file says around the data, in the UI's language (`lang=zh` gives Chinese labels).
import { CHANGE_WORDS } from '../../protocol/edited-words.ts';
import { type Language, termLabel } from '../../protocol/index.ts';

export interface ExportLabels {
  exported: string;
  author: string;
  dataThrough: string;
  asked: string;
  chart: string;
  chartFailed: (n: number) => string;
  moreRows: (n: number) => string;
  turnsCut: (shown: number, total: number) => string;
  chartsCut: (max: number) => string;
  sql: string;
  interrupted: string;
  stopped: string;
  /** The mark of an answer re-run by changing one of its inputs. */
  edited: string;
  /** Names the question an edited answer re-ran. */
  rerunOf: string;
  fallbackName: string;
  table: string;
  /** A table column's title in words (the CSV keeps the ids). */
  column: (id: string) => string;
}

const EN: ExportLabels = {
  exported: 'Exported',
  author: 'Author',
  dataThrough: 'Data through',
  asked: 'Asked',
  chart: 'Chart',
  chartFailed: (n) => `Chart ${n} could not be drawn.`,
  moreRows: (n) => `${n} more rows in the CSV export.`,
  turnsCut: (shown, total) =>
    `This export holds the latest ${shown} of ${total} answers; export single answers for the earlier ones.`,
  chartsCut: (max) => `This export draws at most ${max} charts; the later answers list their charts as tables only.`,
  sql: 'SQL',
  interrupted: 'This answer was interrupted before it finished.',
  stopped: 'Stopped: the answer was stopped before it finished.',
  edited: CHANGE_WORDS.en.edited,
  rerunOf: 'Re-run of',
  fallbackName: 'conversation',
  table: 'table',
  column: (id) => termLabel(id, 'en'),
};

const ZH: ExportLabels = {
  exported: '导出日期',
  author: '作者',
  dataThrough: '数据截至',
  asked: '提问时间',
  chart: '图表',
  chartFailed: (n) => `图表 ${n} 无法绘制。`,
  moreRows: (n) => `另有 ${n} 行，见 CSV 导出。`,
  turnsCut: (shown, total) => `本导出包含 ${total} 个回答中最新的 ${shown} 个；更早的回答请单独导出。`,
  chartsCut: (max) => `本导出最多绘制 ${max} 张图表；其后的回答只保留表格。`,
  sql: 'SQL',
  interrupted: '这个回答在完成前被中断了。',
  stopped: '已停止：这个回答在完成前被停止了。',
  edited: CHANGE_WORDS.zh.edited,
  rerunOf: '重新运行自',
  fallbackName: '对话',
  table: '表格',
  column: (id) => termLabel(id, 'zh'),
};

export function exportLabels(lang: Language): ExportLabels {
  return lang === 'zh' ? ZH : EN;
}
