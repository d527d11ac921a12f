import { describe, expect, it } from 'vitest';
import { printHeadLines } from './print-head.ts';

describe('the print header', () => {
  it('says what, who, when and how recent, in English and Chinese', () => {
    const base = { title: 'Returns by reason', author: 'mia', printedOn: '2026-03-04', dataThrough: '2026-02-28' };
    expect(printHeadLines({ ...base, lang: 'en' })).toEqual({
      title: 'Returns by reason',
      lines: ['Tidelens · Printed by mia on 2026-03-04', 'Data through 2026-02-28'],
    });
    const zh = printHeadLines({ ...base, title: '按原因的退货', lang: 'zh' });
    expect(zh.lines).toEqual(['Tidelens · 打印人：mia · 日期：2026-03-04', '数据截至 2026-02-28']);
  });

  it('leaves out the data line when the server does not know it, and names an untitled page', () => {
    const r = printHeadLines({ title: ' ', author: 'a', printedOn: '2026-01-01', dataThrough: null, lang: 'zh' });
    expect(r).toEqual({ title: '对话', lines: ['Tidelens · 打印人：a · 日期：2026-01-01'] });
  });
});
