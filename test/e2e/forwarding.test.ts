import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ShiftedClock } from '../support/clock.js';
import { FakeCommentApi } from '../fixtures/regulations/fake-comment-api.js';
import { startTestApp } from '../support/app.js';
import { schemaTracker } from '../support/pg-schemas.js';
import { describeWithService, serviceUrl } from '../support/services.js';
import { addSubmission, api, tokenFor } from './moderation-support.js';

/**
 * Forwarding to the docket through the real app and a fake Comment API on 127.0.0.1 built from the spec:
 * 201 with a tracking number, 400 with messages, 429 with Retry-After, 500, and a hang. Each submission
 * reaches it at most once per successful response; a hang is left unknown, never posted blindly again.
 */
const KEY = 'test-comment-api-key';
const DOC = 'DOS-2022-0004-0001';

interface ForwardJson {
  state: string;
  trackingNumber: string | null;
  apiStatus: number | null;
  apiMessage: string | null;
}

describe('Forwarding to the docket (FORWARD_MODE=auto)', () => {
  const fake = new FakeCommentApi(KEY);
  const clock = new ShiftedClock();
  let harness: Awaited<ReturnType<typeof startTestApp>>;
  let moderator: ReturnType<typeof api>;
  beforeAll(async () => {
    const url = await fake.start();
    harness = await startTestApp(
      { COMMENT_API_URL: url, COMMENT_API_KEY: KEY, COMMENT_DOCKET_DOCUMENT_ID: DOC, FORWARD_MODE: 'auto', COMMENT_API_TIMEOUT_MS: '1000' },
      { clock },
    );
    moderator = api(harness.app, (await tokenFor(harness.app, 'moderator')).token);
  });
  afterAll(async () => {
    await harness?.cleanup();
    await fake.stop();
  });
  const forward = (id: string) => moderator.json<ForwardJson>(`/api/forwarding/${id}`);
  const drain = () => harness.app.forwarding?.drain();
  const postsFor = (receipt: string) => fake.comments.filter((c) => String(c.body.data.attributes.comment).includes(receipt) || c.body.data.attributes.submissionKey === receipt);

  it('posts a submission once, shaped as the spec, and keeps the tracking number', async () => {
    const s = await addSubmission(harness.app, { organization: 'Harbor Light', answers: { 1: 'Fund survivor-led groups.' } });
    await drain();
    const posted = fake.comments.at(-1);
    expect(posted?.apiKey).toBe(KEY);
    expect(posted?.body.data.type).toBe('comments');
    expect(posted?.body.data.attributes).toMatchObject({ commentOnDocumentId: DOC, submitterType: 'Organization', organization: 'Harbor Light', submissionType: 'API' });
    expect(String(posted?.body.data.attributes.comment)).toContain('Fund survivor-led groups.');
    expect(posted?.body.data.attributes.submissionKey).toMatch(/^sk-\d+$/);
    expect(posted?.body.data.attributes).not.toHaveProperty('email');
    expect(await forward(s.id)).toMatchObject({ state: 'forwarded', trackingNumber: fake.accepted.at(-1)?.trackingNumber });
    const before = fake.comments.length;
    await drain();
    expect(fake.comments.length).toBe(before);
  });

  it('dead-letters a 400 with the API message and does not retry it', async () => {
    fake.next({ status: 400, detail: 'comment must not be empty' });
    const s = await addSubmission(harness.app);
    await drain();
    expect(await forward(s.id)).toMatchObject({ state: 'dead', apiStatus: 400, apiMessage: 'Validation error: comment must not be empty' });
    const before = fake.comments.length;
    clock.advance(60 * 60_000);
    await drain();
    expect(fake.comments.length).toBe(before);
    const dead = await moderator.json<{ items: Array<{ submissionId: string }> }>('/api/forwarding?state=dead');
    expect(dead.items.map((row) => row.submissionId)).toContain(s.id);
    // The dashboard shows it too: the filtered list, and the submission's own page.
    const listPage = await (await moderator.get('/moderate/forwarding?state=dead')).text();
    expect(listPage).toContain(`/moderate/submissions/${s.id}`);
    expect(listPage).toContain('Validation error: comment must not be empty');
    const submissionPage = await (await moderator.get(`/moderate/submissions/${s.id}`)).text();
    expect(submissionPage).toContain('Docket: <strong>Failed: the API refused it.</strong> Message from the API: Validation error: comment must not be empty.');
  });

  it('waits out a 429 (Retry-After) and a 500 (back-off), then posts once', async () => {
    fake.next({ status: 429, retryAfterSec: 30 }, { status: 500 });
    const s = await addSubmission(harness.app);
    await drain();
    expect(await forward(s.id)).toMatchObject({ state: 'pending', apiStatus: 429 });
    await drain();
    expect(await forward(s.id)).toMatchObject({ state: 'pending', apiStatus: 429 }); // not before Retry-After
    clock.advance(31_000);
    await drain();
    expect(await forward(s.id)).toMatchObject({ state: 'pending', apiStatus: 500 });
    clock.advance(5 * 60_000);
    await drain();
    const row = await forward(s.id);
    expect(row.state).toBe('forwarded');
    expect(fake.accepted.filter((a) => a.trackingNumber === row.trackingNumber)).toHaveLength(1);
  });

  it('leaves a hung POST unknown — never a blind second POST — until a moderator resolves it', async () => {
    fake.next({ hang: true });
    const s = await addSubmission(harness.app);
    const before = fake.comments.length;
    await drain();
    expect(await forward(s.id)).toMatchObject({ state: 'unknown' });
    clock.advance(60 * 60_000);
    await drain();
    expect(fake.comments.length).toBe(before + 1);

    const token = (await tokenFor(harness.app, 'moderator')).token;
    const resolve = (body: unknown) =>
      fetch(`${harness.app.url}/api/forwarding/${s.id}/resolve`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await resolve({})).status).toBe(400);
    expect((await resolve({ retry: true })).status).toBe(200); // not found on the docket: post it again
    await drain();
    expect(await forward(s.id)).toMatchObject({ state: 'forwarded' });
    expect(fake.comments.length).toBe(before + 2);
  });

  it('uploads the full text as an attachment when it is longer than a comment holds', async () => {
    const long = 'Survivors need housing first. '.repeat(300); // ~9,000 characters
    const s = await addSubmission(harness.app, { answers: { 1: long } });
    await drain();
    const posted = fake.comments.at(-1)!;
    expect(String(posted.body.data.attributes.comment).length).toBeLessThanOrEqual(5000);
    expect(posted.body.data.attributes.files).toEqual([`${s.receipt}-full-text.txt`]);
    const uploaded = fake.uploads.get(`${String(posted.body.data.attributes.submissionKey)}/${s.receipt}-full-text.txt`);
    expect(uploaded).toContain(long.trim());
    expect(await forward(s.id)).toMatchObject({ state: 'forwarded' });
  });

  it('never forwards a quarantined submission', async () => {
    const s = await addSubmission(harness.app);
    await harness.app.database.moderation.setFlag(s.id, 'quarantined', true, 'tester');
    const before = fake.comments.length;
    await drain();
    expect(await forward(s.id)).toMatchObject({ state: 'held' });
    expect(fake.comments.length).toBe(before);
    expect(postsFor(s.receipt)).toHaveLength(0);
  });
});

