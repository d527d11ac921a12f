// Exported Markdown is opened in editors, wikis and previewers that render raw HTML, follow links and fetch
// images. Data (table cells, titles, questions) is escaped so it stays text; the answer keeps its Markdown
// formatting but loses raw HTML, images and links to anything but http(s) and mailto.
import { stripBidi } from '../../guardrails/bidi.ts';

// Emphasis, code, link/image brackets, table pipes and strikethrough; the rest only matters at a line start,
// and data never starts a line here.
const MD_PUNCTUATION = /[\\`*_[\]|~]/g;

/** Data as inert Markdown text on one line: no HTML, no link, image, emphasis or table syntax. */
export function mdText(v: unknown): string {
  return stripBidi(String(v ?? ''))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(MD_PUNCTUATION, (c) => `\\${c}`)
    .replace(/[\r\n]+/g, ' ');
}

const SAFE_LINK = /^(https?:|mailto:)/i;

/** The model's answer, which may quote planted data: formatting stays, anything that fetches or runs goes. */
export function mdAnswer(md: string): string {
  return stripBidi(md)
    .replace(/</g, '&lt;')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, (_m, alt: string) => mdText(alt || 'image'))
    .replace(/!\[([^\]]*)\]\[[^\]]*\]/g, (_m, alt: string) => mdText(alt || 'image'))
    .replace(/\[([^\]]*)\]\(\s*([^)\s]*)[^)]*\)/g, (m, text: string, href: string) =>
      SAFE_LINK.test(href) ? m : mdText(text),
    )
    .replace(/^( {0,3})\[([^\]]+)\]:/gm, (_m, pad: string, label: string) => `${pad}\\[${label}\\]:`);
}

/** A fence longer than any backtick run inside, so the code cannot close it early. */
export function mdFence(code: string, lang = ''): string {
  const longest = Math.max(2, ...[...code.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${lang}\n${stripBidi(code)}\n${fence}`;
}
