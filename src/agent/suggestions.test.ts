import { describe, expect, it } from 'vitest';
import { splitSuggestions } from './suggestions.ts';

describe('splitSuggestions', () => {
  it('moves a closing "You could also ask" list to chips', () => {
    const r = splitSuggestions(
      'Net sales fell.\n- Orders: 602\n\nYou could also ask:\n- By channel in July 2025\n- Which products drove it?\n- Only Amazon?',
    );
    expect(r.suggestions).toEqual(['By channel in July 2025', 'Which products drove it?', 'Only Amazon?']);
    expect(r.answer).toBe('Net sales fell.\n- Orders: 602');
  });

  it('reads the Chinese heading', () => {
    expect(splitSuggestions('销售额下降。\n\n你还可以问：\n- 按渠道看\n- 哪些商品？').suggestions).toEqual([
      '按渠道看',
      '哪些商品？',
    ]);
  });

  it('leaves a closing data list alone', () => {
    const text =
      'Summary.\n\nNet sales by channel in July 2025 (change against June 2025):\n- own website: $10,857\n- Amazon: $8,648';
    expect(splitSuggestions(text)).toEqual({ answer: text, suggestions: [] });
    expect(splitSuggestions('Just text.').suggestions).toEqual([]);
  });
});
