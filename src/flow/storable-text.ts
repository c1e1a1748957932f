import type { TurnInput } from '../core/types.js';

/**
 * Partner text made fit for the comment store, at the door (the dispatcher runs every inbound event
 * through `storableInput` before anything reads it, so no adapter can forget).
 *
 * What Postgres and PGlite do with JavaScript strings (measured on both, see docs/security-input.md):
 * - U+0000 (NUL): refused in `text` (SQLSTATE 22021) and in `jsonb` (22P05). One NUL in an answer made
 *   every submit of that draft fail for ever.
 * - A lone surrogate (U+D800–U+DFFF without its pair): not a character at all. Both drivers encode it as
 *   U+FFFD in `text` (the stored text silently differs from what the partner saw) and `jsonb` refuses it
 *   (22P02).
 * Both are removed. Everything else is kept exactly: other control characters, bidi controls, zero-width
 * characters, combining marks, emoji sequences and noncharacters are valid text both stores keep.
 *
 * Linear time: one pass over the UTF-16 code units, no regular expression.
 */
export interface StorableText {
  text: string;
  /** How many code units were removed (0: the text is unchanged, and is the same string). */
  removed: number;
}

export function storableText(text: string): StorableText {
  if (isStorable(text)) return { text, removed: 0 };
  let out = '';
  let removed = 0;
  let runStart = 0;
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    if (unit === 0) {
      out += text.slice(runStart, i);
      removed += 1;
      runStart = i + 1;
    } else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length && isLowSurrogate(text.charCodeAt(i + 1))) {
      i += 1; // a proper pair: kept
    } else if (unit >= 0xd800 && unit <= 0xdfff) {
      out += text.slice(runStart, i);
      removed += 1;
      runStart = i + 1;
    }
  }
  return { text: out + text.slice(runStart), removed };
}

/** True when `storableText` would change nothing. */
export function isStorable(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    if (unit === 0) return false;
    if (unit >= 0xd800 && unit <= 0xdbff) {
      if (i + 1 < text.length && isLowSurrogate(text.charCodeAt(i + 1))) {
        i += 1;
        continue;
      }
      return false;
    }
    if (isLowSurrogate(unit)) return false;
  }
  return true;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

/**
 * The turn input with every piece of partner text made storable (answers, organization and email are
 * all typed text; button ids are cleaned too, since a forged payload can carry anything). `removed` > 0
 * means the partner should be told (once, on the reply to this message).
 */
export function storableInput(input: TurnInput): { input: TurnInput; removed: number } {
  switch (input.kind) {
    case 'start':
      return { input, removed: 0 };
    case 'text':
    case 'replaceAnswer': {
      const clean = storableText(input.text);
      return clean.removed === 0 ? { input, removed: 0 } : { input: { ...input, text: clean.text }, removed: clean.removed };
    }
    case 'action': {
      const clean = storableText(input.actionId);
      return clean.removed === 0 ? { input, removed: 0 } : { input: { ...input, actionId: clean.text }, removed: clean.removed };
    }
    case 'reviseMessage': {
      // The earlier message was cleaned the same way when it arrived, so it still matches the stored answer.
      const previous = storableText(input.previousText);
      const next = storableText(input.text);
      if (previous.removed === 0 && next.removed === 0) return { input, removed: 0 };
      return { input: { ...input, previousText: previous.text, text: next.text }, removed: next.removed };
    }
  }
}
