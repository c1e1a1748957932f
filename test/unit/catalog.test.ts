import { describe, expect, it } from 'vitest';
import { allCatalogs, t } from '../../src/i18n/catalog.js';
import { en } from '../../src/i18n/catalog.en.js';
import { es } from '../../src/i18n/catalog.es.js';

/** Every key path, with the kind of value ("string", "function/2", "object"). */
function shape(value: unknown, prefix = ''): string[] {
  if (typeof value === 'function') return [`${prefix}: function/${value.length}`];
  if (value !== null && typeof value === 'object') {
    return Object.keys(value)
      .sort()
      .flatMap((key) => shape((value as Record<string, unknown>)[key], prefix ? `${prefix}.${key}` : key));
  }
  return [`${prefix}: ${typeof value}`];
}

/** Every string the catalog can produce, calling functions with sample arguments. */
function texts(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value === 'function') {
    // Sample arguments of each kind the catalog takes; a sample of the wrong kind just throws and is left out.
    const samples = [['7', '8', '9', '10'], [0, '0'], [1, '1'], [12, '12'], [['a', 'b']]];
    const results: string[] = [];
    for (const args of samples) {
      try {
        results.push(String((value as (...a: unknown[]) => unknown)(...args)));
      } catch {
        // not this kind of argument
      }
    }
    expect(results.length).toBeGreaterThan(0);
    return results;
  }
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(texts);
  return [];
}

describe('message catalog', () => {
  it('has exactly the same keys, nesting and function arities in English and Spanish', () => {
    expect(shape(es)).toEqual(shape(en));
  });

  it('t(language) returns the catalog of that language', () => {
    expect(t('en')).toBe(en);
    expect(t('es')).toBe(es);
    expect(Object.keys(allCatalogs).sort()).toEqual(['en', 'es']);
  });

  it('has no empty strings and no emoji (meaning is never carried by symbols)', () => {
    for (const catalog of [en, es]) {
      for (const line of texts(catalog)) {
        expect(line.trim()).not.toBe('');
        expect(line).not.toMatch(/\p{Extended_Pictographic}/u);
      }
    }
  });

  it('really is translated: most strings differ between the languages', () => {
    const english = texts(en);
    const spanish = texts(es);
    const same = english.filter((line, index) => line === spanish[index]);
    expect(same.length).toBeLessThan(english.length / 10);
  });

  it('names the other language in its own words on the language button', () => {
    // The label also names what typing does (issue 19: buttons and typed words agree).
    expect(en.actions.otherLanguage).toBe('Español (idioma es)');
    expect(es.actions.otherLanguage).toBe('English (language en)');
  });
});
