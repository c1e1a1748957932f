import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseActivity } from '../../adapters/teams/parse.js';
import { parseMessageEvent, slackTextToPlain } from '../../adapters/slack/parse.js';
import { escapeMrkdwn, splitEscaped, splitForInputs } from '../../adapters/slack/render.js';
import { escapeMarkdown } from '../../adapters/teams/render.js';
import { parseSideCommand } from '../../src/dispatcher/side-commands-parse.js';
import { normalizeCommandText, parseCommand } from '../../src/flow/commands.js';
import { checkEmail } from '../../src/flow/email.js';
import { findRespondentType } from '../../src/flow/inputs.js';
import { scanForPii } from '../../src/flow/pii.js';
import { HOSTILE_UNITS, repeatTo } from '../support/hostile-text.js';
import { flow } from './engine-helpers.js';

/**
 * Issue 18, item 1: every pattern that reads partner text runs in linear time. A wall-clock bound would
 * be flaky on a shared machine, so each function is compared with itself: the CPU time per call on a text
 * 16 times longer, divided by the CPU time on the short one, the two measured in alternation. CPU time,
 * not wall time: a process waiting for the core (the other test worker, a busy machine) does not count it. Linear code gives about 16; quadratic code gives about 256. The
 * bound, 64, leaves room for a 4× disturbance and still catches any O(n²).
 * The speed target itself (< 5 ms for 20,000 characters) is checked by `npm run bench:pii`.
 */

const SHORT = 1_250;
const LONG = SHORT * 16;
const MAX_GROWTH = 64;

const teamsMessage = JSON.parse(readFileSync(new URL('../fixtures/teams/mention.json', import.meta.url), 'utf8')) as Record<string, unknown>;

/** Every function that runs a pattern over what a partner typed. */
const READERS: ReadonlyArray<[name: string, read: (text: string) => unknown]> = [
  ['scanForPii (every PII kind)', (text) => scanForPii('q1', text)],
  ['scanForPii on the organization', (text) => scanForPii('organization', text)],
  ['normalizeCommandText', normalizeCommandText],
  ['parseCommand', parseCommand],
  ['parseSideCommand (staff, withdraw, reminders)', (text) => parseSideCommand({ kind: 'text', text })],
  ['findRespondentType', (text) => findRespondentType(flow, text)],
  ['checkEmail', checkEmail],
  ['Slack mrkdwn to plain text', slackTextToPlain],
  [
    'Slack message event',
    (text) => parseMessageEvent({ team_id: 'T1', event: { type: 'message', channel_type: 'im', channel: 'D1', user: 'U1', text, ts: '1.1' }, event_id: 'Ev1' }),
  ],
  ['Teams message activity (mentions stripped)', (text) => parseActivity({ ...teamsMessage, text: `<at>RFI Bot</at> ${text}` })],
  // On the way out: answers are echoed on the review and in Slack's edit boxes.
  ['Slack mrkdwn escaping', escapeMrkdwn],
  // Small pieces, so that the short text is split as well: the loop, not its absence, is compared.
  ['Slack section splitting', (text) => splitEscaped(text, 100)],
  ['Slack edit-box splitting', (text) => splitForInputs(text, 100)],
  ['Teams markdown escaping', escapeMarkdown],
];

/** This process's CPU time in ms: unlike the wall clock, it does not run while another process has the core. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** Mean CPU ms per call over one batch of at least 5 ms of CPU. */
function batchMsPerCall(read: (text: string) => unknown, text: string): number {
  let calls = 0;
  const started = cpuMs();
  let elapsed = 0;
  do {
    read(text);
    calls += 1;
    elapsed = cpuMs() - started;
  } while (elapsed < 5);
  return elapsed / calls;
}

/** Long over short, each the fastest of 5 batches (noise only ever adds time), batches alternating. */
function growth(read: (text: string) => unknown, unit: string): number {
  const short = repeatTo(unit, SHORT);
  const long = repeatTo(unit, LONG);
  read(long); // warm up the JIT on the long shape first
  let bestShort = Infinity;
  let bestLong = Infinity;
  for (let round = 0; round < 5; round += 1) {
    bestShort = Math.min(bestShort, batchMsPerCall(read, short));
    bestLong = Math.min(bestLong, batchMsPerCall(read, long));
  }
  return bestLong / bestShort;
}

describe('text scanning is linear on hostile input', () => {
  it('guards the guard: the old email regex is caught as quadratic', () => {
    const OLD_EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
    expect(growth((text) => [...text.matchAll(OLD_EMAIL)], 'x')).toBeGreaterThan(MAX_GROWTH);
  });

  const cases = READERS.flatMap(([reader, read]) => Object.entries(HOSTILE_UNITS).map(([shape, unit]) => [reader, shape, read, unit] as const));
  it.each(cases)('%s on %s', (_reader, _shape, read, unit) => {
    const g = growth(read, unit);
    expect(g).toBeLessThan(MAX_GROWTH);
  });
});
