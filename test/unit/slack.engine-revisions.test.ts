import { describe, expect, it } from 'vitest';
import type { EngineInput } from '../../src/flow/engine-types.js';
import { act, drive, flow, fresh, run, sessionAt, text } from './engine-helpers.js';

/**
 * Engine inputs added for Slack (usable by any platform): replacing a whole answer (the "Edit answer"
 * modal) and the partner editing a message already sent. Tables of situation → outcome.
 */
const Q1 = flow.questions[0]!.id;
const Q2 = flow.questions[1]!.id;
const atQuestion1 = (language: 'en' | 'es' = 'en') => drive(sessionAt('contactEmail', language), [text('skip')]);
const replace = (questionNumber: number, value: string): EngineInput => ({ kind: 'replaceAnswer', questionNumber, text: value });
const revise = (previousText: string, value: string): EngineInput => ({ kind: 'reviseMessage', previousText, text: value });

describe('replaceAnswer (the Edit answer modal)', () => {
  it('replaces the open question\'s whole answer and stays on it', () => {
    const session = drive(atQuestion1(), [text('first'), text('second')]);
    const result = run(session, replace(1, '  rewritten  '));
    expect(result.session.answers[Q1]).toBe('rewritten');
    expect(result.session.step).toBe('question');
    expect(result.outcome).toBe('answered');
    expect(result.replies[0]?.text).toMatch(/replaced\. It is now 9 characters/);
    expect(result.replies[0]?.actions?.map((a) => a.id)).toContain('next');
  });

  it('replaces another question\'s answer from review, and shows the review again', () => {
    const review = sessionAt('review');
    const result = run(review, replace(2, 'new text for two'));
    expect(result.session.answers[Q2]).toBe('new text for two');
    expect(result.session.step).toBe('review');
    expect(result.replies[0]?.text).toContain('new text for two');
    expect(result.replies[0]?.actions?.map((a) => a.id)).toContain('submit');
  });

  it('un-skips a skipped question', () => {
    const skipped = drive(atQuestion1(), [text('skip'), text('back')]);
    expect(skipped.skipped).toContain(Q1);
    const result = run(skipped, replace(1, 'now answered'));
    expect(result.session.skipped).not.toContain(Q1);
  });

  const refusals: Array<[string, () => ReturnType<typeof fresh>, EngineInput, RegExp]> = [
    ['empty text', () => drive(atQuestion1(), [text('kept')]), replace(1, '   '), /empty/],
    ['too long', () => drive(atQuestion1(), [text('kept')]), replace(1, 'x'.repeat(20_001)), /at most 20,000/],
    ['no such question', () => atQuestion1(), replace(9, 'x'), /did not understand/],
    ['before the questions', () => sessionAt('organization'), replace(1, 'x'), /did not understand/],
    ['after submitting', () => sessionAt('submitted'), replace(1, 'x'), /already been received/],
  ];
  for (const [name, setup, input, reason] of refusals) {
    it(`refuses ${name} and changes nothing`, () => {
      const session = setup();
      const result = run(session, input);
      expect(result.session).toEqual(session);
      expect(result.replies[0]?.text).toMatch(reason);
    });
  }

  it('speaks Spanish', () => {
    expect(run(atQuestion1('es'), replace(1, 'hola')).replies[0]?.text).toMatch(/se reemplazó/);
  });
});

describe('reviseMessage (the partner edits a message)', () => {
  it('replaces the last paragraph of the open answer', () => {
    const session = drive(atQuestion1(), [text('first'), text('second')]);
    const result = run(session, revise('second', 'second, fixed'));
    expect(result.session.answers[Q1]).toBe('first\n\nsecond, fixed');
    expect(result.replies[0]?.text).toMatch(/edit was saved/);
  });

  it('works when the edited message is the whole answer, and removes it when edited to nothing', () => {
    const session = drive(atQuestion1(), [text('only')]);
    expect(run(session, revise('only', 'changed')).session.answers[Q1]).toBe('changed');
    expect(run(session, revise('only', '')).session.answers[Q1]).toBeUndefined();
  });

  const unchanged: Array<[string, () => ReturnType<typeof fresh>, EngineInput]> = [
    ['an older message', () => drive(atQuestion1(), [text('first'), text('second')]), revise('first', 'x')],
    ['a message that is not in the answer', () => drive(atQuestion1(), [text('first')]), revise('next', 'x')],
    ['a message on another question', () => drive(atQuestion1(), [text('first'), act('next')]), revise('first', 'x')],
    ['at review', () => sessionAt('review'), revise('anything', 'x')],
    ['after submitting', () => sessionAt('submitted'), revise('anything', 'x')],
  ];
  for (const [name, setup, input] of unchanged) {
    it(`changes nothing for ${name}, and says how to change an answer`, () => {
      const session = setup();
      const result = run(session, input);
      expect(result.session).toEqual(session);
      expect(result.replies[0]?.text).toMatch(/did not change/);
    });
  }
});

describe('a brand-new conversation that starts with a message', () => {
  it('shows the intro, not a nudge (a Slack DM "hi")', () => {
    const result = run(fresh(), text('hi'));
    expect(result.outcome).toBe('started');
    expect(result.replies[0]?.actions?.map((a) => a.id)).toEqual(['agree', 'language es']);
  });

  it('a command as the first message is still a command', () => {
    expect(run(fresh(), text('language es')).session.language).toBe('es');
    expect(run(fresh(), text('agree')).session.step).toBe('organization');
  });

  it('after the first turn, text in the intro is nudged as before', () => {
    const seen = drive(fresh(), [{ kind: 'start' }]);
    expect(run(seen, text('hi')).outcome).toBe('reasked');
  });
});
