import type { Language } from '../../core/types.js';
import { localTimeFormatter as formatter } from '../../i18n/local-time.js';
import { html, type SafeHtml } from './html.js';

/**
 * Times as moderators read them (issue 20 item 5): in the questionnaire's time zone (flow.timeZone, the
 * one partners were told), with the zone named — "Dec 4, 2026, 1:38 PM EST" — and the exact UTC instant
 * in the `<time>` element's datetime and hover title. Pure (Intl only; src/i18n/local-time.ts).
 */
/** "Dec 4, 2026, 1:38 PM EST" (Spanish: "4 dic 2026, 1:38 p.m. EST"). */
export function formatLocalTime(iso: string, language: Language, timeZone: string): string {
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? iso : formatter(language, timeZone).format(at);
}

/** "2026-12-04 18:38:53 UTC". */
export function formatUtc(iso: string): string {
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? iso : `${at.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** `<time datetime="…Z" title="… UTC">Dec 4, 2026, 1:38 PM EST</time>`. */
export function timeHtml(iso: string, language: Language, timeZone: string): SafeHtml {
  const at = new Date(iso);
  const datetime = Number.isNaN(at.getTime()) ? iso : at.toISOString();
  return html`<time datetime="${datetime}" title="${formatUtc(iso)}">${formatLocalTime(iso, language, timeZone)}</time>`;
}

/** The zone as named in notes and export headers: the IANA name ("America/New_York"), exact all year. */
export function zoneName(timeZone: string): string {
  return timeZone;
}
