import { describe, expect, it } from 'vitest';
import { MIN_ANSWER_CHARS, renderTurnCards, TEAMS_MAX_ACTIONS } from '../../adapters/teams/render.js';
import { submitInputs } from '../../adapters/teams/parse.js';
import type { Language } from '../../src/core/types.js';
import { inputModeFor } from '../../src/dispatcher/view.js';
import { step } from '../../src/flow/engine.js';
import { t } from '../../src/i18n/catalog.js';
import { teamsCardProblems } from '../support/teams-card-validation.js';
import { walkConversation } from './conversation-walk.js';
import { ctx, flow, NOW, sessionAt } from './engine-helpers.js';

/**
 * Every card the Teams adapter can send in a whole conversation (every step, the look-around commands,
 * the review, the receipt, the copy), in both languages, with short, long and maximum-length answers
 * (with accents and markdown to escape), checked with Microsoft's `adaptivecards` library and the Teams
 * host config (issue 19).
 */
const LENGTHS = {
  short: (n: number) => `Short answer ${n}: fund survivor-led groups.`,
  long: (n: number) => (n === 1 ? `Marker-Long ${'Financiación equitativa *ya* & [ahora] <para> todas. '.repeat(140)}`.slice(0, 7000) : `Short answer ${n}.`),
  maximum: (n: number) => `Marker-Max-${n} ${'Equidad racial: ¿cómo? _Financiación_ # para grupos pequeños. '.repeat(400)}`.slice(0, 20_000),
};
const unescape = (text: string) => text.replace(/\\(.)/g, '$1');
const cardText = (card: Record<string, unknown>): string => {
  const walk = (elements: unknown): string[] =>
    ((elements ?? []) as Array<Record<string, unknown>>).flatMap((element) => [
      ...(element.type === 'TextBlock' ? [unescape(String(element.text))] : []),
      ...walk(element.items),
    ]);
  return walk(card.body).join('\n');
};

describe('Teams cards across a whole conversation', () => {
  for (const language of ['en', 'es'] as Language[]) {
    for (const [name, answerOf] of Object.entries(LENGTHS)) {
      it(`(${language}, ${name} answers) every card passes Teams' host config: ≤ ${TEAMS_MAX_ACTIONS} actions, version ≤ 1.5, under 28 KB`, () => {
        const turns = walkConversation(language, answerOf);
        expect(turns.at(-1)?.session.step).toBe('submitted');
        expect(turns.some((turn) => turn.replies.some((reply) => reply.whole))).toBe(true);
        let cards = 0;
        for (const turn of turns) {
          const rendered = renderTurnCards(turn.replies, { language: turn.session.language, inputMode: inputModeFor(turn.session.step), maxAnswerChars: 20_000 });
          for (const { card } of rendered) {
            cards += 1;
            expect(teamsCardProblems(card as unknown as Record<string, unknown>), `${JSON.stringify(turn.input)}: ${cardText(card as unknown as Record<string, unknown>).slice(0, 80)}`).toEqual([]);
          }
        }
        expect(cards).toBeGreaterThanOrEqual(turns.length);
      });
    }
  }

  it.each<Language>(['en', 'es'])('(%s) a review of five 20,000-character answers keeps every heading and at least 200 characters of each, saying how to read it whole', (language) => {
    const c = t(language);
    const turns = walkConversation(language, LENGTHS.maximum);
    const review = turns.find((turn) => turn.replies.some((reply) => reply.review))!;
    const [rendered] = renderTurnCards(review.replies, { language, inputMode: 'none', maxAnswerChars: 20_000 });
    expect(rendered?.shortened).toBe(true);
    const text = cardText(rendered!.card as unknown as Record<string, unknown>);
    for (let n = 1; n <= 5; n += 1) {
      expect(text).toContain(c.reviewQuestion(String(n), flow.questions[n - 1]!.text[language]));
      expect(text).toContain(LENGTHS.maximum(n).slice(0, MIN_ANSWER_CHARS));
      expect(text).toMatch(new RegExp(`${c.typedEdit(String(n))}\\.$`, 'm'));
    }
  });

  it('the respondent-type pick list and the "edit N" list submit the same inputs as typing', () => {
    // The Choose button's data is {}; Teams adds the card's inputs: { choice: "3" }.
    const typed = step(flow, sessionAt('respondentType'), { kind: 'text', text: '3' }, NOW, ctx);
    const [input] = submitInputs({ choice: '3' });
    const picked = step(flow, sessionAt('respondentType'), input!, NOW, ctx);
    expect(picked.session).toEqual(typed.session);
    expect(picked.replies).toEqual(typed.replies);
    const typedEdit = step(flow, sessionAt('review'), { kind: 'text', text: 'edit 2' }, NOW, ctx);
    const pickedEdit = step(flow, sessionAt('review'), submitInputs({ choice: 'edit 2' })[0]!, NOW, ctx);
    expect(pickedEdit.session).toEqual(typedEdit.session);
    // A button with its own action wins over what the list shows.
    expect(submitInputs({ action: 'next', choice: '3' })).toEqual([{ kind: 'action', actionId: 'next' }]);
    expect(submitInputs({ choice: '' })).toEqual([{ kind: 'start' }]);
  });
});
