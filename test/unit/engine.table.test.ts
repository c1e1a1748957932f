import { describe, expect, it } from 'vitest';
import type { Language } from '../../src/core/types.js';
import { commandId, parseCommand } from '../../src/flow/commands.js';
import { describeStep } from '../../src/flow/engine.js';
import type { TurnOutcome } from '../../src/flow/engine-types.js';
import type { Session } from '../../src/flow/session.js';
import { LATER, act, run, sessionAt, text, type TableStep } from './engine-helpers.js';

/**
 * Every step × every command × both languages of the session × both languages of the command.
 * Cells: [step after (describeStep), outcome, whether the session changes].
 * 'lang' = changes only when the command switches to the other language.
 */

type CommandKey =
  | 'agree'
  | 'help'
  | 'status'
  | 'back'
  | 'next'
  | 'skip'
  | 'review'
  | 'edit 2'
  | 'edit 9'
  | 'submit'
  | 'cancel'
  | 'yes'
  | 'no'
  | 'language es'
  | 'language en'
  | 'resume'
  | 'unknown text';

const FORMS: Record<CommandKey, Record<Language, string>> = {
  agree: { en: 'agree', es: 'acepto' },
  help: { en: 'help', es: 'ayuda' },
  status: { en: 'status', es: 'estado' },
  back: { en: 'back', es: 'atrás' },
  next: { en: 'next', es: 'siguiente' },
  skip: { en: 'skip', es: 'omitir' },
  review: { en: 'review', es: 'revisar' },
  'edit 2': { en: 'edit 2', es: 'editar 2' },
  'edit 9': { en: 'edit 9', es: 'editar 9' },
  submit: { en: 'submit', es: 'enviar' },
  cancel: { en: 'cancel', es: 'cancelar' },
  yes: { en: 'yes', es: 'sí' },
  no: { en: 'no', es: 'no' },
  'language es': { en: 'language es', es: 'idioma es' },
  'language en': { en: 'language en', es: 'idioma en' },
  resume: { en: 'resume', es: 'continuar' },
  'unknown text': { en: 'Hello there', es: 'Hola, ¿qué tal?' },
};

type Change = 'same' | 'changed' | 'lang';
type Cell = [step: string, outcome: TurnOutcome, change: Change];

const R = (step: string): Cell => [step, 'refused', 'same'];
const INFO = (step: string): Cell => [step, 'command', 'same'];

/** Cells shared by every step: looking around never changes anything. */
function common(step: string): Pick<Record<CommandKey, Cell>, 'help' | 'status' | 'language es' | 'language en' | 'resume'> {
  return {
    help: INFO(step),
    status: INFO(step),
    'language es': [step, 'command', 'lang'],
    'language en': [step, 'command', 'lang'],
    resume: [step, 'resumed', 'same'],
  };
}

/** The three profile steps refuse the same things. */
function profile(step: string): Omit<Record<CommandKey, Cell>, 'back' | 'unknown text' | 'skip'> {
  return {
    ...common(step),
    agree: R(step),
    next: R(step),
    review: R(step),
    'edit 2': R(step),
    'edit 9': R(step),
    submit: R(step),
    cancel: [step, 'command', 'changed'],
    yes: R(step),
    no: R(step),
  };
}

const TABLE: Record<TableStep, Record<CommandKey, Cell>> = {
  intro: {
    ...common('intro'),
    agree: ['organization', 'moved', 'changed'],
    back: R('intro'),
    next: R('intro'),
    skip: R('intro'),
    review: R('intro'),
    'edit 2': R('intro'),
    'edit 9': R('intro'),
    submit: R('intro'),
    cancel: R('intro'),
    yes: R('intro'),
    no: R('intro'),
    'unknown text': ['intro', 'reasked', 'same'],
  },
  organization: {
    ...profile('organization'),
    back: ['intro', 'moved', 'changed'],
    skip: R('organization'),
    'unknown text': ['respondentType', 'answered', 'changed'],
  },
  respondentType: {
    ...profile('respondentType'),
    back: ['organization', 'moved', 'changed'],
    skip: R('respondentType'),
    'unknown text': ['respondentType', 'reasked', 'same'],
  },
  contactEmail: {
    ...profile('contactEmail'),
    back: ['respondentType', 'moved', 'changed'],
    skip: ['question:1', 'moved', 'changed'],
    'unknown text': ['contactEmail', 'reasked', 'same'],
  },
  question: {
    ...common('question:3'),
    agree: R('question:3'),
    back: ['question:2', 'moved', 'changed'],
    next: ['question:4', 'moved', 'changed'],
    skip: ['question:4', 'moved', 'changed'],
    review: ['review', 'moved', 'changed'],
    'edit 2': ['question:2', 'moved', 'changed'],
    'edit 9': R('question:3'),
    submit: R('question:3'),
    cancel: ['question:3', 'command', 'changed'],
    yes: R('question:3'),
    no: R('question:3'),
    'unknown text': ['question:3', 'answered', 'changed'],
  },
  review: {
    ...common('review'),
    agree: R('review'),
    back: ['question:5', 'moved', 'changed'],
    next: R('review'),
    skip: R('review'),
    review: INFO('review'),
    'edit 2': ['question:2', 'moved', 'changed'],
    'edit 9': R('review'),
    submit: ['submitted', 'submitted', 'changed'],
    cancel: ['review', 'command', 'changed'],
    yes: R('review'),
    no: R('review'),
    'unknown text': ['review', 'unknown-command', 'same'],
  },
  'review+pendingCancel': {
    ...common('review'),
    agree: R('review'),
    back: ['question:5', 'moved', 'changed'],
    next: R('review'),
    skip: R('review'),
    review: INFO('review'),
    'edit 2': ['question:2', 'moved', 'changed'],
    'edit 9': R('review'),
    submit: ['submitted', 'submitted', 'changed'],
    // Asking again what is already asked changes nothing.
    cancel: INFO('review'),
    yes: ['intro', 'cancelled', 'changed'],
    no: ['review', 'command', 'changed'],
    'unknown text': ['review', 'unknown-command', 'same'],
  },
  submitted: {
    ...common('submitted'),
    agree: R('submitted'),
    back: R('submitted'),
    next: R('submitted'),
    skip: R('submitted'),
    review: R('submitted'),
    'edit 2': R('submitted'),
    'edit 9': R('submitted'),
    submit: ['submitted', 'already-submitted', 'same'],
    cancel: R('submitted'),
    yes: R('submitted'),
    no: R('submitted'),
    'unknown text': R('submitted'),
  },
};

