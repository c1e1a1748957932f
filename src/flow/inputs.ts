import { normalizeCommandText } from './commands.js';
import { formatNumber } from './dates.js';
import type { FlowDefinition } from './definition.js';
import { checkEmail } from './email.js';
import { enterQuestion, enterStep, refuse, refuseIfTooLong, unknownCommand } from './navigation.js';
import { introPrompt, ORGANIZATION_MAX_CHARS, questionActions, questionProgress } from './prompts.js';
import type { Session } from './session.js';
import { catalogOf, charCount, turn, type Turn, type TurnEnv } from './turn.js';

/**
 * Ordinary messages (not commands): what they mean depends on the step. On a question they are answer
 * text; on the profile steps they are the answer to that step; elsewhere they get a short pointer.
 */
export function onText(env: TurnEnv, session: Session, text: string): Turn {
  const c = catalogOf(session);
  switch (session.step) {
    case 'intro': {
      const actions = introPrompt(env, session).actions;
      return turn(session, 'reasked', actions ? { text: c.introNudge, actions } : { text: c.introNudge });
    }
    case 'organization':
      return setOrganization(env, session, text);
    case 'respondentType':
      return chooseRespondentType(env, session, text) ?? refuse(env, session, respondentTypeNotFound(env, session), 'reasked');
    case 'contactEmail':
      return setContactEmail(env, session, text);
    case 'question':
      return appendAnswer(env, session, text);
    case 'review':
      return refuse(env, session, c.reviewTextNotAdded, 'unknown-command');
    case 'submitted':
      return refuse(env, session, c.afterSubmissionRefused(session.submission?.receipt ?? ''));
  }
}

/** A button id that is not a command: only a respondent-type number means anything, and only there. */
export function onChoice(env: TurnEnv, session: Session, value: string): Turn {
  if (session.step === 'respondentType') return chooseRespondentType(env, session, value) ?? unknownCommand(env, session);
  return unknownCommand(env, session);
}

function setOrganization(env: TurnEnv, session: Session, text: string): Turn {
  const c = catalogOf(session);
  const name = text.trim().replace(/\s+/g, ' ');
  const max = formatNumber(ORGANIZATION_MAX_CHARS, session.language);
  if (name.length === 0) return refuse(env, session, c.organizationEmpty, 'reasked');
  const length = charCount(name);
  if (length > ORGANIZATION_MAX_CHARS) {
    return refuse(env, session, c.organizationTooLong(formatNumber(length, session.language), max), 'reasked');
  }
  return enterStep(env, { ...session, organization: name }, 'respondentType', [c.organizationSaved(name)], 'answered');
}

export function setAnonymous(env: TurnEnv, session: Session): Turn {
  const c = catalogOf(session);
  return enterStep(env, { ...session, organization: null }, 'respondentType', [c.organizationAnonymous], 'answered');
}

/** Number (1-7, "3." too) or label in either language, case and accents ignored; the id works as well. */
export function findRespondentType(flow: FlowDefinition, input: string): string | null {
  const wanted = normalizeCommandText(input).replace(/\.$/, '');
  if (/^\d+$/.test(wanted)) return flow.respondentTypes[Number(wanted) - 1]?.id ?? null;
  const namesOf = (type: FlowDefinition['respondentTypes'][number]) =>
    [type.id, type.id.replace(/-/g, ' '), type.label.en, type.label.es].map((label) => normalizeCommandText(label));
  const exact = flow.respondentTypes.find((type) => namesOf(type).includes(wanted));
  if (exact) return exact.id;
  // People type part of a name ("researcher", "direct service"): accept it when only one type fits.
  if (wanted.length < 4) return null;
  const partial = flow.respondentTypes.filter((type) => namesOf(type).some((name) => name.includes(wanted)));
  return partial.length === 1 ? (partial[0]?.id ?? null) : null;
}

function chooseRespondentType(env: TurnEnv, session: Session, input: string): Turn | null {
  const id = findRespondentType(env.flow, input);
  if (id === null) return null;
  const label = env.flow.respondentTypes.find((type) => type.id === id)?.label[session.language] ?? id;
  const c = catalogOf(session);
  return enterStep(env, { ...session, respondentTypeId: id }, 'contactEmail', [c.respondentTypeSaved(label)], 'answered');
}

function respondentTypeNotFound(env: TurnEnv, session: Session): string {
  return catalogOf(session).respondentTypeNotFound(formatNumber(env.flow.respondentTypes.length, session.language));
}

function setContactEmail(env: TurnEnv, session: Session, text: string): Turn {
  const c = catalogOf(session);
  const checked = checkEmail(text);
  if (!checked.ok) return refuse(env, session, c.emailInvalid(c.emailReasons[checked.problem]), 'reasked');
  return enterQuestion(env, { ...session, contactEmail: checked.email }, 0, false, [c.contactEmailSaved], 'answered');
}

/**
 * Adds a message to the open question's answer. Partners often write in several short messages (chat
 * habits, phones), so each one is a paragraph of the same answer rather than a replacement.
 */
function appendAnswer(env: TurnEnv, session: Session, text: string): Turn {
  const c = catalogOf(session);
  const lang = session.language;
  const question = env.flow.questions[session.questionIndex];
  if (!question) return unknownCommand(env, session);
  const n = formatNumber(session.questionIndex + 1, lang);
  const incoming = text.trim();
  if (incoming.length === 0) return refuse(env, session, c.answerEmpty, 'reasked');

  const existing = session.answers[question.id] ?? '';
  const combined = existing.trim().length > 0 ? `${existing}\n\n${incoming}` : incoming;
  const tooLong = refuseIfTooLong(env, session, session.questionIndex + 1, combined, existing);
  if (tooLong) return tooLong;
  const length = charCount(combined);

  const next: Session = {
    ...session,
    answers: { ...session.answers, [question.id]: combined },
    skipped: session.skipped.filter((id) => id !== question.id),
  };
  return turn(next, 'answered', {
    text: `${c.answerSaved(n, formatNumber(length, lang))}\n${session.returnToReview ? c.answerGoOnToReview : c.answerGoOn}`,
    actions: questionActions(env, next),
    progress: questionProgress(env, next),
  });
}
