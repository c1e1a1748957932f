import type { Language, Reply } from '../core/types.js';
import type { Dispatcher } from '../dispatcher/dispatcher.js';
import { STOP_REMINDERS_COMMAND } from '../dispatcher/side-commands-parse.js';
import { formatDateTime, formatNumber } from '../flow/dates.js';
import { languageOfLocale, t } from '../i18n/catalog.js';
import type { ClaimedDelivery } from '../roster/types.js';

/**
 * The words of an invitation or a reminder, in the partner's language: a countdown (days left), how far
 * they got (answered so far), and a Resume button naming the step it reopens. Every button's id is the
 * command the partner could type instead ("resume", "stop reminders").
 */
export function createReminderComposer(deps: { dispatcher: Dispatcher; deadlineAt: Date; timeZone: string }) {
  return async function compose(delivery: ClaimedDelivery, now: Date): Promise<{ replies: Reply[] } | { skip: string }> {
    if (now.getTime() >= deps.deadlineAt.getTime()) return { skip: 'deadline-passed' };
    const view = await deps.dispatcher.view(delivery.target.key);
    if (view?.stage === 'submitted') return { skip: 'submitted' };
    const language = view?.language ?? languageOfLocale(delivery.target.locale ?? undefined);
    const c = t(language);
    const info = deps.dispatcher.questionnaire(language);
    const stopAction = { id: STOP_REMINDERS_COMMAND, label: c.reminders.stop };

    if (delivery.kind === 'invite') {
      if (view) return { skip: 'already-started' };
      const text = [
        c.reminders.invite(info.title, formatNumber(info.questionCount, language), formatDateTime(deps.deadlineAt, language, deps.timeZone)),
        ...(delivery.message ? [c.reminders.fromStaff(delivery.message)] : []),
      ].join('\n\n');
      return { replies: [{ text, actions: [{ id: 'resume', label: c.reminders.inviteStart }] }] };
    }

    const daysLeft = view?.daysLeft ?? info.daysLeft;
    const answered = view?.answeredCount ?? 0;
    const total = view?.questionCount ?? info.questionCount;
    let step: string | null = null;
    if (view !== null) {
      step =
        view.stage === 'question'
          ? c.statusQuestion(formatNumber(view.openQuestionNumber ?? view.progress.index, language), formatNumber(total, language))
          : c.stepNames[view.stage];
    }
    const text = [
      c.reminders.countdown(c.daysLeft(daysLeft, formatNumber(daysLeft, language)), info.title),
      answered > 0 ? c.reminders.progressSome(formatNumber(answered, language), formatNumber(total, language)) : c.reminders.progressNone,
      ...(delivery.message ? [c.reminders.fromStaff(delivery.message)] : []),
      c.reminders.howToStop,
    ].join('\n\n');
    const resume = { id: 'resume', label: step === null ? c.reminders.resumeStart : c.reminders.resume(step) };
    return { replies: [{ text, actions: [resume, stopAction] }] };
  };
}

/**
 * The message staff see before they confirm a send, in the language they read the page in: the same
 * words a partner gets, with the line that differs per partner (how far they got) stood in for.
 */
export function createMessagePreview(deps: { dispatcher: Dispatcher; deadlineAt: Date; timeZone: string }) {
  return function preview(kind: 'invite' | 'reminder', message: string | null, language: Language): { text: string; actions: string[] } {
    const c = t(language);
    const info = deps.dispatcher.questionnaire(language);
    const note = message ? [c.reminders.fromStaff(message)] : [];
    if (kind === 'invite') {
      const text = [c.reminders.invite(info.title, formatNumber(info.questionCount, language), formatDateTime(deps.deadlineAt, language, deps.timeZone)), ...note].join('\n\n');
      return { text, actions: [c.reminders.inviteStart] };
    }
    const text = [
      c.reminders.countdown(c.daysLeft(info.daysLeft, formatNumber(info.daysLeft, language)), info.title),
      c.reminders.progressPreview,
      ...note,
      c.reminders.howToStop,
    ].join('\n\n');
    return { text, actions: [c.reminders.resumeStart, c.reminders.stop] };
  };
}
