import { describe, expect, it } from 'vitest';
import { receiptFor } from '../../src/flow/engine.js';
import { t } from '../../src/i18n/catalog.js';
import { AFTER_DEADLINE, DRAFT_ID, LATER, drive, flow, run, sessionAt, text } from './engine-helpers.js';

const Q = flow.questions.map((question) => question.id);

describe('review', () => {
  it('lists every question with its answer, skipped or not answered, and the actions', () => {
    const session = drive(sessionAt('question'), [text('skip'), text('review')]);
    const { text: review, actions } = run(session, text('review')).replies[0]!;
    expect(review).toContain(`Question 1: ${flow.questions[0]!.text.en}\nFirst answer.`);
    expect(review).toContain(`Question 2: ${flow.questions[1]!.text.en}\nSecond answer.`);
    expect(review).toContain(`Question 3: ${flow.questions[2]!.text.en}\n(skipped)`);
    expect(review).toContain(`Question 4: ${flow.questions[3]!.text.en}\n(not answered)`);
    expect(review).toContain('From: Acme Community Partners (Direct service provider)');
    expect(review).toContain('27 characters');
    expect(review).toMatch(/public record on a federal docket/);
    expect(actions?.map((a) => a.id)).toEqual(['submit', 'edit 1', 'edit 2', 'edit 3', 'edit 4', 'edit 5', 'cancel']);
  });

  it('says clearly when the answers are over the comment limit, and what happens then', () => {
    const session = drive(sessionAt('review'), [text('edit 4'), text('z'.repeat(5000)), text('next')]);
    const review = run(session, text('review')).replies[0]!.text;
    expect(review).toContain('5,027 characters');
    expect(review).toContain('more than the 5,000 characters');
    expect(review).toMatch(/full text will still be sent/);
    expect(review).toMatch(/attach the full text as a document/);
    const es = run({ ...session, language: 'es' }, text('revisar')).replies[0]!.text;
    expect(es).toContain('adjuntarán el texto completo como documento');
  });

  it('points out answers that look like personal information: which question and kind, never the text', () => {
    const session = drive(sessionAt('review'), [
      text('edit 3'),
      text('Call me at (555) 123-4567 or write to jane.doe@example.org.'),
      text('next'),
      text('edit 5'),
      text('Her SSN is 123-45-6789.'),
      text('next'),
    ]);
    const { text: review, actions, review: view } = run(session, text('review')).replies[0]!;
    expect(review).toContain('Question 3: an email address, a phone number');
    expect(review).toContain('Question 5: a Social Security number');
    expect(review).toContain('edit 3');
    expect(actions?.map((a) => a.id)).toContain('submit');
    // The warning comes first, before any answer, and names the questions it concerns.
    expect(review.indexOf('Warning: personal information')).toBeLessThan(review.indexOf('Question 1:'));
    expect(view?.pii?.questionNumbers).toEqual([3, 5]);
    // The review echoes answers (that is its job), but the warning section must not copy matches.
    const warning = review.slice(review.indexOf('may contain personal information'), review.indexOf('Question 1:'));
    expect(warning).not.toContain('555');
    expect(warning).not.toContain('jane.doe');
    expect(warning).not.toContain('6789');
    // Still allowed to submit.
    expect(run(session, text('submit')).outcome).toBe('submitted');
  });

  it('checks the organization name like an answer: a line of its own, advice that fits, hints in the submission', () => {
    const session = { ...sessionAt('review'), organization: 'Jane Survivor Doe, 12 Elm Street' };
    const review = run(session, text('review')).replies[0]!.text;
    expect(review).toContain('Organization name: a street address');
    expect(review).toContain('Type back until you reach the organization question');
    expect(review).not.toContain('type edit 1');
    const warning = review.slice(review.indexOf('may contain personal information'));
    expect(warning).not.toContain('Elm');
    const es = run({ ...session, language: 'es' }, text('revisar')).replies[0]!.text;
    expect(es).toContain('Nombre de la organización: una dirección');
    const effect = run(session, text('submit')).effects[0];
    const hints = effect?.type === 'saveSubmission' ? effect.submission.piiHints : [];
    const at = 'Jane Survivor Doe, 12 Elm Street'.indexOf('12 Elm');
    expect(hints).toEqual([{ questionId: 'organization', kind: 'street-address', start: at, end: at + '12 Elm Street'.length }]);
  });
});