describe('Forwarding after review (the default)', () => {
  const fake = new FakeCommentApi(KEY);
  let harness: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    const url = await fake.start();
    harness = await startTestApp({ COMMENT_API_URL: url, COMMENT_API_KEY: KEY, COMMENT_DOCKET_DOCUMENT_ID: DOC });
  });
  afterAll(async () => {
    await harness?.cleanup();
    await fake.stop();
  });

  it('forwards only once a moderator clears the submission', async () => {
    const { token } = await tokenFor(harness.app, 'moderator');
    const moderator = api(harness.app, token);
    const s = await addSubmission(harness.app);
    await harness.app.forwarding?.drain();
    expect(fake.comments).toHaveLength(0);
    expect((await moderator.get(`/api/forwarding/${s.id}`)).status).toBe(404);
    const cleared = await moderator.post(`/api/submissions/${s.id}/flags`, { flag: 'cleared', set: true });
    expect(cleared.status).toBe(200);
    await harness.app.forwarding?.drain();
    expect(fake.comments).toHaveLength(1);
    expect((await moderator.json<ForwardJson>(`/api/forwarding/${s.id}`)).state).toBe('forwarded');
  });

  it('refuses half a configuration with a message that says how to fix it', async () => {
    await expect(startTestApp({ COMMENT_API_URL: fake.url })).rejects.toThrow(/set all three to forward submissions to the docket/);
  });
});

