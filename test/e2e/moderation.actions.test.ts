import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/app.js';
import { startTestApp } from '../support/app.js';
import { addSubmission, api, dashboardLogin, postForm, tokenFor, type SubmissionJson } from './moderation-support.js';

/**
 * Issue 20 items 1, 2, 3, 7 through the real server: every dashboard action answers POST → 303 → GET back
 * to its own section with a confirmation naming what changed (a fixed `done` code, never partner text)
 * and an Undo for flags and committees; the buttons say what a moderator means; the docket status is
 * truthful when forwarding is not configured; the reading view shows state as text badges.
 */
let app: RunningApp;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ app, cleanup } = await startTestApp());
}, 60_000);
afterAll(async () => {
  await cleanup?.();
});

async function moderator(name = 'Rae Reviewer') {
  const session = await dashboardLogin(app, (await tokenFor(app, 'moderator', name)).token);
  const page = async (path: string, language = 'en') => (await fetch(`${app.url}${path}`, { headers: { cookie: session.cookie, 'accept-language': language } })).text();
  return { ...session, page };
}

/** The text of the status region in the section with this id (empty when nothing was confirmed there). */
function statusIn(page: string, sectionId: string): string {
  const start = page.indexOf(`id="${sectionId}"`);
  expect(start, sectionId).toBeGreaterThan(-1);
  const region = /<div class="confirm[^"]*" role="status" aria-live="polite">([\s\S]*?)<\/div>/.exec(page.slice(start));
  return (region?.[1] ?? '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
}

describe('plain labels (item 2)', () => {
  it('names each action for what it means, with a line of help, in English and Spanish', async () => {
    const s = await addSubmission(app, { answers: { 1: 'Call me at 555-201-3344' } });
    const session = await moderator();
    const page = await session.page(`/moderate/submissions/${s.id}`);
    expect(page).toMatch(/<button type="submit" aria-describedby="help-cleared">Approve for the docket<\/button> <span class="hint" id="help-cleared">You have read it/);
    expect(page).toContain('>Quarantine (keep out of exports)</button>');
    expect(page).toContain('>Remove the PII warning</button>');
    expect(page).toContain('<summary>Add to committee…</summary>');
    expect(page).toContain('Now: PII warning');
    expect(page).not.toMatch(/Clear —|Set —/);
    const spanish = await session.page(`/moderate/submissions/${s.id}`, 'es');
    expect(spanish).toContain('>Aprobar para el expediente</button>');
    expect(spanish).toContain('>Quitar el aviso de información personal</button>');
  });
});

describe('every action confirms in place (item 1)', () => {
  it('approves, confirms in the review section with an Undo that withdraws it, and audits both in the same words', async () => {
    const s = await addSubmission(app);
    const session = await moderator('Ada Approver');
    const csrf = await session.csrf(`/moderate/submissions/${s.id}`);
    const approved = await postForm(app, session.cookie, `/moderate/submissions/${s.id}/flags`, { _csrf: csrf, flag: 'cleared', do: 'set' });
    expect(approved.status).toBe(303);
    expect(approved.headers.get('location')).toBe(`/moderate/submissions/${s.id}?done=flag-set.cleared#flags`);
    const page = await session.page(approved.headers.get('location') as string);
    expect(statusIn(page, 'flags')).toBe('Approved for the docket Undo');
    expect(page).toContain('>Withdraw the approval</button>');
    // The Undo is a small form that posts the opposite.
    const undo = /<form method="post" action="([^"]+)" class="undo">([\s\S]*?)<\/form>/.exec(page);
    expect(undo?.[1]).toBe(`/moderate/submissions/${s.id}/flags`);
    expect(undo?.[2]).toContain('name="flag" value="cleared"');
    expect(undo?.[2]).toContain('name="do" value="clear"');
    const undone = await postForm(app, session.cookie, undo?.[1] as string, { _csrf: csrf, flag: 'cleared', do: 'clear' });
    expect(undone.headers.get('location')).toBe(`/moderate/submissions/${s.id}?done=flag-cleared.cleared#flags`);
    expect(statusIn(await session.page(undone.headers.get('location') as string), 'flags')).toBe('Approval withdrawn Undo');
    const { token: adminToken } = await tokenFor(app, 'admin');
    expect((await api(app, adminToken).json<SubmissionJson>(`/api/submissions/${s.id}`)).flags).not.toContain('cleared');

    const admin = await dashboardLogin(app, adminToken);
    const audit = await (await fetch(`${app.url}/moderate/audit`, { headers: { cookie: admin.cookie } })).text();
    expect(audit).toMatch(/Ada Approver<\/td><td>moderator<\/td><td>Approval withdrawn <code>flag-cleared<\/code>/);
    expect(audit).toMatch(/Ada Approver<\/td><td>moderator<\/td><td>Approved for the docket <code>flag-set<\/code>/);
  });

  it('adds to a committee and removes it again with Undo, back at #committees', async () => {
    const s = await addSubmission(app);
    const session = await moderator();
    const csrf = await session.csrf(`/moderate/submissions/${s.id}`);
    const added = await postForm(app, session.cookie, `/moderate/submissions/${s.id}/committees`, { _csrf: csrf, committee: 'grantmaking', do: 'set' });
    expect(added.headers.get('location')).toBe(`/moderate/submissions/${s.id}?done=committee-set.grantmaking#committees`);
    const page = await session.page(added.headers.get('location') as string);
    expect(statusIn(page, 'committees')).toBe('Added to committee: Grantmaking Undo');
    expect(page).toContain('>Remove from Grantmaking</button>');
    expect(statusIn(page, 'flags')).toBe('');
    const removed = await postForm(app, session.cookie, `/moderate/submissions/${s.id}/committees`, { _csrf: csrf, committee: 'grantmaking', do: 'clear' });
    expect(statusIn(await session.page(removed.headers.get('location') as string), 'committees')).toBe('Removed from committee: Grantmaking Undo');
    const { token } = await tokenFor(app, 'moderator');
    expect((await api(app, token).json<SubmissionJson>(`/api/submissions/${s.id}`)).committees).toEqual([]);
  });

  it('saves a redaction and lands on that answer with "Redaction saved for question 3" (no Undo: the old text is gone)', async () => {
    const s = await addSubmission(app, { answers: { 1: 'First', 3: 'Maria lives at 12 Elm Street' } });
    const session = await moderator();
    const csrf = await session.csrf(`/moderate/submissions/${s.id}`);
    const saved = await postForm(app, session.cookie, `/moderate/submissions/${s.id}/redactions`, {
      _csrf: csrf,
      questionId: app.flow.questions[2]?.id ?? '',
      text: '[name] lives at [address]',
      do: 'save',
    });
    expect(saved.headers.get('location')).toBe(`/moderate/submissions/${s.id}?done=redaction-saved.3#answer-3`);
    const page = await session.page(saved.headers.get('location') as string);
    expect(statusIn(page, 'answer-3')).toBe('Redaction saved for question 3');
    expect(statusIn(page, 'answer-1')).toBe('');
    expect(page).not.toContain('class="undo"');
    const removed = await postForm(app, session.cookie, `/moderate/submissions/${s.id}/redactions`, { _csrf: csrf, questionId: app.flow.questions[2]?.id ?? '', do: 'remove' });
    expect(statusIn(await session.page(removed.headers.get('location') as string), 'answer-3')).toBe('Redaction removed for question 3');
  });

  it('shows nothing for a done code that is not on the fixed list, and never echoes it', async () => {
    const s = await addSubmission(app);
    const session = await moderator();
    for (const code of ['flag-set.<b>pwned</b>', 'committee-set.not-a-committee', 'redaction-saved.99', 'Approved for the docket']) {
      const page = await session.page(`/moderate/submissions/${s.id}?done=${encodeURIComponent(code)}`);
      expect(page, code).not.toContain('confirm filled');
      expect(page, code).not.toContain('pwned');
    }
  });
});