describe('submit', () => {
  it('from review: moves to submitted, sets the receipt and asks for one saveSubmission', () => {
    const session = sessionAt('review');
    const result = run(session, text('submit'));
    const receipt = receiptFor(DRAFT_ID);
    expect(result.outcome).toBe('submitted');
    expect(result.session.step).toBe('submitted');
    expect(result.session.submission).toEqual({ id: DRAFT_ID, receipt, submittedAt: LATER.toISOString() });
    expect(result.replies[0]!.receipt).toBe(receipt);
    expect(result.replies[0]!.text).toContain(receipt);
    expect(result.effects).toEqual([
      {
        type: 'saveSubmission',
        submission: {
          id: DRAFT_ID,
          receipt,
          flowId: 'rfi-racial-equity-2022',
          flowVersion: 1,
          answers: [
            { questionId: Q[0], index: 1, question: flow.questions[0]!.text.en, answer: 'First answer.' },
            { questionId: Q[1], index: 2, question: flow.questions[1]!.text.en, answer: 'Second answer.' },
            { questionId: Q[2], index: 3, question: flow.questions[2]!.text.en, answer: null },
            { questionId: Q[3], index: 4, question: flow.questions[3]!.text.en, answer: null },
            { questionId: Q[4], index: 5, question: flow.questions[4]!.text.en, answer: null },
          ],
          organization: 'Acme Community Partners',
          respondentType: 'direct-service-provider',
          language: 'en',
          channel: 'webchat',
          submittedAt: LATER.toISOString(),
          piiHints: [],
          contactEmail: 'partner@example.org',
        },
      },
    ]);
  });

  it('freezes the question wording in the session language and carries the PII hints', () => {
    const session = drive(sessionAt('review', 'es'), [text('editar 1'), text('Escriba a ana@example.org'), text('siguiente')]);
    const effect = run(session, text('enviar')).effects[0]!;
    expect(effect.submission.language).toBe('es');
    expect(effect.submission.answers[0]!.question).toBe(flow.questions[0]!.text.es);
    expect(effect.submission.piiHints).toEqual([{ questionId: Q[0], kind: 'email', start: 25, end: 40 }]);
  });

  it('anonymous and no email are null', () => {
    const session = drive(sessionAt('organization'), [text('anonymous'), text('6'), text('skip'), text('Yes.'), text('review')]);
    const effect = run(session, text('submit')).effects[0]!;
    expect(effect.submission.organization).toBeNull();
    expect(effect.submission.contactEmail).toBeNull();
    expect(effect.submission.respondentType).toBe('individual');
  });

  it('submitting twice gives the same receipt and only one effect', () => {
    const first = run(sessionAt('review'), text('submit'));
    const second = run(first.session, text('submit'));
    const third = run(second.session, { kind: 'action', actionId: 'submit' });
    expect(first.effects).toHaveLength(1);
    for (const again of [second, third]) {
      expect(again.outcome).toBe('already-submitted');
      expect(again.effects).toEqual([]);
      expect(again.replies[0]!.receipt).toBe(first.replies[0]!.receipt);
      expect(again.session).toEqual(first.session);
    }
  });

  it('after submission, status shows the receipt and answers are refused politely', () => {
    const submitted = sessionAt('submitted');
    const receipt = receiptFor(DRAFT_ID);
    const status = run(submitted, text('status'));
    expect(status.replies[0]!.receipt).toBe(receipt);
    expect(status.replies[0]!.text).toContain(receipt);
    const more = run(submitted, text('One more thought.'));
    expect(more.outcome).toBe('refused');
    expect(more.session).toEqual(submitted);
    expect(more.replies[0]!.text).toMatch(/already been received/);
    expect(run(submitted, text('idioma es')).session.language).toBe('es');
  });

  it('is refused outside review, with "review first"', () => {
    const session = sessionAt('question');
    const result = run(session, text('submit'));
    expect(result.outcome).toBe('refused');
    expect(result.replies[0]!.text).toMatch(/type review first/);
  });

  it('is refused when no question has an answer', () => {
    const empty = drive(sessionAt('contactEmail'), [text('skip'), text('review')]);
    const result = run(empty, text('submit'));
    expect(result.outcome).toBe('refused');
    expect(result.session).toEqual(empty);
    expect(result.effects).toEqual([]);
    expect(result.replies[0]!.text).toMatch(/every question is empty/);
  });

  it('is refused after the deadline, with the date, and the draft is kept', () => {
    const session = sessionAt('review');
    const result = run(session, text('submit'), { now: AFTER_DEADLINE });
    expect(result.outcome).toBe('refused');
    expect(result.session).toEqual(session);
    expect(result.effects).toEqual([]);
    expect(result.replies[0]!.text.replace(/\u202f/g, ' ')).toContain('March 15, 2022 at 11:59 PM EDT');
    expect(result.replies[0]!.text).toMatch(/draft is kept/);
    // The review after the deadline offers no submit button.
    const review = run(session, text('review'), { now: AFTER_DEADLINE }).replies[0]!;
    expect(review.actions?.map((a) => a.id)).not.toContain('submit');
  });

  it('honours the deadline in force (ctx), not the flow file', () => {
    const result = run(sessionAt('review'), text('submit'), { context: { deadlineAt: new Date('2022-03-01T00:00:00Z') } });
    expect(result.outcome).toBe('refused');
  });
});

