import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFlows } from '../../conversations/index.js';
import type { SessionStore } from '../../src/core/ports.js';
import type { ConversationKey } from '../../src/core/types.js';
import type { FlowDefinition } from '../../src/flow/definition.js';
import { createMemorySessionStore } from '../../src/state/memory-session-store.js';
import { startTestApp } from '../support/app.js';
import { serviceUrl, describeWithService } from '../support/services.js';
import { allText, receiptOf, WebchatClient } from '../support/webchat-client.js';

/**
 * A deploy in the middle of a consultation: a partner is half-way through, the bot restarts on code with
 * a newer session schema AND a newer questionnaire version, and the partner finishes with nothing lost.
 *
 * The "old deploy" is simulated faithfully: the stored session is rewritten to the schema-1 shape the
 * previous release wrote (test/fixtures/sessions/v1.json), and the restarted bot reads a flow version 2
 * (from FLOWS_DIR) in which question 1 was removed, question 2 reworded and a question added at the end.
 */
const ANSWER_1 = 'First answer, later removed from the questionnaire. Marker Avocet-5120.';
const ANSWER_2 = 'Second answer, to a question that gets reworded. Marker Bittern-6231.';
const ANSWER_3 = 'Third answer, given after the restart. Marker Dunlin-7342.';
const ANSWER_ADDED = 'Answer to the question added in version 2. Marker Godwit-8453.';

/** Fields schema 2 added; a schema-1 session has none of them. */
const SCHEMA_2_FIELDS = ['seenQuestions', 'reworded', 'retiredAnswers', 'flowUpdatedNotice'];

async function writeFlowV2(dir: string, flow: FlowDefinition): Promise<FlowDefinition> {
  const [first, second, ...rest] = flow.questions;
  if (!first || !second) throw new Error('the RFI flow has at least two questions');
  const v2: FlowDefinition = {
    ...flow,
    version: flow.version + 1,
    questions: [
      { ...second, text: { en: `${second.text.en} Please include examples.`, es: `${second.text.es} Incluya ejemplos, por favor.` } },
      ...rest,
      { ...second, id: 'added-in-v2', text: { en: 'What else should the agencies know?', es: '¿Qué más deberían saber las agencias?' } },
    ],
  };
  await writeFile(join(dir, 'rfi-v2.mjs'), `export default ${JSON.stringify(v2)};\n`);
  return v2;
}

/** Rewrites the stored session as the previous release (schema 1) stored it, keeping its version counter. */
async function downgradeToSchema1(store: SessionStore, key: ConversationKey): Promise<void> {
  const stored = await store.load(key);
  if (!stored) throw new Error('no stored session to downgrade');
  const session = JSON.parse(stored.data) as Record<string, unknown>;
  for (const field of SCHEMA_2_FIELDS) delete session[field];
  session.schemaVersion = 1;
  const saved = await store.saveIfVersion(key, { version: stored.version + 1, data: JSON.stringify(session) }, stored.version, 60 * 60 * 1000);
  expect(saved).toBe(true);
}

