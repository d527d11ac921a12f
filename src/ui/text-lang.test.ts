import { describe, expect, it } from 'vitest';
import { partLang } from './text-lang.ts';

describe('partLang', () => {
  it('marks English words in a Chinese UI, whatever digits or symbols come with them', () => {
    expect(partLang('Which SKUs sold out in Q3?', 'zh')).toBe('en');
    expect(partLang('margin by week, 2024', 'zh')).toBe('en');
  });

  it('leaves Chinese text, mixed text with Han characters, and bare figures or codes unmarked in Chinese', () => {
    expect(partLang('上个月退货率', 'zh')).toBeUndefined();
    expect(partLang('亚马逊上 TW-BIK-001 的销量', 'zh')).toBeUndefined();
    expect(partLang('2025-07 · $1,204', 'zh')).toBeUndefined();
    expect(partLang('Q3', 'zh')).toBeUndefined();
  });

  it('marks text with Han characters in an English UI and nothing else', () => {
    expect(partLang('各国家的退货率', 'en')).toBe('zh-CN');
    expect(partLang('Amazon 销量', 'en')).toBe('zh-CN');
    expect(partLang('orders by device', 'en')).toBeUndefined();
  });
});
