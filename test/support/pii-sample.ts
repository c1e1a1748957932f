import { readFileSync } from 'node:fs';
import type { PiiKind } from '../../src/core/submission.js';

/**
 * The labelled PII sample (test/fixtures/pii/labelled-sample.txt) and precision / recall over it. Used by
 * test/unit/pii.sample.test.ts and bench/pii-names-compare.ts, so the numbers in docs/pii.md come from one
 * place.
 */

const KIND_OF_LABEL: Readonly<Record<string, PiiKind>> = {
  name: 'personal-name',
  dob: 'date-of-birth',
  email: 'email',
  phone: 'phone',
  ssn: 'ssn',
  address: 'street-address',
};

export interface Span {
  kind: PiiKind;
  start: number;
  end: number;
}

export interface SampleSentence {
  language: 'en' | 'es';
  text: string;
  expected: Span[];
}

const SAMPLE_PATHS = {
  /** What the scanner was tuned on. */
  tuning: new URL('../fixtures/pii/labelled-sample.txt', import.meta.url),
  /** Written after tuning and never tuned against: the honest measure. */
  heldOut: new URL('../fixtures/pii/labelled-heldout.txt', import.meta.url),
};

export function loadSample(which: keyof typeof SAMPLE_PATHS = 'tuning'): SampleSentence[] {
  const sentences: SampleSentence[] = [];
  for (const line of readFileSync(SAMPLE_PATHS[which], 'utf8').split('\n')) {
    const tagged = /^(en|es): (.*)$/.exec(line);
    if (!tagged) continue;
    const [, language, marked] = tagged as unknown as [string, 'en' | 'es', string];
    let text = '';
    const expected: Span[] = [];
    let at = 0;
    for (const mark of marked.matchAll(/\[\[(\w+):([^\]]+)\]\]/g)) {
      text += marked.slice(at, mark.index);
      const kind = KIND_OF_LABEL[mark[1] as string];
      if (!kind) throw new Error(`unknown label ${mark[1]} in: ${line}`);
      expected.push({ kind, start: text.length, end: text.length + (mark[2] as string).length });
      text += mark[2];
      at = mark.index + mark[0].length;
    }
    text += marked.slice(at);
    sentences.push({ language, text, expected });
  }
  return sentences;
}

export interface Score {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
}

/**
 * Per kind: a hint counts as found when it overlaps an expected span of the same kind (each expected span
 * is credited once). Hints of kinds not asked for are ignored.
 */
export function score(sample: readonly SampleSentence[], scan: (text: string) => Span[], kinds: readonly PiiKind[]): Record<string, Score> {
  const result: Record<string, Score> = {};
  for (const kind of kinds) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const sentence of sample) {
      const expected = sentence.expected.filter((span) => span.kind === kind);
      const got = scan(sentence.text).filter((span) => span.kind === kind);
      const credited = new Set<Span>();
      for (const hint of got) {
        const match = expected.find((span) => !credited.has(span) && hint.start < span.end && span.start < hint.end);
        if (match) {
          credited.add(match);
          tp += 1;
        } else fp += 1;
      }
      fn += expected.length - credited.size;
    }
    result[kind] = {
      truePositives: tp,
      falsePositives: fp,
      falseNegatives: fn,
      precision: tp + fp === 0 ? 1 : tp / (tp + fp),
      recall: tp + fn === 0 ? 1 : tp / (tp + fn),
    };
  }
  return result;
}

/** The misses and false alarms of one kind, as text, for a failing test's message. */
export function mistakes(sample: readonly SampleSentence[], scan: (text: string) => Span[], kind: PiiKind): string[] {
  const lines: string[] = [];
  for (const sentence of sample) {
    const expected = sentence.expected.filter((span) => span.kind === kind).map((span) => sentence.text.slice(span.start, span.end));
    const got = scan(sentence.text).filter((span) => span.kind === kind).map((span) => sentence.text.slice(span.start, span.end));
    if (JSON.stringify(expected) !== JSON.stringify(got)) lines.push(`${sentence.text}\n    expected ${JSON.stringify(expected)} got ${JSON.stringify(got)}`);
  }
  return lines;
}
