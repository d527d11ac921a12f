// Answers are Markdown from the model, which may echo text planted in the data: marked renders it and
// DOMPurify strips everything that could run, navigate somewhere unsafe, or load from another origin.
// Only links into the app itself stay links (link-policy.ts); any other becomes its plain text.
import DOMPurify from 'dompurify';
import { marked } from 'marked';
import { keepsLink } from './link-policy.ts';

DOMPurify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A') {
    if (!keepsLink(node.getAttribute('href') ?? '', location.href)) node.removeAttribute('href');
    node.removeAttribute('target');
  }
  if (node.tagName === 'IMG' && !/^data:image\/(png|jpeg|gif|webp);/i.test(node.getAttribute('src') ?? ''))
    node.remove();
});

export function renderMarkdown(text: string): string {
  const html = marked.parse(text, { async: false, gfm: true, breaks: true }) as string;
  const clean = DOMPurify.sanitize(html, {
    FORBID_TAGS: [
      'style',
      'form',
      'input',
      'button',
      'textarea',
      'select',
      'iframe',
      'object',
      'embed',
      'svg',
      'math',
      'video',
      'audio',
      'source',
      'link',
      'meta',
      'base',
    ],
    FORBID_ATTR: ['style', 'srcset', 'action', 'formaction', 'xlink:href'],
    ALLOW_DATA_ATTR: false,
    RETURN_DOM_FRAGMENT: true,
  });
  // Unwrapped only now, once their (already sanitised) children can no longer escape the sanitiser's walk.
  for (const a of clean.querySelectorAll('a:not([href])')) a.replaceWith(...a.childNodes);
  const out = document.createElement('div');
  out.append(clean);
  return out.innerHTML;
}
