import { describe, expect, it } from 'vitest';
import { fitTitle, textWidth, titleLines } from './chart-title.ts';

describe('titleLines', () => {
  it('keeps a title that fits on one line', () => {
    expect(titleLines('Orders by week', 400)).toEqual(['Orders by week']);
  });

  it('breaks an English title between words, each line within the width', () => {
    const lines = titleLines('Return rate by country: March 2024 against the same month a year before', 200);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join(' ')).toBe('Return rate by country: March 2024 against the same month a year before');
    for (const l of lines) expect(textWidth(l, 13)).toBeLessThanOrEqual(200);
  });

  it('breaks a Chinese title between characters, a closing mark staying with the character before it', () => {
    const lines = titleLines('订单数：2024年3月各国家与去年同月相比的变化', 120);
    expect(lines.join('')).toBe('订单数：2024年3月各国家与去年同月相比的变化');
    for (const l of lines) expect(textWidth(l, 13)).toBeLessThanOrEqual(120);
    for (const l of lines.slice(1)) expect(l).not.toMatch(/^[，。：；、）]/);
  });

  it('gives a word longer than the width a line of its own rather than cutting it', () => {
    expect(titleLines('Sessions of Supercalifragilisticexpialidocious', 100)).toEqual([
      'Sessions of',
      'Supercalifragilisticexpialidocious',
    ]);
  });
});

describe('fitTitle', () => {
  it('fits the text and subtitle of a title object and keeps its other fields', () => {
    const long = 'Net sales by product: the 50 best sellers of the last quarter';
    const t = fitTitle(
      { text: long, subtitle: 'Showing 20 of 50 products, the rest under show all', anchor: 'start' },
      150,
    );
    expect(Array.isArray(t.text)).toBe(true);
    expect(Array.isArray(t.subtitle)).toBe(true);
    expect(t.anchor).toBe('start');
  });

  it('leaves a short string title a string, and any title alone before the width is known', () => {
    expect(fitTitle('Orders', 300)).toEqual({ text: 'Orders' });
    expect(fitTitle('Net sales by product: the 50 best sellers', 0)).toEqual({
      text: 'Net sales by product: the 50 best sellers',
    });
  });
});
