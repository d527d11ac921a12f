import type { Language } from '../protocol/turn.ts';

/** Chinese when the question has Han characters, English otherwise: the two languages the product answers in. */
export function detectLanguage(question: string): Language {
  return /\p{Script=Han}/u.test(question) ? 'zh' : 'en';
}
