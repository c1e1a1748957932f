import type { PiiHint, PiiKind } from '../core/submission.js';

/**
 * Spots answers that LOOK like they hold personal information, so the partner can be asked to check them
 * before they become public record. It is a hint, not a filter: false positives only cost a second look,
 * and the partner may still submit. Only offsets are returned; the matched text is never copied, so it
 * cannot leak into logs or metrics.
 */

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

/** 123-45-6789 or 123 45 6789 (the same separator twice), not inside a longer run of digits. */
const SSN = /(?<![\d-])\d{3}([- ])\d{2}\1\d{4}(?![\d-])/g;

/**
 * US phone numbers: (555) 123-4567, 555-123-4567, 555.123.4567, 555 123 4567, +1 555 123 4567,
 * 1-555-123-4567, +15551234567. Seven-digit and unseparated ten-digit numbers are left out: they are too
 * often counts, years ("2019-2022" never matches) or ids.
 */
const PHONE =
  /(?<![\w+-])(?:(?:\+1|1)[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}(?![\d-])|(?<![\w+])\+1\d{10}(?!\d)/g;

/** A word of a street name: capitalised ("Main", "O'Neil", "Martin-Luther") or an ordinal ("5th"). */
const NAME_WORD = String.raw`(?:\p{Lu}[\p{L}'.-]*|\d+(?:st|nd|rd|th))`;
const SUFFIX = String.raw`(?:St|Street|Ave|Av|Avenue|Rd|Road|Blvd|Boulevard|Ln|Lane|Dr|Drive|Ct|Court|Way|Pl|Place|Pkwy|Parkway|Hwy|Highway|Ter|Terrace|Cir|Circle|Sq|Square)`;
const SPANISH_KEYWORD = String.raw`(?:Calle|Avenida|Avda|Camino|Carrera|Carretera|Paseo|Callej[oó]n|Ave)`;

/** Lower-case street names ("123 main st"): one or two words, none of them a function word, so that
 * "3 people on the street" is not an address. */
const LOWER_NAME_WORD = String.raw`(?!(?:the|a|an|on|in|at|of|to|and|or|for|with|from|by|per|our|my|their|his|her)\s)[\p{Ll}][\p{Ll}'.-]*`;
const LOWER_SUFFIX = String.raw`(?:st|street|ave|avenue|rd|road|blvd|boulevard|ln|lane|dr|drive)`;

const STREET_ADDRESSES: readonly RegExp[] = [
  // "123 main st", "45 oak avenue" — people often type addresses without capitals.
  new RegExp(String.raw`(?<![\p{L}\d])\d{1,6}\s+(?:${LOWER_NAME_WORD}\s+){1,2}${LOWER_SUFFIX}\b\.?`, 'gu'),
  // "123 Main St", "4500 Martin Luther King Jr Blvd", "12 W 5th Ave."
  new RegExp(String.raw`(?<![\p{L}\d])\d{1,6}\s+(?:${NAME_WORD}\s+){1,4}${SUFFIX}\b\.?`, 'gu'),
  // "123 Calle Luna", "45 Avenida Juárez" (common in Puerto Rico and the US Southwest)
  new RegExp(String.raw`(?<![\p{L}\d])\d{1,6}\s+${SPANISH_KEYWORD}\s+(?:${NAME_WORD}|\d+)(?:\s+${NAME_WORD}){0,3}`, 'gu'),
  // "Calle Luna 123", "Avenida Juárez #45", "Calle 5 #23-10"
  new RegExp(String.raw`(?<![\p{L}\d])${SPANISH_KEYWORD}\.?\s+(?:${NAME_WORD}\s+|\d+\s+){1,4}(?:#\s?|No\.?\s?|N[º°]\s?)?\d{1,6}(?:-\d{1,4})?(?!\d)`, 'gu'),
];

const PATTERNS: ReadonlyArray<{ kind: PiiKind; regex: RegExp }> = [
  { kind: 'email', regex: EMAIL },
  { kind: 'ssn', regex: SSN },
  { kind: 'phone', regex: PHONE },
  ...STREET_ADDRESSES.map((regex) => ({ kind: 'street-address' as const, regex })),
];

export function scanForPii(questionId: string, text: string): PiiHint[] {
  const found: PiiHint[] = [];
  for (const { kind, regex } of PATTERNS) {
    // matchAll clones the regex, so the shared /g patterns keep no lastIndex state between calls.
    for (const match of text.matchAll(regex)) {
      const start = match.index;
      found.push({ questionId, kind, start, end: start + match[0].length });
    }
  }
  return withoutOverlaps(found);
}

/** Keeps one hint per stretch of text (the earliest, then the longest), e.g. an SSN is not also a phone. */
function withoutOverlaps(hints: PiiHint[]): PiiHint[] {
  const sorted = [...hints].sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
  const kept: PiiHint[] = [];
  for (const hint of sorted) {
    const last = kept[kept.length - 1];
    if (last && hint.start < last.end) continue;
    kept.push(hint);
  }
  return kept;
}
