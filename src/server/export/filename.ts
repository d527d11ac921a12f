// Download names from the question and the date: "why-did-july-drop-2025-08-03.md", "为什么七月销售下降了-2025-08-03.md".
// Letters and digits of any script are kept (CJK included); everything a file system or a header could
// misread goes. Browsers read the UTF-8 name from filename* (RFC 6266/8187); filename= is an ASCII fallback.
import { stripBidi } from '../../guardrails/bidi.ts';

const MAX_SLUG = 60;

/** Lower-case words of letters and digits joined by hyphens; '' when nothing is left. */
export function slug(text: string, max = MAX_SLUG): string {
  const words = stripBidi(text.normalize('NFKC'))
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  let out = '';
  for (const w of words) {
    const next = out ? `${out}-${w}` : w;
    if ([...next].length > max) return out || [...w].slice(0, max).join('');
    out = next;
  }
  return out;
}

/** `<slug of the question>-<YYYY-MM-DD>.<ext>`, with `fallback` when the question has no letters. */
export function exportFileName(question: string, date: string, ext: string, fallback: string): string {
  return `${slug(question) || slug(fallback) || 'export'}-${date.slice(0, 10)}.${ext}`;
}

/** Content-Disposition with the UTF-8 name and an ASCII-only fallback for old clients. */
export function contentDisposition(name: string, disposition: 'attachment' | 'inline' = 'attachment'): string {
  const ascii = name
    .replace(/[^\x20-\x7e]/g, '')
    .replace(/["\\;]/g, '')
    .replace(/^[-.]+/, '');
  // A Chinese question leaves only the date: name it after the product instead of a bare date.
  const fallback = /^[A-Za-z]/.test(ascii) ? ascii : `tidelens-${ascii}`;
  return `${disposition}; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
