import type { TurnInput } from '../core/types.js';
import { normalizeCommandText } from '../flow/commands.js';

/**
 * Commands the dispatcher answers before the questionnaire, at any step, without them ever becoming an
 * answer: `/rfi-admin …` (staff), "withdraw" / "withdraw confirm", "stop reminders" / "start reminders"
 * (and Spanish), typed or from a button. A whole message, like every command. Pure; the text is
 * normalized once.
 */
export type SideCommand =
  | { kind: 'staff'; words: string }
  | { kind: 'withdraw'; step: 'ask' | 'confirm' }
  | { kind: 'reminders'; choice: 'stop' | 'start' };

const REMINDER_WORDS: Readonly<Record<string, 'stop' | 'start'>> = {
  'stop reminders': 'stop',
  'stop reminder': 'stop',
  'no reminders': 'stop',
  'parar recordatorios': 'stop',
  'detener recordatorios': 'stop',
  'no mas recordatorios': 'stop',
  'start reminders': 'start',
  'start reminder': 'start',
  'activar recordatorios': 'start',
  'reanudar recordatorios': 'start',
};

const WITHDRAW_WORDS: Readonly<Record<string, 'ask' | 'confirm'>> = {
  withdraw: 'ask',
  retirar: 'ask',
  'withdraw confirm': 'confirm',
  'retirar confirmar': 'confirm',
};

export const STOP_REMINDERS_COMMAND = 'stop reminders';
export const WITHDRAW_CONFIRM_COMMAND = 'withdraw confirm';

/** Longer messages are answers, never one of these short commands: not even normalized. */
const MAX_COMMAND_CHARS = 40;

export function parseSideCommand(input: TurnInput): SideCommand | null {
  if (input.kind === 'text') {
    // `/rfi-admin …`, or `rfi-admin …` as Teams users type it.
    const words = staffWords(input.text);
    if (words !== null) return { kind: 'staff', words };
  }
  const text = input.kind === 'text' ? input.text : input.kind === 'action' ? input.actionId : null;
  if (text === null || text.length > MAX_COMMAND_CHARS) return null;
  const normalized = normalizeCommandText(text);
  const withdraw = WITHDRAW_WORDS[normalized];
  if (withdraw) return { kind: 'withdraw', step: withdraw };
  const reminders = REMINDER_WORDS[normalized];
  return reminders ? { kind: 'reminders', choice: reminders } : null;
}

/** Staff words may be this long; a longer message is an answer that happens to start with rfi-admin. */
const MAX_STAFF_WORDS_CHARS = 200;
const STAFF_PREFIX = /^\/?rfi-admin/i;

/**
 * The words after `rfi-admin` (or `/rfi-admin`), or null when the message is not a staff command. Same
 * result as /^\s*\/?rfi-admin(?:\s+([\s\S]{0,200}))?\s*$/i, without its overlapping \s+ and [\s\S]
 * that backtrack over a long message: trim (linear), one anchored literal, one length check.
 */
function staffWords(text: string): string | null {
  const trimmed = text.trim();
  const prefix = STAFF_PREFIX.exec(trimmed);
  if (!prefix) return null;
  const rest = trimmed.slice(prefix[0].length);
  if (rest === '') return '';
  if (rest.trimStart().length === rest.length) return null; // "rfi-adminx": no space after the word
  const words = rest.trim();
  return words.length <= MAX_STAFF_WORDS_CHARS ? words : null;
}
