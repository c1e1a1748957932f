import type { Language } from '../core/types.js';

/**
 * Typed commands. A command is a whole message (trimmed, case-insensitive, accents optional), never the
 * first word of one: "Language access and disability access." or "Edit the rules" at a question is an
 * answer. Commands are
 * accepted in English and Spanish whatever the conversation's language, because partners switch
 * languages mid-sentence and buttons always carry the English form.
 */
export type SimpleCommandName =
  | 'agree'
  | 'help'
  | 'status'
  | 'back'
  | 'next'
  | 'skip'
  | 'review'
  | 'submit'
  | 'cancel'
  | 'yes'
  | 'no'
  | 'resume'
  | 'anonymous'
  | 'clear'
  | 'copy';

export type Command =
  | { name: SimpleCommandName }
  /** questionNumber is 1-based as typed; null when the number is missing or not a number. */
  | { name: 'edit'; questionNumber: number | null }
  /** language is null when the partner named a language the bot does not speak. */
  | { name: 'language'; language: Language | null };

const SIMPLE_WORDS: Readonly<Record<string, SimpleCommandName>> = {
  agree: 'agree',
  'i agree': 'agree',
  acepto: 'agree',
  'de acuerdo': 'agree',
  help: 'help',
  ayuda: 'help',
  '?': 'help',
  status: 'status',
  estado: 'status',
  back: 'back',
  atras: 'back',
  next: 'next',
  siguiente: 'next',
  skip: 'skip',
  omitir: 'skip',
  saltar: 'skip',
  review: 'review',
  revisar: 'review',
  submit: 'submit',
  // The button says "Send my comment", so its word works typed too.
  send: 'submit',
  enviar: 'submit',
  cancel: 'cancel',
  // The button says "Discard draft".
  discard: 'cancel',
  descartar: 'cancel',
  cancelar: 'cancel',
  yes: 'yes',
  si: 'yes',
  no: 'no',
  resume: 'resume',
  // The button says "Continue".
  continue: 'resume',
  continuar: 'resume',
  anonymous: 'anonymous',
  anonimo: 'anonymous',
  anonima: 'anonymous',
  clear: 'clear',
  borrar: 'clear',
  copy: 'copy',
  copia: 'copy',
};

/** Every word or phrase that is a command on its own (tests use it: each is answer text inside a sentence). */
export const COMMAND_WORDS: readonly string[] = [...Object.keys(SIMPLE_WORDS), 'edit', 'editar', 'language', 'idioma'];

const LANGUAGE_WORDS: Readonly<Record<string, Language>> = {
  en: 'en',
  english: 'en',
  ingles: 'en',
  es: 'es',
  spanish: 'es',
  espanol: 'es',
};

/** Lowercase, accents removed, inner whitespace collapsed: "  Atrás " → "atras". */
export function normalizeCommandText(text: string): string {
  return text.trim().normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ');
}

/** The command a message stands for, or null when it is ordinary text. */
export function parseCommand(text: string): Command | null {
  const normalized = normalizeCommandText(text);
  const simple = SIMPLE_WORDS[normalized];
  if (simple) return { name: simple };

  // "edit 3", "editar 3", "edit question 3", "editar pregunta 3"; "edit" alone is answered with how to
  // use it. Anything longer ("Edit the rules so that…") is ordinary text.
  const edit = /^(?:edit|editar)(?: (?:(?:question|pregunta) )?#?(\d{1,4}))?$/.exec(normalized);
  if (edit) return { name: 'edit', questionNumber: edit[1] === undefined ? null : Number(edit[1]) };

  // "language es", "idioma en", "language spanish"; "language" alone is answered with how to use it.
  // "language access and disability access" is an answer (one of this RFI's own themes).
  const language = /^(?:language|idioma)(?: ([a-z]+))?$/.exec(normalized);
  if (language) {
    if (language[1] === undefined) return { name: 'language', language: null };
    const known = LANGUAGE_WORDS[language[1]];
    if (known) return { name: 'language', language: known };
  }

  return null;
}

/** The canonical English typed form, used as every button's id. */
export function commandId(command: Command): string {
  if (command.name === 'edit') return `edit ${command.questionNumber ?? ''}`.trim();
  if (command.name === 'language') return `language ${command.language ?? ''}`.trim();
  return command.name;
}
