import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * A fresh clone is all a newcomer has: nothing in it may point at one build machine's folders, and no
 * editor or merge leftovers are committed.
 */
const tracked = execFileSync('git', ['ls-files', '-z'], { encoding: 'utf8' })
  .split('\0')
  .filter((path) => path !== '');

/** Home and work folders of machines (Linux, macOS, Windows); the test's own patterns are spelled split. */
const ABSOLUTE_MACHINE_PATH = new RegExp(['/wo' + 'rk/', '/ho' + 'me/[a-z]', '/Us' + 'ers/[A-Za-z]', '/ro' + 'ot/', '[A-Z]:\\\\Us' + 'ers\\\\'].join('|'));

describe('the repository', () => {
  it('names no absolute path of any machine', () => {
    const offenders: string[] = [];
    for (const path of tracked) {
      if (path.endsWith('.png') || path.endsWith('.zip')) continue;
      const text = readFileSync(path, 'utf8');
      text.split('\n').forEach((line, index) => {
        if (ABSOLUTE_MACHINE_PATH.test(line)) offenders.push(`${path}:${index + 1}`);
      });
    }
    expect(offenders).toEqual([]);
  });

  it('holds no leftovers of merges or editors', () => {
    expect(tracked.filter((path) => /\.(orig|rej|bak|swp)$|~$/.test(path))).toEqual([]);
  });
});
