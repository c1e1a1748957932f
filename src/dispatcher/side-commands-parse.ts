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
    const staff = /^\s*\/?rfi-admin(?:\s+([\s\S]{0,200}))?\s*$/i.exec(input.text);
    if (staff) return { kind: 'staff', words: (staff[1] ?? '').trim() };
  }
  const text = input.kind === 'text' ? input.text : input.kind === 'action' ? input.actionId : null;
  if (text === null || text.length > MAX_COMMAND_CHARS) return null;
  const normalized = normalizeCommandText(text);
  const withdraw = WITHDRAW_WORDS[normalized];
  if (withdraw) return { kind: 'withdraw', step: withdraw };
  const reminders = REMINDER_WORDS[normalized];
  return reminders ? { kind: 'reminders', choice: reminders } : null;
}
