import type { Language, Reply, TurnInput } from '../../src/core/types.js';
import { step } from '../../src/flow/engine.js';
import type { Session } from '../../src/flow/session.js';
import { ctx, flow, fresh, NOW } from './engine-helpers.js';

/**
 * A whole conversation through the pure engine, every step and the commands that look around on it
 * (help, status, a language switch, a wrong word, cancel and its confirmation), in one language with
 * answers of a given length. Returns every turn's replies with the step the partner is then on, for
 * tests that check what each channel would show (cards, buttons and words).
 */
export interface WalkedTurn {
  input: TurnInput;
  replies: Reply[];
  session: Session;
}

export function walkConversation(language: Language, answerOf: (questionNumber: number) => string): WalkedTurn[] {
  const words = language === 'es'
    ? { agree: 'acepto', next: 'siguiente', skip: 'omitir', back: 'atras', review: 'revisar', submit: 'enviar', cancel: 'cancelar', no: 'no', help: 'ayuda', status: 'estado', copy: 'copia', other: 'language en', self: 'idioma es' }
    : { agree: 'agree', next: 'next', skip: 'skip', back: 'back', review: 'review', submit: 'submit', cancel: 'cancel', no: 'no', help: 'help', status: 'status', copy: 'copy', other: 'idioma es', self: 'language en' };
  const look = [words.help, words.status, words.other, words.self, 'nonsense-word'];
  const text = (value: string): TurnInput => ({ kind: 'text', text: value });
  const inputs: TurnInput[] = [
    { kind: 'start' },
    ...look.map(text),
    text(words.agree),
    ...look.map(text),
    text('Harbor Light Network'),
    text(words.back),
    text(words.next),
    ...look.map(text),
    { kind: 'action', actionId: '3' },
    ...look.map(text),
    text('partner@example.org'),
  ];
  for (let n = 1; n <= flow.questions.length; n += 1) {
    inputs.push(text(answerOf(n)), text(words.help), text(words.status), text(words.next));
  }
  inputs.push(
    text(words.review),
    ...look.map(text),
    text('edit 2'),
    text('clear'),
    text(words.no),
    text(words.next),
    text(words.cancel),
    text(words.status),
    text(words.review),
    text(words.no),
    text(words.submit),
    ...look.map(text),
    text(words.copy),
  );
  let session = fresh(language);
  const turns: WalkedTurn[] = [];
  for (const input of inputs) {
    const result = step(flow, session, input, NOW, { ...ctx, forwardMode: 'after-review' });
    session = { ...result.session, version: result.session.version + 1 };
    turns.push({ input, replies: result.replies, session });
  }
  return turns;
}
