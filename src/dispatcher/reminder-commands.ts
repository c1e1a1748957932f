import type { TurnInput } from '../core/types.js';
import { normalizeCommandText } from '../flow/commands.js';

/**
 * "stop reminders" / "start reminders" (and Spanish), typed or from a reminder's button. Handled by the
 * dispatcher before the questionnaire, at any step, without touching the draft.
 */
const WORDS: Readonly<Record<string, 'stop' | 'start'>> = {
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

export const STOP_REMINDERS_COMMAND = 'stop reminders';

export function parseReminderCommand(input: TurnInput): 'stop' | 'start' | null {
  const text = input.kind === 'text' ? input.text : input.kind === 'action' ? input.actionId : null;
  if (text === null || text.length > 40) return null;
  return WORDS[normalizeCommandText(text)] ?? null;
}

/** "withdraw" asks, "withdraw confirm" does it (and Spanish). A whole message, like every command. */
const WITHDRAW_WORDS: Readonly<Record<string, 'ask' | 'confirm'>> = {
  withdraw: 'ask',
  retirar: 'ask',
  'withdraw confirm': 'confirm',
  'retirar confirmar': 'confirm',
};

export function parseWithdrawCommand(input: TurnInput): 'ask' | 'confirm' | null {
  const text = input.kind === 'text' ? input.text : input.kind === 'action' ? input.actionId : null;
  if (text === null || text.length > 40) return null;
  return WITHDRAW_WORDS[normalizeCommandText(text)] ?? null;
}

/** `/rfi-admin …` (or `rfi-admin …`, as Teams users type it): the words after it, else null. */
export function parseStaffCommand(input: TurnInput): string | null {
  if (input.kind !== 'text') return null;
  const match = /^\s*\/?rfi-admin(?:\s+([\s\S]{0,200}))?\s*$/i.exec(input.text);
  return match ? (match[1] ?? '').trim() : null;
}
