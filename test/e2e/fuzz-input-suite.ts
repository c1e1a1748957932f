import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/app.js';
import type { Env } from '../../src/config.js';
import type { ConversationKey } from '../../src/core/types.js';
import { storableText } from '../../src/flow/storable-text.js';
import { startSlackApp } from '../fixtures/slack/harness.js';
import { dmEvent, nextId, TEAM } from '../fixtures/slack/payloads.js';
import { allText, WebchatClient } from '../support/webchat-client.js';
import { startTeamsHarness, type TeamsHarness } from './teams-harness.js';

/**
 * Every class of code point, through every channel, into the organization, the contact email and an
 * answer, then submitted: each case gets a receipt (and the stored text is what docs/security-input.md
 * promises: NUL and lone surrogates removed, whitespace of the organization tidied, answers trimmed,
 * everything else intact) or a clear refusal on that step, and no retry is left waiting.
 *
 * Web chat through its JSON API, Slack as signed Events API requests into the real HTTP server (fake
 * Slack Web API), Teams as activities with real JWT validation (local identity server, fake connector).
 */
export interface FuzzCase {
  name: string;
  text: string;
}

export const FUZZ_CASES: FuzzCase[] = [
  { name: 'NUL', text: 'before\u0000after \u0000\u0000 end' },
  { name: 'NUL without spaces (reaches the email)', text: 'x\u0000y\u0000z' },
  { name: 'C0 controls', text: 'tab\there bell\u0007 esc\u001b[31m del\u007f vt\u000b ff\u000c end' },
  { name: 'C1 controls', text: 'nel\u0085 csi\u009b osc\u009d apc\u009f end' },
  { name: 'lone high surrogate', text: 'high\ud800alone' },
  { name: 'lone low surrogate', text: 'low \udc00 alone' },
  { name: 'surrogates in the wrong order', text: 'reversed \udc00\ud800 pair' },
  { name: 'paired surrogates (astral characters)', text: 'astral \u{1d11e} \u{2070e} \u{1f600}' },
  { name: 'bidi overrides and isolates', text: 'bidi \u202a\u202b\u202c\u202d\u202egnirts\u202c \u2066\u2067\u2068\u2069 end' },
  { name: 'zero-width characters', text: 'zero\u200bwidth\u200c\u200d\u2060\ufeffchars' },
  { name: 'combining marks', text: 'Z\u0351\u0358a\u0300\u0301\u0302l\u0303g\u0304o e\u0301 n\u0303' },
  { name: 'emoji ZWJ sequences', text: 'family \u{1f469}\u200d\u{1f469}\u200d\u{1f467}\u200d\u{1f466} flag \u{1f3f3}\ufe0f\u200d\u{1f308} wave \u{1f44b}\u{1f3fd} 1\ufe0f\u20e3' },
  { name: 'noncharacters', text: 'non \ufdd0 \ufffe \uffff \u{1fffe} \u{10ffff} end' },
  { name: 'line and paragraph separators', text: 'line\u2028sep para\u2029sep' },
  { name: 'only characters the store cannot keep', text: '\u0000\ud800\u0000\udfff' },
  { name: 'a very long line', text: `${'long words without a break '.repeat(370)}end` },
  { name: 'a line over the answer limit', text: 'x'.repeat(20_001) },
];

/** One conversation on one channel: `say` sends a message and resolves the text of the bot's replies. */
interface Driver {
  key: ConversationKey;
  say(text: string): Promise<string>;
}

export interface FuzzApps {
  /** Web chat and Slack (one app with the Slack adapter). */
  slack: Awaited<ReturnType<typeof startSlackApp>>;
  teams: TeamsHarness;
}

const REMOVED_NOTE = /invisible characters that cannot be saved/;
const FAR = new Date('2100-01-01T00:00:00.000Z');

async function webchatDriver(app: RunningApp): Promise<Driver> {
  const client = new WebchatClient(app.url);
  await client.start();
  return { key: { channel: 'webchat', tenantId: 'web', userId: client.sessionId }, say: async (text) => allText(await client.send(text)) };
}

async function slackDriver(apps: FuzzApps): Promise<Driver> {
  const user = nextId('UFZ');
  const { client } = apps.slack;
  const driver: Driver = {
    key: { channel: 'slack', tenantId: TEAM, userId: user },
    say: async (text) => {
      const posts = await client.expectReplies(() => client.sendEvent(dmEvent(user, text)));
      return posts.map((post) => `${post.text}\n${JSON.stringify(post.blocks)}`).join('\n');
    },
  };
  await driver.say('hi');
  return driver;
}

async function teamsDriver(apps: FuzzApps): Promise<Driver> {
  const partner = apps.teams.partner();
  await partner.say(partner.install());
  return { key: partner.key, say: async (text) => (await partner.say(partner.message(text))).text };
}

