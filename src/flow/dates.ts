import type { Language } from '../core/types.js';

/**
 * Dates as partners see them: in the flow's time zone (the docket's), not the server's or the partner's,
 * so "3 days left" means the same thing to everyone. Pure: Intl only, never the current time.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Building an Intl formatter costs far more than using one (it showed up in the Slack benchmark's CPU
 * profile), so each is built once per locale and zone and reused. Formatters are immutable: still pure.
 */
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, build: () => T): T {
  let formatter = formatters.get(key) as T | undefined;
  if (!formatter) {
    formatter = build();
    formatters.set(key, formatter);
  }
  return formatter;
}

/** Calendar date of `date` in `timeZone`, as a day number (days since 1970-01-01). */
function calendarDay(date: Date, timeZone: string): number {
  const parts = cached(`day|${timeZone}`, () => new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' })).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(part('year'), part('month') - 1, part('day')) / DAY_MS;
}

/** Calendar days from `now` to the deadline in `timeZone`: 0 on the deadline day, negative after it. */
export function daysLeft(deadlineAt: Date, now: Date, timeZone: string): number {
  return calendarDay(deadlineAt, timeZone) - calendarDay(now, timeZone);
}

export function isPastDeadline(deadlineAt: Date, now: Date): boolean {
  return now.getTime() > deadlineAt.getTime();
}

export function localeOf(language: Language): string {
  return language === 'es' ? 'es-US' : 'en-US';
}

/** "March 15, 2022 at 11:59 PM EDT" / "15 de marzo de 2022 a las 11:59 p.m. EDT". */
export function formatDateTime(date: Date, language: Language, timeZone: string): string {
  const locale = localeOf(language);
  const main = cached(`long|${locale}|${timeZone}`, () => new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone })).format(date);
  // dateStyle/timeStyle cannot be combined with timeZoneName, so the zone is added separately: without it
  // "11:59 PM" is ambiguous for partners in other time zones.
  const zone = cached(`zone|${locale}|${timeZone}`, () => new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' }))
    .formatToParts(date)
    .find((part) => part.type === 'timeZoneName')?.value;
  return zone ? `${main} ${zone}` : main;
}

/** 5000 → "5,000" in the language's convention. */
export function formatNumber(value: number, language: Language): string {
  return cached(`number|${language}`, () => new Intl.NumberFormat(localeOf(language))).format(value);
}
