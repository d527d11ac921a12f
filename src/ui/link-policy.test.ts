import { describe, expect, it } from 'vitest';
import { keepsLink } from './link-policy.ts';

const BASE = 'https://tidelens.example.com/#/c/42';

describe('keepsLink', () => {
  it('keeps relative and same-origin links', () => {
    for (const href of ['/api/exports/1.csv', '#/c/7', 'share/abc', '?q=1', 'https://tidelens.example.com/share/x'])
      expect(keepsLink(href, BASE), href).toBe(true);
  });
  it('drops links to other origins and other schemes', () => {
    for (const href of [
      'https://phish.example.com/login',
      '//phish.example.com/login',
      'http://tidelens.example.com/',
      'https://tidelens.example.com:8443/',
      'javascript:alert(1)',
      'data:text/html,<b>x</b>',
      'mailto:a@b.test',
      '',
    ])
      expect(keepsLink(href, BASE), href).toBe(false);
  });
});
