import type { PiiHint } from '../core/submission.js';
import { findDatesOfBirth } from './pii/dates-of-birth.js';
import { findEmails } from './pii/email.js';
import type { Found } from './pii/found.js';
import { findNames } from './pii/names.js';
import { findByPatterns } from './pii/patterns.js';

/**
 * Spots answers that LOOK like they hold personal information, so the partner can be asked to check them
 * before they become public record. It is a hint, not a filter: false positives only cost a second look,
 * and the partner may still submit. Only offsets are returned; the matched text is never copied, so it
 * cannot leak into logs or metrics.
 *
 * Partner text is hostile input: every finder runs in time linear in the text (see each file for why),
 * so a 20,000-character answer shaped to make a regex backtrack costs no more than an ordinary one
 * (`npm run bench:pii`, test/unit/pii.linear.test.ts).
 */
export function scanForPii(questionId: string, text: string): PiiHint[] {
  const found: Found[] = [...findEmails(text), ...findByPatterns(text), ...findDatesOfBirth(text), ...findNames(text)];
  return withoutOverlaps(found).map(({ kind, start, end }) => ({ questionId, kind, start, end }));
}

/** Keeps one hint per stretch of text (the earliest, then the longest), e.g. an SSN is not also a phone. */
function withoutOverlaps(hints: Found[]): Found[] {
  const sorted = [...hints].sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
  const kept: Found[] = [];
  for (const hint of sorted) {
    const last = kept[kept.length - 1];
    if (last && hint.start < last.end) continue;
    kept.push(hint);
  }
  return kept;
}
