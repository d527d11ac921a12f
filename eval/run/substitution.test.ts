import { describe, expect, it } from 'vitest';
import { isQuietSubstitution } from './substitution.ts';

describe('isQuietSubstitution', () => {
  it('counts an unanswerable question answered with data and no notice', () => {
    const t = {
      kind: 'unanswerable',
      answer: 'Net sales were $1,204.50 in May.',
      tools: ['compare_periods'],
      toolOk: null,
    };
    expect(isQuietSubstitution(t)).toBe(true);
  });

  it('counts the wrong tool answered as if it were the question', () => {
    const t = { kind: 'value', answer: 'Net sales rose 4% to $196k.', tools: ['compare_periods'], toolOk: false };
    expect(isQuietSubstitution(t)).toBe(true);
  });

  it('does not count an answer that says it answers something nearby instead', () => {
    const en = {
      kind: 'value',
      answer: "I can't compute ROAS without spend; instead, here are sales.",
      tools: ['breakdown'],
      toolOk: false,
    };
    const zh = {
      kind: 'unanswerable',
      answer: '数据里没有天气信息，改为给出七月的销售额。',
      tools: ['compare_periods'],
      toolOk: null,
    };
    expect(isQuietSubstitution(en)).toBe(false);
    expect(isQuietSubstitution(zh)).toBe(false);
  });

  it('does not count the right tool, or a turn that ran no tool', () => {
    expect(isQuietSubstitution({ kind: 'value', answer: 'x', tools: ['breakdown'], toolOk: true })).toBe(false);
    expect(isQuietSubstitution({ kind: 'unanswerable', answer: 'Sure.', tools: [], toolOk: null })).toBe(false);
  });
});