describe('The partner hears the tracking number where they answered', () => {
  it('shows the tracking number in the web chat status once forwarded', async () => {
    const { answerWholeRfi } = await import('./webchat-flow.js');
    const fake = new FakeCommentApi(KEY);
    const url = await fake.start();
    const harness = await startTestApp({ COMMENT_API_URL: url, COMMENT_API_KEY: KEY, COMMENT_DOCKET_DOCUMENT_ID: DOC, FORWARD_MODE: 'auto' });
    try {
      const { client } = await answerWholeRfi(harness.app);
      expect((await client.state()).trackingNumber).toBeUndefined();
      await harness.app.forwarding?.drain();
      expect((await client.state()).trackingNumber).toBe(fake.accepted.at(-1)?.trackingNumber);
    } finally {
      await harness.cleanup();
      await fake.stop();
    }
  });

  it('sends the tracking number as a Slack DM to the partner who submitted', async () => {
    const { startSlackApp } = await import('../fixtures/slack/harness.js');
    const fake = new FakeCommentApi(KEY);
    const url = await fake.start();
    const harness = await startSlackApp({ env: { COMMENT_API_URL: url, COMMENT_API_KEY: KEY, COMMENT_DOCKET_DOCUMENT_ID: DOC, FORWARD_MODE: 'auto' } });
    try {
      const s = await addSubmission(harness.app, { channel: 'slack' });
      // addSubmission files it under a web chat key; point it at a Slack partner, as a Slack submit would.
      await harness.app.database.client.query('UPDATE submission_private SET conversation_key = $2 WHERE submission_id = $1', [s.id, 'slack:T0001:UTRACK001']);
      await harness.app.forwarding?.drain();
      const tracking = fake.accepted.at(-1)?.trackingNumber as string;
      const dm = harness.slackApi.posts().find((post) => post.channel === 'DUTRACK001');
      expect(dm?.text).toContain(tracking);
      expect(dm?.text).toContain(s.receipt);
      await harness.app.forwarding?.drain();
      expect(harness.slackApi.posts().filter((post) => post.channel === 'DUTRACK001')).toHaveLength(1);
    } finally {
      await harness.cleanup();
      await fake.stop();
    }
  });
});

describe('Telling the partner when Slack fails', () => {
  it('tries again with back-off, not on every poll, and tells the partner once it works', async () => {
    const { startSlackApp } = await import('../fixtures/slack/harness.js');
    const fake = new FakeCommentApi(KEY);
    const url = await fake.start();
    const clock = new ShiftedClock();
    const harness = await startSlackApp({ clock, env: { COMMENT_API_URL: url, COMMENT_API_KEY: KEY, COMMENT_DOCKET_DOCUMENT_ID: DOC, FORWARD_MODE: 'auto' } });
    try {
      const postsTo = (channel: string) => harness.slackApi.calls.filter((call) => call.method === 'chat.postMessage' && call.body.channel === channel);
      harness.slackApi.failNext('chat.postMessage', { kind: 'error', error: 'internal_error' });
      await addSubmission(harness.app, { channel: 'slack', conversationKey: 'slack:T0001:UBACKOFF1' });
      await harness.app.forwarding?.drain();
      expect(postsTo('DUBACKOFF1').map((call) => call.outcome)).toEqual(['internal_error']);
      // The next polls, seconds later, leave the partner alone…
      clock.advance(5_000);
      await harness.app.forwarding?.drain();
      await harness.app.forwarding?.drain();
      expect(postsTo('DUBACKOFF1')).toHaveLength(1);
      // …until the back-off has passed; then the message arrives, once.
      clock.advance(60_000);
      await harness.app.forwarding?.drain();
      clock.advance(60 * 60_000);
      await harness.app.forwarding?.drain();
      expect(postsTo('DUBACKOFF1').map((call) => call.outcome)).toEqual(['internal_error', 'ok']);
      expect(String(postsTo('DUBACKOFF1')[1]?.body.text)).toContain(fake.accepted.at(-1)?.trackingNumber as string);
    } finally {
      await harness.cleanup();
      await fake.stop();
    }
  });
});