describe('submitFailed', () => {
  it('reverts to review, clears the submission and says nothing is lost', () => {
    const submitted = sessionAt('submitted');
    const result = run(submitted, { kind: 'submitFailed' });
    expect(result.outcome).toBe('submit-failed');
    expect(result.session.step).toBe('review');
    expect(result.session.submission).toBeNull();
    expect(result.session.answers).toEqual(submitted.answers);
    expect(result.replies[0]!.text).toMatch(/Nothing is lost/);
    expect(result.replies[0]!.text).toMatch(/type send/);
    // Submitting again gives the same receipt.
    expect(run(result.session, text('submit')).replies[0]!.receipt).toBe(receiptFor(DRAFT_ID));
  });

  it('permanent: says plainly that trying again will not fix it and what to do, not "we will save it for you"', () => {
    for (const language of ['en', 'es'] as const) {
      const result = run(sessionAt('submitted', language), { kind: 'submitFailed', permanent: true });
      expect(result.session.step).toBe('review');
      expect(result.replies[0]!.text).toBe(t(language).submitRefusedPermanently);
      expect(result.replies[0]!.text).not.toBe(t(language).submitFailed);
    }
    expect(run(sessionAt('submitted'), { kind: 'submitFailed', permanent: true }).replies[0]!.text).toMatch(/Nothing is lost.*\n.*tell the consultation team/s);
  });

  it('outside "submitted" it changes nothing', () => {
    const review = sessionAt('review');
    const result = run(review, { kind: 'submitFailed' });
    expect(result.session).toEqual(review);
    expect(result.outcome).toBe('submit-failed');
  });
});

describe('cancel', () => {
  it('asks first; yes starts a fresh intro with a new draft id, same language, and a new receipt later', () => {
    const asking = run(sessionAt('question', 'es'), text('cancelar'));
    expect(asking.session.pendingConfirmation).toBe('cancel');
    expect(asking.replies[0]!.actions?.map((a) => a.id)).toEqual(['yes', 'no']);
    const done = run(asking.session, text('si'));
    expect(done.outcome).toBe('cancelled');
    expect(done.session.step).toBe('intro');
    expect(done.session.draftId).toBe(`${DRAFT_ID}.1`);
    expect(done.session.language).toBe('es');
    expect(done.session.answers).toEqual({});
    expect(done.session.organization).toBeUndefined();
    expect(done.session.consentedAt).toBeNull();
    expect(done.session.version).toBe(asking.session.version);
    expect(receiptFor(done.session.draftId)).not.toBe(receiptFor(DRAFT_ID));
    const again = run(drive(done.session, [text('acepto'), text('Org'), text('1'), text('omitir')]), text('cancelar'));
    expect(run(again.session, text('yes')).session.draftId).toBe(`${DRAFT_ID}.2`);
  });

  it('no keeps everything', () => {
    const before = sessionAt('question');
    const asking = run(before, text('cancel')).session;
    const kept = run(asking, text('no'));
    expect(kept.session).toEqual({ ...before, updatedAt: LATER.toISOString() });
    expect(kept.replies[0]!.text).toMatch(/^OK, your draft is kept\./);
  });

  it('while asking, help and language keep the question open', () => {
    const asking = sessionAt('review+pendingCancel');
    const help = run(asking, text('help'));
    expect(help.session.pendingConfirmation).toBe('cancel');
    expect(help.replies[0]!.actions?.map((a) => a.id)).toEqual(['yes', 'no']);
    const es = run(asking, text('idioma es'));
    expect(es.session.pendingConfirmation).toBe('cancel');
    expect(es.replies[0]!.text).toMatch(/^¿Quiere descartar su borrador\?/);
  });
});
