import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeCommentApi } from '../fixtures/regulations/fake-comment-api.js';
import { startTestApp } from '../support/app.js';
import { addSubmission, api, dashboardLogin, postForm, tokenFor } from './moderation-support.js';

/**
 * The docket status a moderator sees (issue 20 item 3), with forwarding configured (after-review, the
 * default) against the fake Comment API: waiting for approval → on the docket with a linked tracking
 * number; a refusal shows the API's message; the Docket page's buttons resolve it with the same checks
 * and audit as POST /api/forwarding/{id}/resolve, CSRF-protected, POST → 303 → GET.
 */
const KEY = 'test-comment-api-key';
const DOC = 'DOS-2022-0004-0001';

describe('Docket status and the Docket page buttons', () => {
  const fake = new FakeCommentApi(KEY);
  let harness: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    const url = await fake.start();
    harness = await startTestApp({ COMMENT_API_URL: url, COMMENT_API_KEY: KEY, COMMENT_DOCKET_DOCUMENT_ID: DOC });
  }, 60_000);
  afterAll(async () => {
    await harness?.cleanup();
    await fake.stop();
  });
  const drain = () => harness.app.forwarding?.drain();

  async function session(name = 'Dee Docket') {
    const s = await dashboardLogin(harness.app, (await tokenFor(harness.app, 'moderator', name)).token);
    const page = async (path: string) => (await fetch(`${harness.app.url}${path}`, { headers: { cookie: s.cookie } })).text();
    return { ...s, page };
  }
  async function approve(who: Awaited<ReturnType<typeof session>>, id: string) {
    const csrf = await who.csrf(`/moderate/submissions/${id}`);
    expect((await postForm(harness.app, who.cookie, `/moderate/submissions/${id}/flags`, { _csrf: csrf, flag: 'cleared', do: 'set' })).status).toBe(303);
  }

  it('waits for approval, then is on the docket with the tracking number linked to regulations.gov', async () => {
    const s = await addSubmission(harness.app);
    const who = await session();
    const before = await who.page(`/moderate/submissions/${s.id}`);
    expect(before).toContain('Docket: <strong>Waiting for approval: it goes to the docket once a moderator approves it.</strong>');
    await approve(who, s.id);
    await drain();
    const tracking = fake.accepted.at(-1)?.trackingNumber as string;
    expect(tracking).toBeTruthy();
    const after = await who.page(`/moderate/submissions/${s.id}`);
    expect(after).toContain(`data-docket-state="on-docket"`);
    expect(after).toContain(`Docket: <strong>On the docket, tracking number</strong> <a href="https://www.regulations.gov/comment/${tracking}" rel="noopener noreferrer">${tracking}</a>`);
  });

  it('shows a refusal with the API message, and "It is on the docket" resolves it from the Docket page', async () => {
    fake.next({ status: 400, detail: 'comment must not be empty' });
    const s = await addSubmission(harness.app);
    const who = await session('Dana Docket');
    await approve(who, s.id);
    await drain();
    expect(await who.page(`/moderate/submissions/${s.id}`)).toContain('Docket: <strong>Failed: the API refused it.</strong> Message from the API: Validation error: comment must not be empty.');

    const docket = await who.page('/moderate/forwarding?state=dead');
    expect(docket).toContain('It is on the docket (enter the tracking number)');
    expect(docket).toContain('>Post it again</button>');
    expect(docket).not.toContain('POST /api/forwarding');
    const action = `/moderate/forwarding/${s.id}/resolve`;
    expect(docket).toContain(`action="${action}"`);
    // CSRF-protected like every dashboard form.
    expect((await postForm(harness.app, who.cookie, action, { trackingNumber: 'kx1-abcd-0001' })).status).toBe(403);
    const csrf = await who.csrf('/moderate/forwarding?state=dead');
    const bad = await postForm(harness.app, who.cookie, action, { _csrf: csrf, trackingNumber: 'no spaces allowed!', state: 'dead' });
    expect(bad.status).toBe(303);
    expect(await who.page(bad.headers.get('location') as string)).toContain('Nothing changed: a tracking number has 3 to 60 letters, digits or dashes.');

    const ok = await postForm(harness.app, who.cookie, action, { _csrf: csrf, trackingNumber: 'kx1-abcd-0001', state: 'dead' });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe(`/moderate/forwarding?state=dead&done=forward-tracking&of=${encodeURIComponent(s.id)}`);
    expect(await who.page(ok.headers.get('location') as string)).toMatch(/role="status" aria-live="polite"><p><strong>Marked as on the docket, tracking number kx1-abcd-0001<\/strong>/);
    const { token } = await tokenFor(harness.app, 'moderator');
    expect(await api(harness.app, token).json(`/api/forwarding/${s.id}`)).toMatchObject({ state: 'forwarded', trackingNumber: 'kx1-abcd-0001' });
    // Once resolved, it cannot be resolved again.
    const again = await postForm(harness.app, who.cookie, action, { _csrf: csrf, retry: '1' });
    expect(await who.page(again.headers.get('location') as string)).toContain('Nothing changed: only a failed or unknown post can be resolved, and this one is on the docket.');

    const { token: adminToken } = await tokenFor(harness.app, 'admin');
    const entries = await api(harness.app, adminToken).json<{ items: Array<{ action: string; actorName: string; submissionId: string; detail: unknown }> }>('/api/audit?limit=50');
    const resolved = entries.items.filter((e) => e.action === 'forward-resolved' && e.submissionId === s.id);
    expect(resolved).toEqual([expect.objectContaining({ actorName: 'Dana Docket', detail: { retry: false } })]);
  });

  it('"Post it again" posts it once more and it reaches the docket', async () => {
    fake.next({ status: 400, detail: 'try later' });
    const s = await addSubmission(harness.app);
    const who = await session();
    await approve(who, s.id);
    await drain();
    const posts = fake.comments.length;
    const csrf = await who.csrf('/moderate/forwarding');
    const retried = await postForm(harness.app, who.cookie, `/moderate/forwarding/${s.id}/resolve`, { _csrf: csrf, retry: '1' });
    expect(retried.headers.get('location')).toBe(`/moderate/forwarding?done=forward-retry&of=${encodeURIComponent(s.id)}`);
    expect(await who.page(retried.headers.get('location') as string)).toContain('It will be posted to the docket again shortly');
    await drain();
    expect(fake.comments.length).toBe(posts + 1);
    expect(await who.page(`/moderate/submissions/${s.id}`)).toContain('data-docket-state="on-docket"');
  });
});
