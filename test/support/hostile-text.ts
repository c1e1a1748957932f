/**
 * Answers shaped to make a backtracking regex go quadratic (issue 18, item 1): long runs with no match,
 * or with a near-match at every position. Shared by `npm run bench:pii`, the unit table test and the
 * event-loop e2e test, so all three attack with the same shapes.
 */

/** `unit` repeated and cut to exactly `length` characters. */
export function repeatTo(unit: string, length: number): string {
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

export const HOSTILE_UNITS: Readonly<Record<string, string>> = {
  'one repeated letter (x)': 'x',
  'one repeated capital (X)': 'X',
  digits: '1',
  '"a." pairs': 'a.',
  '"@" runs': '@',
  spaces: ' ',
  'line breaks': '\n',
  mixed: 'ab1 .@-_ Xy9\n',
  '"a@" pairs': 'a@',
  '"a@b." (emails without a top-level domain)': 'a@b.',
  '"a-" pairs': 'a-',
  '"1-" pairs': '1-',
  '"A." (initials)': 'A.',
  '"1 a" (house number, lower-case word)': '1 a',
  '"1 A" (house number, capital)': '1 A',
  '"Calle " (Spanish address cue)': 'Calle ',
  '"Maria " (first name, no surname)': 'Maria ',
  '"Maria Lopez " (names everywhere)': 'Maria Lopez ',
  '"Dr. " (title, no name)': 'Dr. ',
  '"born " (birth cue, no date)': 'born ',
  '"DOB 1/" (birth cue, half a date)': 'DOB 1/',
  '"555-" (phone prefixes)': '555-',
  '"<a" (Slack entity opening, never closed)': '<a',
  '"edit " (command word)': 'edit ',
  '"rfi-admin " (staff command)': 'rfi-admin ',
  'accents (combining marks)': 'e\u0301',
};

export const HOSTILE_LENGTH = 20_000;

export function hostileAnswers(length = HOSTILE_LENGTH): Array<[name: string, text: string]> {
  return Object.entries(HOSTILE_UNITS).map(([name, unit]) => [name, repeatTo(unit, length)]);
}
