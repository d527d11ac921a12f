import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import {
  CHANNEL_LABELS,
  CHANNELS,
  detectLanguage,
  labelOf,
  LANGUAGE_LABELS,
  LANGUAGES,
  METRIC_IDS,
  METRIC_LABELS,
  METRIC_UNITS,
  ROLE_LABELS,
  ROLES,
  UNIT_LABELS,
  UNITS,
  type Labels,
} from './vocabulary.ts';

const HAN = /\p{Script=Han}/u;

describe('labels', () => {
  it.each([
    ['channels', CHANNELS, CHANNEL_LABELS],
    ['metrics', METRIC_IDS, METRIC_LABELS],
    ['units', UNITS, UNIT_LABELS],
    ['roles', ROLES, ROLE_LABELS],
    ['languages', LANGUAGES, LANGUAGE_LABELS],
  ] as [string, readonly string[], Record<string, Labels>][])(
    'every one of the %s has an English and a Chinese label',
    (_, ids, labels) => {
      expect(Object.keys(labels).sort()).toEqual([...ids].sort());
      for (const id of ids) {
        expect(labels[id]!.en).toMatch(/^[A-Z][\w -]+$/);
        expect(labels[id]!.zh).toMatch(HAN);
      }
      const zh = ids.map((id) => labels[id]!.zh);
      expect(new Set(zh).size).toBe(zh.length);
    },
  );

  it('every metric has a unit', () => {
    expect(Object.keys(METRIC_UNITS).sort()).toEqual([...METRIC_IDS].sort());
    expect(labelOf(CHANNEL_LABELS, 'amazon', 'zh')).toBe('亚马逊');
    expect(labelOf(METRIC_LABELS, 'aov', 'en')).toBe('Average order value');
  });
});

describe('detectLanguage', () => {
  it.each([
    ['Why did July drop?', 'en'],
    ['为什么七月销售下降了？', 'zh'],
    ['为什么 Amazon 的 AOV 在 Q2 下降了', 'zh'],
    ['Why did 比基尼 sales drop on Amazon?', 'zh'],
    ['那加拿大呢？', 'zh'],
    ['SKU-12 vs Q2 2025, net_sales?', 'en'],
    ['？！。，', 'en'],
    ['Café résumé', 'en'],
    ['\u{20000} sales', 'zh'],
    ['\uFA11 sales', 'zh'],
    ['', 'en'],
  ])('%j → %s', (text, lang) => {
    expect(detectLanguage(text)).toBe(lang);
  });
});

describe('bundling', () => {
  it('a page importing the lists, labels and detectLanguage does not bundle zod', async () => {
    const r = await build({
      stdin: {
        contents:
          "import { ROLES, METRIC_LABELS, detectLanguage } from './vocabulary.ts';\n" +
          'console.log(ROLES, METRIC_LABELS, detectLanguage("x"));',
        resolveDir: import.meta.dirname,
        loader: 'ts',
      },
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'browser',
      write: false,
    });
    expect(r.outputFiles[0]!.contents.length).toBeLessThan(3000);
  });
});