function playRestart(store: { env(): Record<string, string>; sharedStore?: () => SessionStore }): void {
  let flowsDir = '';
  let original: FlowDefinition;

  beforeAll(async () => {
    flowsDir = await mkdtemp(join(tmpdir(), 'rfibot-flows-'));
    const flows = await loadFlows();
    const flow = flows.get('rfi-racial-equity-2022');
    if (!flow) throw new Error('RFI flow missing');
    original = flow;
  });
  afterAll(async () => {
    await rm(flowsDir, { recursive: true, force: true });
  });

  it('finishes a half-finished draft after the restart, with nothing lost', async () => {
    const sessionStore = store.sharedStore?.();
    const options = sessionStore ? { sessionStore } : {};
    const before = await startTestApp(store.env(), options);
    const earlier = new WebchatClient(before.app.url);
    let key: ConversationKey;
    try {
      await earlier.startAtFirstQuestion('1');
      await earlier.send(ANSWER_1);
      await earlier.press('next');
      await earlier.send(ANSWER_2);
      await earlier.press('next');
      expect((await earlier.state()).step).toBe('question:3');
      key = { channel: 'webchat', tenantId: 'web', userId: earlier.sessionId };
      await downgradeToSchema1(before.app.sessionStore, key);
    } finally {
      await before.cleanup();
    }

    const v2 = await writeFlowV2(flowsDir, original);
    const after = await startTestApp({ ...store.env(), FLOWS_DIR: flowsDir }, store.sharedStore ? { sessionStore: store.sharedStore() } : {});
    try {
      expect(after.app.flow.version).toBe(v2.version);
      // The same browser tab, now talking to the restarted bot.
      const client = new WebchatClient(after.app.url);
      client.sessionId = earlier.sessionId;
      const resumed = await after.app.loadSession(key);
      expect(resumed?.answers).toMatchObject({ [original.questions[0]?.id ?? '']: ANSWER_1, [original.questions[1]?.id ?? '']: ANSWER_2 });

      // The next turn: the partner is told once, and is still on the question they had open.
      const first = allText(await client.send(ANSWER_3));
      expect(first).toContain('The questionnaire was updated');
      const state = await client.state();
      expect(state.progress.total).toBe(v2.questions.length);

      // The upgraded session was saved: schema 2, flow 2, the removed answer kept.
      const saved = JSON.parse((await after.app.sessionStore.load(key))?.data ?? '{}') as Record<string, unknown>;
      expect(saved.schemaVersion).toBe(2);
      expect(saved.flowVersion).toBe(v2.version);
      expect(saved.retiredAnswers).toEqual([{ questionId: original.questions[0]?.id, answer: ANSWER_1 }]);

      await client.press('next');
      await client.send('skip');
      const added = allText(await client.send('skip'));
      expect(added).toContain('What else should the agencies know?');
      await client.send(ANSWER_ADDED);
      const review = allText(await client.send('review'));
      expect(review).toContain(ANSWER_2);
      expect(review).toContain(ANSWER_3);
      expect(review).toContain(ANSWER_ADDED);
      expect(review).toContain(ANSWER_1); // the removed question's answer, shown at review
      expect(review).toContain('reworded after you answered it');

      const receipt = receiptOf(await client.press('submit'));
      expect(receipt).toBeDefined();
      const stored = await after.app.commentStore.getByReceipt(receipt ?? '');
      expect(stored?.flowVersion).toBe(v2.version);
      expect(stored?.answers.map((answer) => answer.question)).toEqual(v2.questions.map((question) => question.text.en));
      expect(stored?.answers.map((answer) => answer.answer)).toEqual([ANSWER_2, ANSWER_3, null, null, ANSWER_ADDED]);
    } finally {
      await after.cleanup();
    }
  });
}

describe('a deploy mid-consultation keeps drafts (sessions in memory)', () => {
  const shared = createMemorySessionStore({ nodeEnv: 'test' });
  afterAll(async () => {
    await shared.close();
  });
  playRestart({ env: () => ({}), sharedStore: () => shared });
});

await describeWithService('redis', 'a deploy mid-consultation keeps drafts (sessions in Redis)', () => {
  const prefix = `rfibot-upgrade-${randomUUID().slice(0, 8)}`;
  playRestart({ env: () => ({ REDIS_URL: serviceUrl('redis'), REDIS_KEY_PREFIX: prefix }) });
});

describe('a draft saved by a newer release (a rollback mid-deploy)', () => {
  it('is refused with a kind message and a warning, and the stored value is left untouched', async () => {
    const { app, logs, cleanup } = await startTestApp();
    try {
      const client = new WebchatClient(app.url);
      await client.startAtFirstQuestion('1');
      await client.send(ANSWER_1);
      const key: ConversationKey = { channel: 'webchat', tenantId: 'web', userId: client.sessionId };
      const stored = await app.sessionStore.load(key);
      if (!stored) throw new Error('no stored session');
      const newer = { version: stored.version + 1, data: JSON.stringify({ ...JSON.parse(stored.data), schemaVersion: 99, fromTheFuture: true }) };
      expect(await app.sessionStore.saveIfVersion(key, newer, stored.version, 60_000)).toBe(true);

      const response = await fetch(`${app.url}/chat/api/sessions/${client.sessionId}/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: 'next' }),
      });
      expect(response.status).toBe(503);
      const body = (await response.json()) as { error?: { code?: string; message?: string } } & Record<string, unknown>;
      expect(JSON.stringify(body)).toContain('Your draft is safe');
      expect(await app.sessionStore.load(key)).toEqual(newer);
      expect(logs.text).toContain('SESSION_TOO_NEW');
      expect(logs.text).not.toContain('Avocet-5120');
    } finally {
      await cleanup();
    }
  });
});
