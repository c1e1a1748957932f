import { describe, expect, it } from 'vitest';
import { parseSideCommand } from '../../src/dispatcher/side-commands-parse.js';

const staffWords = (text: string) => {
  const parsed = parseSideCommand({ kind: 'text', text });
  return parsed?.kind === 'staff' ? parsed.words : null;
};

describe('staff commands (rfi-admin …), matched without backtracking', () => {
  it.each([
    ['rfi-admin', ''],
    ['  /rfi-admin  invite all \n', 'invite all'],
    ['RFI-ADMIN status', 'status'],
    ['rfi-adminx', null],
    [`rfi-admin ${'a'.repeat(200)}`, 'a'.repeat(200)],
    [`rfi-admin ${'a'.repeat(201)}`, null],
    ['please rfi-admin status', null],
  ])('%j → %j', (text, words) => {
    expect(staffWords(text)).toBe(words);
  });

  it('agrees with the old regex on random messages made of its parts', () => {
    const OLD = /^\s*\/?rfi-admin(?:\s+([\s\S]{0,200}))?\s*$/i;
    const parts = ['rfi-admin', '/rfi-admin', 'RFI-ADMIN', ' ', '\n', '\t', 'x', 'invite', 'a'.repeat(100), '/', '\u00a0', 'rfi-adminx'];
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let n = 0; n < 20_000; n += 1) {
      let text = '';
      for (let k = 1 + Math.floor(random() * 6); k > 0; k -= 1) text += parts[Math.floor(random() * parts.length)];
      const old = OLD.exec(text);
      expect(staffWords(text), JSON.stringify(text)).toBe(old ? (old[1] ?? '').trim() : null);
    }
  });
});
