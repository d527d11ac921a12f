// The answer language is decided in one place for the loop, the offline model and the UI.
export { detectLanguage } from '../protocol/vocabulary.ts';
