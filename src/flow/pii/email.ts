import type { Found } from './found.js';

/**
 * Email addresses. The old pattern, `[A-Za-z0-9._%+-]+@…` tried at every position, re-read a whole run
 * of letters from each of its characters: 20,000 letters with no "@" cost 200 million steps. Here an
 * attempt starts only where such a run starts (the one-character look-behind), so every run is read
 * from its start once, and every domain once more as the start of the next run: linear.
 *
 * After a match that ends inside a run ("a@bb.cc3x@dd.ee" ends before "3x"), the old pattern went on
 * from the match's end; one sticky attempt there keeps exactly what it found.
 */
const LOCAL = String.raw`[A-Za-z0-9._%+-]+`;
const DOMAIN = String.raw`@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}`;
const AT_RUN_START = new RegExp(String.raw`(?<![A-Za-z0-9._%+-])${LOCAL}${DOMAIN}`, 'g');
const AT_MATCH_END = new RegExp(`${LOCAL}${DOMAIN}`, 'y');

export function findEmails(text: string): Found[] {
  const found: Found[] = [];
  if (!text.includes('@')) return found;
  // Shared module-level regexes, reset before each use; nothing runs between setting lastIndex and exec.
  AT_RUN_START.lastIndex = 0;
  for (let match = AT_RUN_START.exec(text); match !== null; match = AT_RUN_START.exec(text)) {
    let end = match.index + match[0].length;
    found.push({ kind: 'email', start: match.index, end });
    for (;;) {
      AT_MATCH_END.lastIndex = end;
      const next = AT_MATCH_END.exec(text);
      if (!next) break;
      found.push({ kind: 'email', start: end, end: end + next[0].length });
      end += next[0].length;
    }
    AT_RUN_START.lastIndex = end;
  }
  return found;
}
