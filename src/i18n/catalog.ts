import type { Language } from '../core/types.js';
import { en, type Catalog } from './catalog.en.js';
import { es } from './catalog.es.js';

export type { Catalog } from './catalog.en.js';

const catalogs: Record<Language, Catalog> = { en, es };

/** The engine's words in one language. Flow-specific text (questions, help) comes from the flow file. */
export function t(language: Language): Catalog {
  return catalogs[language];
}

/** A locale or language tag (`es-ES`, `en-US`, `es`…) as one of the bot's languages: Spanish for any `es`, else English. */
export function languageOfLocale(locale: string | undefined): Language {
  return locale?.trim().toLowerCase().startsWith('es') ? 'es' : 'en';
}

/** Every catalog, for tests that compare keys across languages. */
export const allCatalogs: Readonly<Record<Language, Catalog>> = catalogs;
