// The chat page's print header, as words: what a printed or saved-as-PDF conversation says about itself (what
// it is, who printed it, when, and how recent its data is). Pure, so both languages are tested without a page.
import type { Language } from '../protocol/vocabulary.ts';

export interface PrintHeadInput {
  title: string;
  author: string;
  /** The day printed, YYYY-MM-DD. */
  printedOn: string;
  /** The data's last day, YYYY-MM-DD; null when the server does not say. */
  dataThrough: string | null;
  lang: Language;
}

const WORDS = {
  en: { untitled: 'Conversation', by: 'Printed by', on: 'on', through: 'Data through' },
  zh: { untitled: '对话', by: '打印人：', on: '· 日期：', through: '数据截至' },
} as const;

/** The header's title line and its meta lines (author and date; data through). */
export function printHeadLines(i: PrintHeadInput): { title: string; lines: string[] } {
  const w = WORDS[i.lang];
  const byLine =
    i.lang === 'zh' ? `${w.by}${i.author} ${w.on}${i.printedOn}` : `${w.by} ${i.author} ${w.on} ${i.printedOn}`;
  const through = i.dataThrough ? [`${w.through} ${i.dataThrough}`] : [];
  return { title: i.title.trim() || w.untitled, lines: [`Tidelens · ${byLine}`, ...through] };
}
