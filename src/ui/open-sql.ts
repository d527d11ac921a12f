// The "open as SQL" action: the request (src/ui/sql-request.ts) into the composer, focus with it.
import { computed } from '@preact/signals';
import { lang } from './i18n.ts';
import { draft } from './model.ts';
import { SQL_REQUEST_WORDS, sqlRequest } from './sql-request.ts';

export const sqlWords = computed(() => SQL_REQUEST_WORDS[lang.value]);

/** Puts the request in the composer and moves focus there, so the analyst can edit it before sending. */
export function openAsSql(sql: string): boolean {
  const text = sqlRequest(sql, lang.value);
  if (!text) return false;
  draft.value = text;
  const box = document.getElementById('composer') as HTMLTextAreaElement | null;
  box?.focus();
  box?.setSelectionRange(text.length, text.length);
  return true;
}
