import type { Language } from '../core/types.js';

/**
 * Typed commands. A command is a whole message (trimmed, case-insensitive, accents optional) and is
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
  | 'clear';

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
  enviar: 'submit',
  cancel: 'cancel',
  cancelar: 'cancel',
  yes: 'yes',
  si: 'yes',
  no: 'no',
  resume: 'resume',
  continuar: 'resume',
  anonymous: 'anonymous',
  anonimo: 'anonymous',
  anonima: 'anonymous',
  clear: 'clear',
  borrar: 'clear',
};

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

  // "edit 3", "editar 3", "edit question 3", "editar pregunta 3"; "edit" alone or "edit x" is still an
  // edit command (answered with how to use it), so it is never saved as an answer by accident.
  const edit = /^(?:edit|editar)(?:\s+(.*))?$/.exec(normalized);
  if (edit) {
    const number = /^(?:(?:question|pregunta)\s+)?#?(\d{1,4})$/.exec(edit[1] ?? '');
    return { name: 'edit', questionNumber: number ? Number(number[1]) : null };
  }

  const language = /^(?:language|idioma)(?:\s+(.*))?$/.exec(normalized);
  if (language) return { name: 'language', language: LANGUAGE_WORDS[language[1] ?? ''] ?? null };

  return null;
}

/** The canonical English typed form, used as every button's id. */
export function commandId(command: Command): string {
  if (command.name === 'edit') return `edit ${command.questionNumber ?? ''}`.trim();
  if (command.name === 'language') return `language ${command.language ?? ''}`.trim();
  return command.name;
}
