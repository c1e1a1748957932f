import type { Found } from './found.js';

/**
 * Dates of birth: a date written right after words that say it is one ("DOB 03/14/1988", "born on
 * March 3, 1990", "fecha de nacimiento: 3/4/1990", "nació el 3 de marzo de 1990"). Dates alone are
 * everywhere in these answers (grant years, meeting days) and say nothing about a person, so a date
 * counts only after such words. The hint covers the date, which is what a partner would remove.
 *
 * Linear: the cue is a literal alternation, so one attempt reads at most its longest word plus a few
 * characters; the date is then tried once, anchored (sticky) at the end of the cue, and every
 * quantifier in it is bounded.
 */

const EN_MONTH = String.raw`(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)`;
const ES_MONTH = String.raw`(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|se(?:p)?tiembre|octubre|noviembre|diciembre|ene|feb|mar|abr|jun|jul|ago|sept?|oct|nov|dic)`;

/** Words that say the next date is a birth date, in English and Spanish. */
const CUE = new RegExp(
  [
    String.raw`\bd\.?\s?o\.?\s?b\b\.?`,
    String.raw`\bdate\s{1,3}of\s{1,3}birth\b`,
    String.raw`\bbirth\s?(?:date|day)\b`,
    String.raw`\bborn\b`,
    String.raw`\bfecha\s{1,3}de\s{1,3}nac(?:imiento|\.)?`,
    String.raw`\bf\.\s?(?:de\s{1,3})?nac\.?`,
    // No u flag (it makes a case-insensitive scan several times slower), so \b cannot follow "ó":
    // the end of the word is checked by hand.
    String.raw`\bnac(?:i[oó]|id[oa]|[ií])(?![A-Za-zÀ-ÿ])`,
    String.raw`\bcumplea[ñn]os(?![A-Za-zÀ-ÿ])`,
  ].join('|'),
  'gi',
);

/** What may sit between the cue and the date: punctuation and a few little words ("on", "el", "is"). */
const LEAD = String.raw`[\s:,=-]{0,4}(?:(?:on|is|was|el|es|fue|en|the|:)[\s:,]{1,3}){0,3}`;
const YEAR = String.raw`(?:\d{4}|'?\d{2})`;
const DAY = String.raw`\d{1,2}(?:st|nd|rd|th|º|°)?`;

const DATE = new RegExp(
  String.raw`${LEAD}(` +
    [
      String.raw`\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})(?![\d/.-]\d)`,
      String.raw`\d{4}-\d{1,2}-\d{1,2}(?!\d)`,
      // March 3, 1990 · Mar. 3rd 1990 · marzo 3 de 1990
      String.raw`(?:${EN_MONTH}|${ES_MONTH})\.?\s{1,3}${DAY}(?:,?\s{1,3}(?:de\s{1,3}|del\s{1,3})?${YEAR})?(?![\p{L}\d])`,
      // 3 March 1990 · 3rd of March, 1990 · 3 de marzo de 1990
      String.raw`${DAY}\s{1,3}(?:of\s{1,3}|de\s{1,3})?(?:${EN_MONTH}|${ES_MONTH})\.?(?:,?\s{1,3}(?:de\s{1,3}|del\s{1,3})?${YEAR})?(?![\p{L}\d])`,
    ].join('|') +
    ')',
  'yiu',
);

export function findDatesOfBirth(text: string): Found[] {
  const found: Found[] = [];
  for (const cue of text.matchAll(CUE)) {
    // One sticky regex, reset before each use: nothing runs between setting lastIndex and exec.
    DATE.lastIndex = cue.index + cue[0].length;
    const match = DATE.exec(text);
    const value = match?.[1];
    if (!match || value === undefined) continue;
    const end = match.index + match[0].length;
    found.push({ kind: 'date-of-birth', start: end - value.length, end });
  }
  return found;
}
