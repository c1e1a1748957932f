import type { Found } from './found.js';

/**
 * The regex-based kinds. Every quantifier here is bounded ({m,n}, ?, a fixed count), so one attempt at
 * one position can read only a window of bounded length (the longest possible match plus one character
 * of look-around), whatever the text. Adjacent pieces use disjoint character classes (a word is
 * followed by whitespace, digits by a separator), so the backtracking inside that window is a small
 * constant as well. A scan is therefore O(length of the text): no input makes it quadratic.
 */

/** 123-45-6789 or 123 45 6789 (the same separator twice), not inside a longer run of digits. */
const SSN = /(?<![\d-])\d{3}([- ])\d{2}\1\d{4}(?![\d-])/g;

/**
 * US phone numbers: (555) 123-4567, 555-123-4567, 555.123.4567, 555 123 4567, +1 555 123 4567,
 * 1-555-123-4567, +15551234567. Seven-digit and unseparated ten-digit numbers are left out: they are too
 * often counts, years ("2019-2022" never matches) or ids.
 */
const PHONE =
  /(?<![\w+-])(?:(?:\+1|1)[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}(?![\d-])|(?<![\w+])\+1\d{10}(?!\d)/g;

/** Whitespace between the words of an address: a few spaces or a line break, not a page of them. */
const GAP = String.raw`\s{1,8}`;
/** A word of a street name: capitalised ("Main", "O'Neil", "Martin-Luther") or an ordinal ("5th"). */
const NAME_WORD = String.raw`(?:\p{Lu}[\p{L}'.-]{0,40}|\d{1,4}(?:st|nd|rd|th))`;
const SUFFIX = String.raw`(?:St|Street|Ave|Av|Avenue|Rd|Road|Blvd|Boulevard|Ln|Lane|Dr|Drive|Ct|Court|Way|Pl|Place|Pkwy|Parkway|Hwy|Highway|Ter|Terrace|Cir|Circle|Sq|Square)`;
const SPANISH_KEYWORD = String.raw`(?:Calle|Avenida|Avda|Camino|Carrera|Carretera|Paseo|Callej[oó]n|Ave)`;

/** Lower-case street names ("123 main st"): one or two words, none of them a function word, so that
 * "3 people on the street" is not an address. */
const LOWER_NAME_WORD = String.raw`(?!(?:the|a|an|on|in|at|of|to|and|or|for|with|from|by|per|our|my|their|his|her)\s)[\p{Ll}][\p{Ll}'.-]{0,40}`;
const LOWER_SUFFIX = String.raw`(?:st|street|ave|avenue|rd|road|blvd|boulevard|ln|lane|dr|drive)`;

const STREET_ADDRESSES: readonly RegExp[] = [
  // "123 main st", "45 oak avenue" — people often type addresses without capitals.
  new RegExp(String.raw`(?<![\p{L}\d])\d{1,6}${GAP}(?:${LOWER_NAME_WORD}${GAP}){1,2}${LOWER_SUFFIX}\b\.?`, 'gu'),
  // "123 Main St", "4500 Martin Luther King Jr Blvd", "12 W 5th Ave."
  new RegExp(String.raw`(?<![\p{L}\d])\d{1,6}${GAP}(?:${NAME_WORD}${GAP}){1,4}${SUFFIX}\b\.?`, 'gu'),
  // "123 Calle Luna", "45 Avenida Juárez" (common in Puerto Rico and the US Southwest)
  new RegExp(String.raw`(?<![\p{L}\d])\d{1,6}${GAP}${SPANISH_KEYWORD}${GAP}(?:${NAME_WORD}|\d{1,6})(?:${GAP}${NAME_WORD}){0,3}`, 'gu'),
  // "Calle Luna 123", "Avenida Juárez #45", "Calle 5 #23-10"
  new RegExp(String.raw`(?<![\p{L}\d])${SPANISH_KEYWORD}\.?${GAP}(?:${NAME_WORD}${GAP}|\d{1,6}${GAP}){1,4}(?:#\s?|No\.?\s?|N[º°]\s?)?\d{1,6}(?:-\d{1,4})?(?!\d)`, 'gu'),
];

export const BOUNDED_PATTERNS: ReadonlyArray<{ kind: Found['kind']; regex: RegExp }> = [
  { kind: 'ssn', regex: SSN },
  { kind: 'phone', regex: PHONE },
  ...STREET_ADDRESSES.map((regex) => ({ kind: 'street-address' as const, regex })),
];

export function findByPatterns(text: string): Found[] {
  const found: Found[] = [];
  for (const { kind, regex } of BOUNDED_PATTERNS) {
    // matchAll clones the regex, so the shared /g patterns keep no lastIndex state between calls.
    for (const match of text.matchAll(regex)) found.push({ kind, start: match.index, end: match.index + match[0].length });
  }
  return found;
}
