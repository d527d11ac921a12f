// Words people wrote (a question, a title, a comment) and the start of an answer keep the language they were
// written in, which can differ from the UI's. Marked with their own lang, a screen reader reads them with the
// right voice (WCAG 3.1.2, language of parts) instead of reading English with a Chinese voice, or the reverse.
import type { Language } from '../protocol/index.ts';

const HAN = /\p{Script=Han}/u;
const LATIN_WORD = /\p{Script=Latin}{2,}/u;

/** The lang attribute for a piece of text shown in a UI of language `ui`; undefined when it is the UI's own. */
export function partLang(text: string, ui: Language): 'en' | 'zh-CN' | undefined {
  if (ui === 'zh') return !HAN.test(text) && LATIN_WORD.test(text) ? 'en' : undefined;
  return HAN.test(text) ? 'zh-CN' : undefined;
}
