import { describe, expect, it } from 'vitest';
import type { PiiKind } from '../../src/core/submission.js';
import { scanForPii } from '../../src/flow/pii.js';
import { loadSample, mistakes, score } from '../support/pii-sample.js';

/**
 * Issue 18, item 5: precision and recall of the PII hints on the labelled sample (test/fixtures/pii/),
 * per kind, with floors a regression would break. The numbers are in docs/pii.md; `npm run
 * bench:pii-names` prints them, and the comparison with compromise's people detection.
 */
const scan = (text: string) => scanForPii('q', text);

const FLOORS: ReadonlyArray<[sample: 'tuning' | 'heldOut', kind: PiiKind, precision: number, recall: number]> = [
  ['tuning', 'personal-name', 0.95, 0.9],
  ['tuning', 'date-of-birth', 0.95, 0.95],
  ['heldOut', 'personal-name', 0.85, 0.85],
  ['heldOut', 'date-of-birth', 0.95, 0.95],
  ['tuning', 'email', 1, 1],
  ['tuning', 'phone', 1, 1],
  ['tuning', 'ssn', 1, 1],
  ['tuning', 'street-address', 1, 1],
];

describe('PII hints on the labelled sample', () => {
  it('has at least 200 sentences, in English and Spanish, with names, dates of birth and traps', () => {
    const sample = loadSample('tuning');
    expect(sample.length).toBeGreaterThanOrEqual(200);
    for (const language of ['en', 'es'] as const) {
      const own = sample.filter((sentence) => sentence.language === language);
      expect(own.filter((sentence) => sentence.expected.some((span) => span.kind === 'personal-name')).length).toBeGreaterThanOrEqual(30);
      expect(own.filter((sentence) => sentence.expected.some((span) => span.kind === 'date-of-birth')).length).toBeGreaterThanOrEqual(9);
      // Organizations, places, plain dates and capitalised sentence starts: nothing to find.
      expect(own.filter((sentence) => sentence.expected.length === 0).length).toBeGreaterThanOrEqual(30);
    }
  });

  it.each(FLOORS)('%s sample, %s: precision ≥ %s, recall ≥ %s', (which, kind, precision, recall) => {
    const sample = loadSample(which);
    const result = score(sample, scan, [kind])[kind];
    const detail = mistakes(sample, scan, kind).join('\n');
    expect(result?.precision, detail).toBeGreaterThanOrEqual(precision);
    expect(result?.recall, detail).toBeGreaterThanOrEqual(recall);
  });
});
