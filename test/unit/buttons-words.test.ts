import { describe, expect, it } from 'vitest';
import type { Language, ReplyAction } from '../../src/core/types.js';
import { commandId, normalizeCommandText, parseCommand } from '../../src/flow/commands.js';
import { t } from '../../src/i18n/catalog.js';
import { walkConversation } from './conversation-walk.js';
import { flow } from './engine-helpers.js';

/**
 * Issue 19: buttons and typed words agree. The catalogs hold one table per language: each button label
 * (`actions`) and what typing does the same (`typedCommands`). Every label contains the words typed for
 * it, and typing them runs the command the button runs; in a whole conversation every button shown
 * names the command behind it (respondent types name the type, which typing works as well).
 */
const BUTTON_ID: Record<keyof ReturnType<typeof t>['typedCommands'], (language: Language) => string> = {
  agree: () => 'agree',
  otherLanguage: (language) => (language === 'en' ? 'language es' : 'language en'),
  anonymous: () => 'anonymous',
  next: () => 'next',
  nextToReview: () => 'next',
  nextLast: () => 'next',
  skip: () => 'skip',
  back: () => 'back',
  help: () => 'help',
  review: () => 'review',
  submit: () => 'submit',
  cancel: () => 'cancel',
  resume: () => 'resume',
  yesCancel: () => 'yes',
  yesClear: () => 'yes',
  no: () => 'no',
  copy: () => 'copy',
};
const words = (text: string) => normalizeCommandText(text).replace(/[^\p{L}\p{N} ]/gu, ' ').split(/\s+/).filter(Boolean);
const containsAll = (label: string, typed: string) => words(typed).every((word) => words(label).includes(word));

describe('buttons and typed words agree', () => {
  for (const language of ['en', 'es'] as Language[]) {
    const c = t(language);
    it(`(${language}) the table covers every button, each label contains its typed words, and typing them runs the button's command`, () => {
      expect(Object.keys(c.typedCommands).sort()).toEqual(Object.keys(c.actions).sort());
      for (const key of Object.keys(c.actions) as Array<keyof typeof c.actions>) {
        const typed = c.typedCommands[key];
        expect(containsAll(c.actions[key], typed), `${key}: "${c.actions[key]}" vs "${typed}"`).toBe(true);
        const command = parseCommand(typed);
        expect(command && commandId(command), key).toBe(BUTTON_ID[key](language));
      }
      expect(containsAll(c.actionEdit('2'), c.typedEdit('2'))).toBe(true);
      expect(parseCommand(c.typedEdit('2'))).toEqual({ name: 'edit', questionNumber: 2 });
    });

    it(`(${language}) every button shown in a whole conversation names its command`, () => {
      // The walk switches language now and then: each button is read in the language it was shown in.
      const seen: Array<{ action: ReplyAction; shownIn: Language }> = walkConversation(language, (n) => `Answer ${n}.`).flatMap((turn) =>
        turn.replies.flatMap((reply) => (reply.actions ?? []).map((action) => ({ action, shownIn: turn.session.language }))),
      );
      expect(seen.length).toBeGreaterThan(50);
      for (const { action, shownIn } of seen) {
        const c = t(shownIn);
        const typeLabels = new Set(flow.respondentTypes.map((type) => type.label[shownIn]));
        if (action.group === 'respondentType') {
          expect(typeLabels.has(action.label)).toBe(true);
          continue;
        }
        const edit = /^edit (\d+)$/.exec(action.id);
        const typedWords = edit
          ? [c.typedEdit(edit[1] ?? '')]
          : Object.entries(c.typedCommands)
              .filter(([key]) => BUTTON_ID[key as keyof typeof BUTTON_ID](shownIn) === action.id)
              .map(([, value]) => value);
        const ok = typedWords.length > 0 && typedWords.some((value) => containsAll(action.label, value));
        expect(ok, `"${action.label}" (${action.id})`).toBe(true);
      }
    });

    it(`(${language}) where the review's text says what to type, it names the buttons too`, () => {
      expect(c.reviewHowTo).toContain(c.actions.submit);
      expect(c.reviewHowTo).toContain(c.actions.cancel);
      expect(c.reviewHowTo).toContain(c.typedCommands.submit);
      expect(c.reviewHowTo).toContain(c.typedCommands.cancel);
      expect(c.receiptCopyOffer).toContain(c.actions.copy);
    });
  }
});