/** What the store must hold for text the partner typed (docs/security-input.md). */
const storable = (text: string) => storableText(text).text;
const expectedOrganization = (text: string) => storable(text).trim().replace(/\s+/g, ' ');
const expectedAnswer = (text: string) => storable(text).trim();

async function runCase(app: RunningApp, driver: Driver, fuzz: FuzzCase): Promise<void> {
  const removes = storable(fuzz.text) !== fuzz.text;
  const stepOf = async () => (await app.loadSession(driver.key))?.step;
  const expectNote = (reply: string) => (removes ? expect(reply).toMatch(REMOVED_NOTE) : expect(reply).not.toMatch(REMOVED_NOTE));
  await driver.say('agree');

  // The organization: kept (tidied), or refused with the reason (empty, too long).
  const orgReply = await driver.say(fuzz.text);
  expectNote(orgReply);
  let organization = expectedOrganization(fuzz.text);
  if ((await stepOf()) === 'organization') {
    expect(orgReply).toMatch(/The name was empty|Please keep it to 200 characters/);
    organization = 'Fallback Organization';
    await driver.say(organization);
  }
  expect((await app.loadSession(driver.key))?.organization).toBe(organization);
  await driver.say('1');

  // The contact email, with the case in its local part: kept, or refused with the reason.
  const typedEmail = `fuzz${fuzz.text}@example.org`;
  const emailReply = await driver.say(typedEmail);
  let email = storable(typedEmail).trim();
  if ((await stepOf()) === 'contactEmail') {
    expect(emailReply).toMatch(/That does not look like an email address/);
    email = 'fallback@example.org';
    await driver.say(email);
  }
  expect(await stepOf()).toBe('question');

  // The answer to question 1: kept, or refused (empty once cleaned, over the limit).
  const answerReply = await driver.say(fuzz.text);
  let answer = expectedAnswer(fuzz.text);
  if ((await app.loadSession(driver.key))?.answers[app.flow.questions[0]?.id ?? ''] === undefined) {
    expect(answerReply).toMatch(/That message was empty, so nothing was added|That message was not added/);
    answer = 'A fallback answer.';
    await driver.say(answer);
  } else {
    expectNote(answerReply);
  }

  await driver.say('review');
  const submitted = await driver.say('submit');
  const session = await app.loadSession(driver.key);
  expect(session?.step).toBe('submitted');
  const receipt = session?.submission?.receipt as string;
  expect(submitted).toContain(receipt);
  const stored = await app.commentStore.getByReceipt(receipt);
  expect(stored?.organization).toBe(organization);
  expect(stored?.answers.find((entry) => entry.index === 1)?.answer).toBe(answer);
  expect((await app.commentStore.getPrivateContact(stored?.id as string))?.contactEmail).toBe(email);
  expect(await app.sessionStore.listSubmitsPending(100, FAR)).toEqual([]);
}

/** The whole fuzz suite against the comment store `env` selects (PGlite when it names no DATABASE_URL). */
export function fuzzSuite(storeName: string, env: () => Env): void {
  describe(`every code point class through every channel, submitted (${storeName})`, () => {
    let apps: FuzzApps;
    beforeAll(async () => {
      // EMAIL_OUTBOX: "remind me by email" is on (emails kept as files), so its address goes through the door too.
      const slack = await startSlackApp({ env: { ...env(), EMAIL_OUTBOX: 'on' } });
      apps = { slack, teams: await startTeamsHarness(env()).catch(async (error: unknown) => {
        await slack.cleanup();
        throw error;
      }) };
    }, 120_000);
    afterAll(async () => {
      await apps?.slack.cleanup();
      await apps?.teams.cleanup();
    });

    for (const fuzz of FUZZ_CASES) {
      it(`web chat: ${fuzz.name}`, async () => {
        await runCase(apps.slack.app, await webchatDriver(apps.slack.app), fuzz);
      });
      it(`Slack: ${fuzz.name}`, async () => {
        await runCase(apps.slack.app, await slackDriver(apps), fuzz);
      });
      it(`Teams: ${fuzz.name}`, async () => {
        await runCase(apps.teams.app, await teamsDriver(apps), fuzz);
      });
    }

    it('web chat "remind me": an email with a NUL and a lone surrogate is kept without them (the database would refuse it)', async () => {
      const client = new WebchatClient(apps.slack.app.url);
      await client.start();
      await client.send('agree');
      const response = await client.reminders({ email: 'remind\u0000me\ud800@example.org', remind: true });
      expect(response.status).toBe(200);
      // Double opt-in: the cleaned address waits for its confirmation.
      expect(await response.json()).toMatchObject({ state: 'pending', email: 'remindme@example.org' });
    });

    it('logged none of the text', () => {
      for (const logs of [apps.slack.logs, apps.teams.logs]) {
        expect(logs.text).not.toContain('gnirts');
        expect(logs.text).not.toContain('long words without a break');
        expect(logs.text).not.toContain('fallback@example.org');
      }
    });
  });
}
