import { describe, expect, it } from 'vitest';
import type { PiiKind } from '../../src/core/submission.js';
import { scanForPii } from '../../src/flow/pii.js';

/** The kinds found and the exact stretch each one covers (checked through the offsets). */
function found(text: string): Array<[PiiKind, string]> {
  return scanForPii('q', text).map((hint) => [hint.kind, text.slice(hint.start, hint.end)]);
}

describe('scanForPii', () => {
  const positives: Array<[string, PiiKind, string]> = [
    ['Write to maria.lopez+rfi@example.org today', 'email', 'maria.lopez+rfi@example.org'],
    ['contact: J_Doe@mail.co.uk.', 'email', 'J_Doe@mail.co.uk'],
    ['Call (555) 123-4567 after 5', 'phone', '(555) 123-4567'],
    ['Call 555-123-4567', 'phone', '555-123-4567'],
    ['Call 555.123.4567', 'phone', '555.123.4567'],
    ['Call 555 123 4567', 'phone', '555 123 4567'],
    ['Call +1 555 123 4567', 'phone', '+1 555 123 4567'],
    ['Call +1-555-123-4567', 'phone', '+1-555-123-4567'],
    ['Call 1-555-123-4567', 'phone', '1-555-123-4567'],
    ['Call +1 (555) 123-4567', 'phone', '+1 (555) 123-4567'],
    ['Call +15551234567', 'phone', '+15551234567'],
    ['SSN 123-45-6789 on file', 'ssn', '123-45-6789'],
    ['SSN 123 45 6789 on file', 'ssn', '123 45 6789'],
    ['Her DOB 03/14/1988 is on file', 'date-of-birth', '03/14/1988'],
    ['He was born on March 3, 1990.', 'date-of-birth', 'March 3, 1990'],
    ['fecha de nacimiento 3/4/1990', 'date-of-birth', '3/4/1990'],
    ['nació el 3 de marzo de 1990', 'date-of-birth', '3 de marzo de 1990'],
    ['Our case manager Maria Lopez met them', 'personal-name', 'Maria Lopez'],
    ['Hablé con Ana María de la Cruz ayer', 'personal-name', 'Ana María de la Cruz'],
    ['Ask Dr. Ruiz', 'personal-name', 'Dr. Ruiz'],
    ['She lives at 123 Main St in town', 'street-address', '123 Main St'],
    ['at 4500 Martin Luther King Jr Blvd.', 'street-address', '4500 Martin Luther King Jr Blvd.'],
    ['at 12 W 5th Avenue', 'street-address', '12 W 5th Avenue'],
    ['at 9 Oak Lane', 'street-address', '9 Oak Lane'],
    ['at 77 Sunset Dr', 'street-address', '77 Sunset Dr'],
    ['at 8 Pine Rd, Springfield', 'street-address', '8 Pine Rd'],
    ['vive en Calle Luna 123, San Juan', 'street-address', 'Calle Luna 123'],
    ['vive en Avenida Juárez #45', 'street-address', 'Avenida Juárez #45'],
    ['vive en 123 Calle Sol', 'street-address', '123 Calle Sol'],
    // Typed without capitals.
    ['she stays at 123 main st now', 'street-address', '123 main st'],
    ['moved to 45 green oak avenue last year', 'street-address', '45 green oak avenue'],
  ];
  it.each(positives)('finds %j', (text, kind, match) => {
    expect(found(text)).toEqual([[kind, match]]);
  });

  const negatives = [
    'Between 2019-2022 we served 1,250 survivors.',
    'In 2021 funding fell by 35 percent; 120 of 400 clients left.',
    'Grant number 2020-VT-BX-0001 ran for 12 months.',
    'Call 555-1234',
    'We see 3 people on the street every day.',
    'We met 12 families in the street outreach.',
    'About 5 on the road were stopped.',
    'Reference 12345678901 in the report.',
    'The ratio was 123-456 in the study.',
    'Over 20 years on the main road of advocacy.',
    'Write to us @ the office',
    'We opened on March 3, 1990 with two staff.',
    'We partner with the Polaris Project.',
    'Hope House and Grace Community Church host us.',
    'Will you share the data? May we suggest training.',
    'We work in Virginia Beach and Santa Ana.',
  ];
  it.each(negatives)('ignores %j', (text) => {
    expect(found(text)).toEqual([]);
  });

  it('finds several kinds in one answer, in order, without overlaps', () => {
    const text = 'Email ana@example.org, phone 555-123-4567, SSN 123-45-6789, home 12 Oak Street.';
    expect(found(text).map(([kind]) => kind)).toEqual(['email', 'phone', 'ssn', 'street-address']);
  });

  it('returns offsets and the question id only, never the matched text', () => {
    const hints = scanForPii('q2', 'ssn 123-45-6789');
    expect(hints).toEqual([{ questionId: 'q2', kind: 'ssn', start: 4, end: 15 }]);
    expect(JSON.stringify(hints)).not.toContain('6789');
  });

  it('finds exactly the emails the old backtracking regex found (random strings of email characters)', () => {
    const OLD_EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
    const alphabet = ['a', 'b', 'C', '1', '.', '@', '-', '_', '+', '%', ' ', 'é', 'o', 'r', 'g'];
    let seed = 18;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let n = 0; n < 20_000; n += 1) {
      let text = '';
      for (let length = 1 + Math.floor(random() * 24); length > 0; length -= 1) text += alphabet[Math.floor(random() * alphabet.length)];
      const expected = [...text.matchAll(OLD_EMAIL)].map((match) => ['email', match[0]]);
      expect(found(text).filter(([kind]) => kind === 'email'), JSON.stringify(text)).toEqual(expected);
    }
  });

  it('is stable across calls (no regex state left behind)', () => {
    const text = 'a@example.org and b@example.org';
    expect(scanForPii('q', text)).toEqual(scanForPii('q', text));
    expect(scanForPii('q', text)).toHaveLength(2);
  });
});