await describeWithService('postgres', 'Two instances forwarding at once', () => {
  it('posts every submission once although both workers run together (Postgres)', async () => {
    const schemas = schemaTracker(serviceUrl('postgres'));
    const fake = new FakeCommentApi(KEY);
    const url = await fake.start();
    const env = { DATABASE_URL: serviceUrl('postgres'), DATABASE_SCHEMA: schemas.newSchema(), COMMENT_API_URL: url, COMMENT_API_KEY: KEY, COMMENT_DOCKET_DOCUMENT_ID: DOC, FORWARD_MODE: 'auto' };
    const [a, b] = await Promise.all([startTestApp(env), startTestApp(env)]);
    try {
      const submissions = [];
      for (let i = 0; i < 20; i += 1) submissions.push(await addSubmission(a!.app, { answers: { 1: `Answer ${i}` } }));
      await Promise.all([a!.app.forwarding?.drain(), b!.app.forwarding?.drain(), a!.app.forwarding?.drain(), b!.app.forwarding?.drain()]);
      expect(fake.comments).toHaveLength(20);
      const keys = fake.comments.map((c) => c.body.data.attributes.submissionKey);
      expect(new Set(keys).size).toBe(20);
    } finally {
      await Promise.all([a!.cleanup(), b!.cleanup()]);
      await fake.stop();
      await schemas.dropAll();
    }
  }, 60_000);

  it('tells each Slack partner their tracking number once although both instances drain together', async () => {
    const { startSlackApp } = await import('../fixtures/slack/harness.js');
    const schemas = schemaTracker(serviceUrl('postgres'));
    const fake = new FakeCommentApi(KEY);
    const url = await fake.start();
    const env = { DATABASE_URL: serviceUrl('postgres'), DATABASE_SCHEMA: schemas.newSchema(), COMMENT_API_URL: url, COMMENT_API_KEY: KEY, COMMENT_DOCKET_DOCUMENT_ID: DOC, FORWARD_MODE: 'auto' };
    const [a, b] = await Promise.all([startSlackApp({ env }), startSlackApp({ env })]);
    try {
      const users = Array.from({ length: 12 }, (_, i) => `UTWICE${String(i).padStart(3, '0')}`);
      for (const user of users) await addSubmission(a!.app, { channel: 'slack', conversationKey: `slack:T0001:${user}` });
      // A slow Slack keeps both instances' sends in flight at the same time.
      for (const harness of [a!, b!]) harness.slackApi.failNext('chat.postMessage', ...users.map(() => ({ kind: 'slow' as const, delayMs: 40 })));
      await Promise.all([a!.app.forwarding?.drain(), b!.app.forwarding?.drain(), a!.app.forwarding?.drain(), b!.app.forwarding?.drain()]);
      await Promise.all([a!.app.forwarding?.drain(), b!.app.forwarding?.drain()]);
      expect(fake.comments).toHaveLength(users.length);
      const dms = [...a!.slackApi.posts(), ...b!.slackApi.posts()].filter((post) => post.channel.startsWith('DUTWICE'));
      expect(dms.map((post) => post.channel).sort()).toEqual(users.map((user) => `D${user}`).sort());
    } finally {
      await Promise.all([a!.cleanup(), b!.cleanup()]);
      await fake.stop();
      await schemas.dropAll();
    }
  }, 60_000);
});
