// Every country and category the generator writes has a Chinese label in the vocabulary, so no screen shows
// an English category or country name in 中文.
import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../seed/generator/catalog.ts';
import { COUNTRIES } from '../../seed/scenarios/schema.ts';
import { CATEGORY_LABELS, COUNTRY_LABELS, dataValueLabel } from '../../src/protocol/vocabulary.ts';
import { VALUE_LABELS_ZH } from '../../src/protocol/value-labels.ts';

const HAN = /\p{Script=Han}/u;

describe('country and category labels', () => {
  const categories = buildCatalog(1, 0, 400).categories.map((c) => c.name);

  it.each([
    ['countries', [...COUNTRIES], COUNTRY_LABELS],
    ['categories', categories, CATEGORY_LABELS],
  ] as const)('every one of the data’s %s has an English and a Chinese label', (_, names, labels) => {
    expect(Object.keys(labels).sort()).toEqual([...names].sort());
    for (const n of names) {
      expect(labels[n]!.en).toBe(n);
      expect(labels[n]!.zh).toMatch(HAN);
      // A Latin letter in a Chinese label would read as an untranslated word.
      expect(labels[n]!.zh).not.toMatch(/[A-Za-z]/);
      expect(VALUE_LABELS_ZH[n]).toBe(labels[n]!.zh);
    }
    const zh = names.map((n) => labels[n]!.zh);
    expect(new Set(zh).size).toBe(zh.length);
  });

  it('reads a known name in the language and leaves an unknown one as it is', () => {
    expect(dataValueLabel('Canada', 'zh')).toBe('加拿大');
    expect(dataValueLabel('Tote Bags', 'zh')).toBe('托特包');
    expect(dataValueLabel('Tote Bags', 'en')).toBe('Tote Bags');
    expect(dataValueLabel('Sand Beach Towel', 'zh')).toBe('Sand Beach Towel');
    expect(dataValueLabel('constructor', 'zh')).toBe('constructor');
  });
});
