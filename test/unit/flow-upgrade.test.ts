import { describe, expect, it } from 'vitest';
import { isAppError } from '../../src/errors.js';
import type { FlowDefinition } from '../../src/flow/definition.js';
import { step } from '../../src/flow/engine.js';
import { upgradeToFlow } from '../../src/flow/flow-upgrade.js';
import type { Session } from '../../src/flow/session.js';
import { ctx, flow, LATER, sessionAt, text } from './engine-helpers.js';

/**
 * A questionnaire fix shipped mid-consultation: version 2 drops question 1, rewords question 2 and adds a
 * question at the end. Drafts follow their questions by id and lose nothing.
 */
function flowV2(): FlowDefinition {
  const [first, second, ...rest] = flow.questions;
  if (!first || !second) throw new Error('the RFI flow has at least two questions');
  return {
    ...flow,
    version: flow.version + 1,
    questions: [
      { ...second, text: { en: `${second.text.en} (Reworded.)`, es: `${second.text.es} (Reformulada.)` } },
      ...rest,
      { ...second, id: 'added-question', text: { en: 'A question added later?', es: '¿Una pregunta añadida después?' } },
    ],
  };
}

const allText = (session: Session, input: string, definition: FlowDefinition) =>
  step(definition, session, text(input), LATER, ctx).replies.map((reply) => reply.text).join('\n');

describe('flow upgrades keep drafts', () => {
  it('leaves a draft on the running flow version alone', () => {
    expect(upgradeToFlow(flow, sessionAt('question'))).toBeNull();
  });

  it('records the wording of a draft that did not know it yet, without marking anything', () => {
    const upgraded = upgradeToFlow(flow, { ...sessionAt('question'), seenQuestions: null });
    expect(upgraded?.seenQuestions?.map((entry) => entry.id)).toEqual(flow.questions.map((question) => question.id));
    expect(upgraded?.reworded).toEqual([]);
    expect(upgraded?.flowUpdatedNotice).toBe(false);
  });

  it('re-maps answers by id, marks the reworded question, keeps the removed answer, and reopens the same question', () => {
    const before = sessionAt('question'); // on question 3; questions 1 and 2 answered
    const v2 = flowV2();
    const [q1, q2, q3] = flow.questions.map((question) => question.id);
    const after = upgradeToFlow(v2, before);
    expect(after).not.toBeNull();
    if (!after || !q1 || !q2 || !q3) return;
    expect(after.flowVersion).toBe(v2.version);
    expect(after.answers).toEqual({ [q2]: before.answers[q2] });
    expect(after.retiredAnswers).toEqual([{ questionId: q1, answer: before.answers[q1] }]);
    expect(after.reworded).toEqual([q2]);
    expect(v2.questions[after.questionIndex]?.id).toBe(q3);
    expect(after.flowUpdatedNotice).toBe(true);
    // Nothing the partner wrote is gone.
    const kept = [...Object.values(after.answers), ...after.retiredAnswers.map((entry) => entry.answer)].sort();
    expect(kept).toEqual(Object.values(before.answers).sort());
  });

  it('tells the partner once, notes the reworded question, and shows the removed answer at review', () => {
    const v2 = flowV2();
    const before = sessionAt('question');
    const upgraded = upgradeToFlow(v2, before);
    if (!upgraded) throw new Error('expected an upgrade');
    const first = step(v2, upgraded, text('back'), LATER, ctx);
    const firstText = first.replies.map((reply) => reply.text).join('\n');
    expect(firstText).toContain('The questionnaire was updated');
    expect(firstText).toContain('This question was reworded after you answered it');
    expect(first.session.flowUpdatedNotice).toBe(false);
    const review = allText(first.session, 'review', v2);
    expect(review).not.toContain('The questionnaire was updated');
    expect(review).toContain('reworded after you answered it');
    expect(review).toContain('questions that were removed');
    const removedAnswer = Object.values(before.answers).find((answer) => !Object.values(upgraded.answers).includes(answer));
    expect(removedAnswer && review.includes(removedAnswer)).toBe(true);
  });

  it('drops the reworded mark once the partner changes that answer', () => {
    const v2 = flowV2();
    const upgraded = upgradeToFlow(v2, sessionAt('question'));
    if (!upgraded) throw new Error('expected an upgrade');
    const editing = step(v2, upgraded, text('edit 1'), LATER, ctx).session;
    const changed = step(v2, editing, text('A fresh addition to this answer.'), LATER, ctx).session;
    expect(changed.reworded).toEqual([]);
  });

  it('marks every answered question when the draft did not record the wording it saw (schema 1)', () => {
    const v2 = flowV2();
    const upgraded = upgradeToFlow(v2, { ...sessionAt('question'), seenQuestions: null });
    expect(upgraded?.reworded).toEqual([flow.questions[1]?.id]);
  });

  it('refuses a draft saved under a newer flow version (SESSION_TOO_NEW) and changes nothing', () => {
    const session = { ...sessionAt('question'), flowVersion: flow.version + 1 };
    const copy = structuredClone(session);
    let caught: unknown;
    try {
      upgradeToFlow(flow, session);
    } catch (error) {
      caught = error;
    }
    expect(isAppError(caught) && caught.code).toBe('SESSION_TOO_NEW');
    expect(session).toEqual(copy);
  });

  it('only brings a submitted draft\'s version forward', () => {
    const submitted = sessionAt('submitted');
    const after = upgradeToFlow(flowV2(), submitted);
    expect(after?.answers).toEqual(submitted.answers);
    expect(after?.retiredAnswers).toEqual(submitted.retiredAnswers);
    expect(after?.step).toBe('submitted');
  });
});
