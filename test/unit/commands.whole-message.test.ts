import { describe, expect, it } from 'vitest';
import { parseSideCommand } from '../../src/dispatcher/side-commands-parse.js';
import type { Language } from '../../src/core/types.js';
import { COMMAND_WORDS, parseCommand } from '../../src/flow/commands.js';
import { run, sessionAt, text } from './engine-helpers.js';

/**
 * Issue 19: a command is the whole message, never its first word. Every command word starting a
 * sentence, in both languages, at a question, is saved as the answer. Exactly the command (accents and
 * case folded) still is one.
 */
const capitalized = (word: string) => `${word.charAt(0).toUpperCase()}${word.slice(1)}`;
const SIDE_WORDS = ['withdraw', 'retirar', 'stop reminders', 'parar recordatorios', 'start reminders'];

describe('a command is the whole message', () => {
  const sentences = [...COMMAND_WORDS, ...SIDE_WORDS].flatMap((word) => [
    `${capitalized(word)} access and disability access.`,
    `${word} es importante para las comunidades.`,
  ]);

  for (const language of ['en', 'es'] as Language[]) {
    it.each(sentences)(`(${language}) "%s" at a question is saved as the answer`, (sentence) => {
      const result = run(sessionAt('question', language), text(sentence));
      expect(result.outcome).toBe('answered');
      expect(Object.values(result.session.answers)).toContain(sentence);
      expect(parseSideCommand({ kind: 'text', text: sentence })).toBeNull();
    });
  }

  it('"Language access and disability access." is an answer, not a language switch (the bug in the issue)', () => {
    const result = run(sessionAt('question'), text('Language access and disability access.'));
    expect(result.session.language).toBe('en');
    expect(Object.values(result.session.answers)).toContain('Language access and disability access.');
  });

  it.each([
    ['language es', { name: 'language', language: 'es' }],
    ['  Idioma   Inglés ', { name: 'language', language: 'en' }],
    ['LANGUAGE SPANISH', { name: 'language', language: 'es' }],
    ['idioma', { name: 'language', language: null }],
    ['Editar pregunta 3', { name: 'edit', questionNumber: 3 }],
    ['edit #2', { name: 'edit', questionNumber: 2 }],
    ['edit', { name: 'edit', questionNumber: null }],
    ['Atrás', { name: 'back' }],
    ['copia', { name: 'copy' }],
  ])('exactly the command "%s" is one', (typed, command) => {
    expect(parseCommand(typed)).toEqual(command);
  });

  it.each(['language french', 'edit the rules', 'edit 2 please', 'idioma es por favor', 'next steps'])('"%s" is not a command', (typed) => {
    expect(parseCommand(typed)).toBeNull();
  });

  it('switches language only on the exact command, at a question too', () => {
    const result = run(sessionAt('question'), text('idioma es'));
    expect(result.session.language).toBe('es');
    expect(result.session.answers).toEqual(sessionAt('question').answers);
  });
});
