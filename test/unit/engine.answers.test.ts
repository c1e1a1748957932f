import { describe, expect, it } from 'vitest';
import { answerOf } from '../../src/flow/answers.js';
import { act, drive, flow, run, sessionAt, text } from './engine-helpers.js';

const Q1 = flow.questions[0]!.id;
const Q3 = flow.questions[2]!.id;

/** Question 1 open, nothing written yet. */
const atQuestion1 = (language: 'en' | 'es' = 'en') => drive(sessionAt('contactEmail', language), [text('skip')]);

describe('answering a question', () => {
  it('appends every message as a paragraph of the same answer', () => {
    const first = run(atQuestion1(), text('  First thought.  '));
    const second = run(first.session, text('Second thought.'));
    expect(second.session.answers[Q1]).toBe('First thought.\n\nSecond thought.');
    expect(second.outcome).toBe('answered');
    expect(second.session.step).toBe('question');
  });

  it('acknowledges with the answer length and how to go on', () => {
    const result = run(atQuestion1(), text('x'.repeat(1234)));
    expect(result.replies[0]?.text).toContain('1,234 characters');
    expect(result.replies[0]?.text).toMatch(/type next/);
    expect(result.replies[0]?.progress).toEqual({ index: 1, total: 5 });
    expect(result.replies[0]?.actions?.map((a) => a.id)).toContain('next');
  });

  it('acknowledges in Spanish', () => {
    const result = run(atQuestion1('es'), text('y'.repeat(1234)));
    expect(result.replies[0]?.text).toContain('1,234 caracteres');
    expect(result.replies[0]?.text).toContain('siguiente');
  });

  it('shows "Question N of 5" with progress and days left', () => {
    const session = atQuestion1();
    const result = run(session, text('resume'));
    expect(result.replies[0]?.text).toMatch(/^Question 1 of 5\n/);
    expect(result.replies[0]?.text).toContain(flow.questions[0]!.text.en);
    expect(result.replies[0]?.text).toContain('11 days left');
    expect(result.replies[0]?.progress).toEqual({ index: 1, total: 5 });
    const es = run(atQuestion1('es'), text('continuar'));
    expect(es.replies[0]?.text).toMatch(/^Pregunta 1 de 5\n/);
    expect(es.replies[0]?.text).toContain('Quedan 11 días');
  });

  it('refuses a message that would pass the maximum, stating the limit and keeping what was saved', () => {
    const session = run(atQuestion1(), text('a'.repeat(90))).session;
    const result = run(session, text('b'.repeat(20)), { context: { maxAnswerChars: 100 } });
    expect(result.outcome).toBe('refused');
    expect(result.session).toEqual(session);
    expect(result.session.answers[Q1]).toBe('a'.repeat(90));
    expect(result.replies[0]?.text).toContain('at most 100 characters');
    expect(result.replies[0]?.text).toContain('(90 characters)');
  });

  it('formats the limit as a number', () => {
    const result = run(atQuestion1(), text('c'.repeat(20_001)));
    expect(result.outcome).toBe('refused');
    expect(result.replies[0]?.text).toContain('20,000');
  });

  it('re-asks on an empty message', () => {
    const session = atQuestion1();
    const result = run(session, text('   '));
    expect(result.outcome).toBe('reasked');
    expect(result.session).toEqual(session);
  });

  it('never appends a button press as answer text, even one that looks like prose', () => {
    const session = atQuestion1();
    for (const id of ['First thought.', 'agree please', '2', 'submit now']) {
      const result = run(session, act(id));
      expect(result.outcome).toBe('unknown-command');
      expect(result.session).toEqual(session);
    }
    expect(run(session, act('next')).session.questionIndex).toBe(1);
  });

  it('treats commands as whole messages only, case-insensitive, accents optional', () => {
    const session = atQuestion1();
    expect(run(session, text('  NEXT ')).session.questionIndex).toBe(1);
    expect(run(session, text('Atras')).session.step).toBe('contactEmail');
    expect(run(session, text('next steps are needed')).session.answers[Q1]).toBe('next steps are needed');
  });

  it('skip on an empty question marks it skipped; writing later un-skips it', () => {
    const skipped = run(atQuestion1(), text('skip')).session;
    expect(skipped.skipped).toEqual([Q1]);
    expect(skipped.questionIndex).toBe(1);
    const back = run(skipped, text('back')).session;
    const answered = run(back, text('Changed my mind.')).session;
    expect(answered.skipped).toEqual([]);
    expect(answerOf(answered, Q1)).toBe('Changed my mind.');
  });

  it('skip on a question with text moves on, keeps the text and says so', () => {
    const session = run(atQuestion1(), text('Keep me.')).session;
    const result = run(session, text('omitir'));
    expect(result.session.answers[Q1]).toBe('Keep me.');
    expect(result.session.skipped).toEqual([]);
    expect(result.session.questionIndex).toBe(1);
    expect(result.replies[0]?.text).toMatch(/already has some text, so it stays/);
  });

  it('next moves on without marking a question skipped', () => {
    const result = run(atQuestion1(), text('next'));
    expect(result.session.skipped).toEqual([]);
    expect(result.session.questionIndex).toBe(1);
  });

  it('next on the last question goes to review', () => {
    const last = drive(sessionAt('question'), [text('edit 5')]);
    expect(run(last, text('next')).session.step).toBe('review');
  });

  it('edit N from review returns to review on next and on review', () => {
    const editing = run(sessionAt('review'), text('edit 3')).session;
    expect(editing.step).toBe('question');
    expect(editing.returnToReview).toBe(true);
    const added = run(editing, text('An addition.')).session;
    expect(added.answers[Q3]).toBe('An addition.');
    expect(run(added, text('next')).session.step).toBe('review');
    expect(run(added, text('review')).session.step).toBe('review');
    expect(run(added, text('skip')).session.step).toBe('review');
  });

  it('clear asks first, then removes the answer on yes and keeps it on no', () => {
    const written = run(atQuestion1(), text('My street is 12 Oak Street.')).session;
    const asking = run(written, text('borrar'));
    expect(asking.session.pendingConfirmation).toBe('clear');
    expect(asking.session.answers[Q1]).toBe('My street is 12 Oak Street.');
    expect(asking.replies[0]?.actions?.map((a) => a.id)).toEqual(['yes', 'no']);

    const kept = run(asking.session, text('no'));
    expect(kept.session.pendingConfirmation).toBeNull();
    expect(kept.session.answers[Q1]).toBe('My street is 12 Oak Street.');

    const cleared = run(asking.session, text('sí'));
    expect(cleared.session.pendingConfirmation).toBeNull();
    expect(cleared.session.answers[Q1]).toBeUndefined();
    expect(cleared.session.step).toBe('question');
  });

  it('while a yes/no is open, an answer drops the question and is saved', () => {
    const written = run(atQuestion1(), text('One.')).session;
    const asking = run(written, text('clear')).session;
    const result = run(asking, text('Two.'));
    expect(result.session.pendingConfirmation).toBeNull();
    expect(result.session.answers[Q1]).toBe('One.\n\nTwo.');
    expect(result.replies[0]?.text).toMatch(/^OK, your answer is kept\./);
  });

  it('clear is refused where there is nothing to clear', () => {
    const session = atQuestion1();
    const result = run(session, text('clear'));
    expect(result.outcome).toBe('refused');
    expect(result.session).toEqual(session);
  });
});