describe('a truthful docket status (item 3)', () => {
  it('says forwarding is not configured, before and after approval, instead of "Not queued"', async () => {
    const s = await addSubmission(app);
    const session = await moderator();
    const before = await session.page(`/moderate/submissions/${s.id}`);
    expect(before).toContain('data-docket-state="not-configured"');
    expect(before).toContain('Docket: <strong>Not configured: this server does not post to the docket');
    const csrf = await session.csrf(`/moderate/submissions/${s.id}`);
    await postForm(app, session.cookie, `/moderate/submissions/${s.id}/flags`, { _csrf: csrf, flag: 'cleared', do: 'set' });
    const after = await session.page(`/moderate/submissions/${s.id}`);
    expect(after).toContain('data-docket-state="not-configured"');
    expect(after).not.toContain('Not queued');
  });
});

describe('the reading view shows state (item 7)', () => {
  it('badges quarantined, approved and redacted answers in words, and collapses the quarantined one', async () => {
    const marker = `R7-${Date.now()}`;
    const quarantined = await addSubmission(app, { answers: { 2: `${marker} quarantined answer` } });
    const approved = await addSubmission(app, { answers: { 2: `${marker} approved answer` } });
    const redacted = await addSubmission(app, { answers: { 2: `${marker} original Maria` } });
    const plain = await addSubmission(app, { answers: { 2: `${marker} plain answer` } });
    const repo = app.database.moderation;
    await repo.setFlag(quarantined.id, 'quarantined', true, 'tester');
    await repo.setFlag(approved.id, 'cleared', true, 'tester');
    await repo.setRedaction(redacted.id, app.flow.questions[1]?.id ?? '', `${marker} redacted [name]`, 'tester');
    const session = await moderator();
    const page = await session.page(`/moderate/questions/2?q=${marker}`);
    const item = (receipt: string) => {
      const at = page.indexOf(`>${receipt}</a>`);
      expect(at, receipt).toBeGreaterThan(-1);
      return page.slice(at, page.indexOf('</li>', at));
    };
    expect(item(quarantined.receipt)).toContain('<span class="badge badge-quarantined">Quarantined</span>');
    expect(item(quarantined.receipt)).toMatch(/<details class="quarantined"><summary>Show the quarantined answer<\/summary><div class="answer-text">R7-\d+ quarantined answer/);
    expect(item(approved.receipt)).toContain('<span class="badge badge-approved">Approved</span>');
    expect(item(approved.receipt)).not.toContain('<details');
    expect(item(redacted.receipt)).toContain('<span class="badge badge-redacted">Redacted</span>');
    expect(item(redacted.receipt)).toContain('redacted [name]');
    expect(item(plain.receipt)).not.toContain('class="badge');
    expect(page).toContain(`/moderate/submissions/${plain.id}#answer-2`);
    const spanish = await session.page(`/moderate/questions/2?q=${marker}`, 'es');
    expect(spanish).toContain('>En cuarentena</span>');
    expect(spanish).toContain('<summary>Mostrar la respuesta en cuarentena</summary>');
  });
});
