import type { Language } from '../core/types.js';
import { en, type Catalog } from './catalog.en.js';
import { es } from './catalog.es.js';

export type { Catalog } from './catalog.en.js';

const catalogs: Record<Language, Catalog> = { en, es };

/** The engine's words in one language. Flow-specific text (questions, help) comes from the flow file. */
export function t(language: Language): Catalog {
  return catalogs[language];
}

/** Every catalog, for tests that compare keys across languages. */
export const allCatalogs: Readonly<Record<Language, Catalog>> = catalogs;
