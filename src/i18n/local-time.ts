import type { Language } from '../core/types.js';

/**
 * One way to write a moment for people: in a named time zone, with the zone shown — "Dec 4, 2026, 1:38
 * PM EST" (Spanish: "4 dic 2026, 1:38 p.m. EST"). Used by the moderation pages and the startup banner.
 * Formatters are cached: building one costs far more than using it, and a list page formats a hundred times.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

export function localTimeFormatter(language: Language, timeZone: string): Intl.DateTimeFormat {
  const key = `${language}|${timeZone}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(language === 'es' ? 'es-US' : 'en-US', {
      timeZone,
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      timeZoneName: 'short',
    });
    formatters.set(key, found);
  }
  return found;
}