const LANGUAGES: Language[] = ['en', 'es'];
const STEPS = Object.keys(TABLE) as TableStep[];
const COMMANDS = Object.keys(FORMS) as CommandKey[];

function expectsChange(change: Change, session: Session, command: CommandKey): boolean {
  if (change !== 'lang') return change === 'changed';
  return command === 'language es' ? session.language !== 'es' : session.language !== 'en';
}

/** Every button must be something the partner could type: a canonical command or a respondent-type number. */
function expectCanonicalActions(result: ReturnType<typeof run>): void {
  for (const reply of result.replies) {
    for (const button of reply.actions ?? []) {
      if (/^\d+$/.test(button.id)) continue;
      const command = parseCommand(button.id);
      expect(command, `button id "${button.id}"`).not.toBeNull();
      expect(commandId(command!)).toBe(button.id);
      expect(button.label.trim()).not.toBe('');
    }
  }
}

function check(where: TableStep, command: CommandKey, session: Session, result: ReturnType<typeof run>): void {
  const [step, outcome, change] = TABLE[where][command];
  expect(describeStep(result.session)).toBe(step);
  expect(result.outcome).toBe(outcome);
  if (expectsChange(change, session, command)) {
    expect(result.session).not.toEqual(session);
    expect(result.session.updatedAt).toBe(LATER.toISOString());
  } else {
    expect(result.session).toEqual(session);
    // The dispatcher skips the save when the JSON is identical, so key order must survive too.
    expect(JSON.stringify(result.session)).toBe(JSON.stringify(session));
  }
  expect(result.session.version).toBe(session.version);
  expect(result.effects).toHaveLength(outcome === 'submitted' ? 1 : 0);
  expect(result.replies.length).toBeGreaterThan(0);
  for (const reply of result.replies) expect(reply.text.trim()).not.toBe('');
  expectCanonicalActions(result);
}

describe('engine table: step × command × language', () => {
  for (const where of STEPS) {
    describe(where, () => {
      for (const sessionLanguage of LANGUAGES) {
        const session = sessionAt(where, sessionLanguage);
        for (const command of COMMANDS) {
          for (const formLanguage of LANGUAGES) {
            const typed = FORMS[command][formLanguage];
            it(`${sessionLanguage} session, "${typed}" → ${TABLE[where][command].join(' / ')}`, () => {
              check(where, command, session, run(session, text(typed)));
            });
          }
          if (command !== 'unknown text') {
            it(`${sessionLanguage} session, button "${FORMS[command].en}" behaves like typing it`, () => {
              check(where, command, session, run(session, act(FORMS[command].en)));
            });
          }
        }
      }
    });
  }
});

describe('engine table: unknown button ids', () => {
  for (const where of STEPS) {
    for (const sessionLanguage of LANGUAGES) {
      it(`${where} (${sessionLanguage}): an unknown button changes nothing`, () => {
        const session = sessionAt(where, sessionLanguage);
        const result = run(session, act('Hello there'));
        expect(result.outcome).toBe('unknown-command');
        expect(result.session).toEqual(session);
        expect(result.effects).toEqual([]);
      });
    }
  }
});

describe('engine table: invalid outcomes never change the session', () => {
  const inputs = ['', '   ', 'edit', 'edit two', 'language fr', 'idioma xx', '99', 'anonymous', 'clear', 'yes', 'NO'];
  for (const where of STEPS) {
    for (const input of inputs) {
      it(`${where}: "${input}"`, () => {
        const session = sessionAt(where);
        const result = run(session, text(input));
        if (['refused', 'unknown-command', 'reasked'].includes(result.outcome)) expect(result.session).toEqual(session);
        expect(result.replies[0]?.text.trim()).not.toBe('');
      });
    }
  }
});
