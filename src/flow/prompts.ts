import type { Reply, ReplyAction } from '../core/types.js';
import type { Catalog } from '../i18n/catalog.js';
import { answerOf, answeredCount, lastQuestionIndex } from './answers.js';
import { daysLeft, formatDateTime, formatNumber, isPastDeadline } from './dates.js';
import { progressOf } from './progress.js';
import { contactLine, noticeLine, submittedReply } from './receipts.js';
import { buildReview } from './review.js';
import type { Session } from './session.js';
import { action, catalogOf, charCount, joinParagraphs, otherLanguage, type TurnEnv } from './turn.js';

/**
 * The prompt of each step: what the partner sees when they arrive at a step, or ask to see it again
 * (resume, language switch, "welcome back"). Pure functions of the flow, the session and the time.
 */

/** Longest organization name accepted (also stated in the prompt). */
export const ORGANIZATION_MAX_CHARS = 200;

export function deadlineText(env: TurnEnv, session: Session): string {
  const c = catalogOf(session);
  const date = formatDateTime(env.ctx.deadlineAt, session.language, env.flow.timeZone);
  if (isPastDeadline(env.ctx.deadlineAt, env.now)) return c.deadlinePassedLine(date);
  const days = daysLeft(env.ctx.deadlineAt, env.now, env.flow.timeZone);
  return c.deadlineLine(date, c.daysLeft(days, formatNumber(days, session.language)));
}

/** The short reminder under every question: days left, or that the deadline passed. */
function timeLeftLine(env: TurnEnv, session: Session): string {
  const c = catalogOf(session);
  if (isPastDeadline(env.ctx.deadlineAt, env.now)) {
    return c.deadlinePassedShort(formatDateTime(env.ctx.deadlineAt, session.language, env.flow.timeZone));
  }
  const days = daysLeft(env.ctx.deadlineAt, env.now, env.flow.timeZone);
  return c.daysLeftLine(days, formatNumber(days, session.language));
}

export function languageAction(session: Session): ReplyAction {
  return action(`language ${otherLanguage(session)}`, catalogOf(session).actions.otherLanguage);
}

export function introPrompt(env: TurnEnv, session: Session): Reply {
  const c = catalogOf(session);
  const lang = session.language;
  const past = isPastDeadline(env.ctx.deadlineAt, env.now);
  const notice = [c.beforeYouStart, `- ${c.publicRecord}`, `- ${c.noPersonalInfo}`, `- ${c.contentNote}`].join('\n');
  return {
    text: joinParagraphs([
      `${env.flow.title[lang]}\n${c.askedBy(env.flow.askedBy[lang])}`,
      env.flow.purpose[lang],
      past ? `${deadlineText(env, session)}\n${c.introAfterDeadline}` : deadlineText(env, session),
      notice,
      // Who to ask and where the official notice is, so a partner can check this is legitimate first.
      [noticeLine(env.flow, session), contactLine(env.flow, session)].filter(Boolean).join('\n'),
      `${c.introHowToAgree}\n${c.introLanguageOffer}`,
    ]),
    actions: [action('agree', c.actions.agree, { emphasis: 'primary' }), languageAction(session)],
    intro: {
      title: env.flow.title[lang],
      askedBy: c.askedBy(env.flow.askedBy[lang]),
      purpose: env.flow.purpose[lang],
      deadline: past ? `${deadlineText(env, session)} ${c.introAfterDeadline}` : deadlineText(env, session),
      notesHeading: c.beforeYouStart,
      notes: [c.publicRecord, c.noPersonalInfo, c.contentNote],
      noticeUrl: env.flow.noticeUrl ?? null,
      contact: env.flow.contact
        ? { name: env.flow.contact.name[lang], email: env.flow.contact.email ?? null, url: env.flow.contact.url ?? null }
        : null,
      howTo: [c.introHowToAgree, c.introLanguageOffer],
    },
  };
}

export function organizationPrompt(_env: TurnEnv, session: Session): Reply {
  const c = catalogOf(session);
  const current =
    session.organization === undefined
      ? null
      : session.organization === null
        ? c.organizationCurrentAnonymous
        : c.organizationCurrentNamed(session.organization);
  const actions = [action('anonymous', c.actions.anonymous)];
  if (session.organization !== undefined) actions.push(action('next', c.actions.next));
  actions.push(action('back', c.actions.back), action('help', c.actions.help));
  return {
    text: joinParagraphs([c.organizationPrompt(formatNumber(ORGANIZATION_MAX_CHARS, session.language)), current]),
    actions,
  };
}

export function respondentTypePrompt(env: TurnEnv, session: Session): Reply {
  const c = catalogOf(session);
  const lang = session.language;
  const types = env.flow.respondentTypes;
  const list = types.map((type, index) => `${index + 1}. ${type.label[lang]}`).join('\n');
  const chosen = types.find((type) => type.id === session.respondentTypeId);
  const actions = types.map((type, index) => action(String(index + 1), type.label[lang], { group: 'respondentType' }));
  if (chosen) actions.push(action('next', c.actions.next));
  actions.push(action('back', c.actions.back));
  return {
    text: joinParagraphs([`${c.respondentTypePrompt}\n${list}`, chosen ? c.respondentTypeCurrent(chosen.label[lang]) : null]),
    actions,
  };
}

export function contactEmailPrompt(_env: TurnEnv, session: Session): Reply {
  const c = catalogOf(session);
  const current =
    session.contactEmail === undefined
      ? null
      : session.contactEmail === null
        ? c.contactEmailCurrentNone
        : c.contactEmailCurrent(session.contactEmail);
  const actions = [action('skip', c.actions.skip)];
  if (session.contactEmail !== undefined) actions.push(action('next', c.actions.next));
  actions.push(action('back', c.actions.back), action('help', c.actions.help));
  return { text: joinParagraphs([c.contactEmailPrompt, current]), actions };
}

/** The label of the "next" button on a question: where it actually leads. */
export function nextLabel(env: TurnEnv, session: Session, c: Catalog): string {
  if (session.returnToReview) return c.actions.nextToReview;
  return session.questionIndex >= lastQuestionIndex(env.flow) ? c.actions.nextLast : c.actions.next;
}

export function questionActions(env: TurnEnv, session: Session): ReplyAction[] {
  const c = catalogOf(session);
  const actions = [action('next', nextLabel(env, session, c)), action('skip', c.actions.skip), action('back', c.actions.back)];
  if (!session.returnToReview) actions.push(action('review', c.actions.review));
  actions.push(action('help', c.actions.help));
  return actions;
}

export function questionProgress(env: TurnEnv, session: Session): { index: number; total: number } {
  return { index: session.questionIndex + 1, total: env.flow.questions.length };
}

export function questionPrompt(env: TurnEnv, session: Session): Reply {
  const c = catalogOf(session);
  const lang = session.language;
  const question = env.flow.questions[session.questionIndex];
  const total = env.flow.questions.length;
  const existing = question ? answerOf(session, question.id) : null;
  return {
    text: joinParagraphs([
      `${c.questionHeading(formatNumber(session.questionIndex + 1, lang), formatNumber(total, lang))}\n${question?.text[lang] ?? ''}`,
      question !== undefined && session.reworded.includes(question.id) && c.questionReworded,
      // Shown again on a revisit, because the partner can only add to it or clear it.
      existing !== null && `${c.questionExisting(formatNumber(charCount(existing), lang))}\n\n${existing}`,
      `${session.returnToReview ? c.questionHowToFromReview : c.questionHowTo}\n${timeLeftLine(env, session)}`,
    ]),
    actions: questionActions(env, session),
    progress: questionProgress(env, session),
  };
}

export function submittedPrompt(env: TurnEnv, session: Session): Reply {
  return submittedReply(env, session) ?? { text: catalogOf(session).unknownCommand };
}

/** The yes/no question of a pending confirmation. */
export function confirmationPrompt(env: TurnEnv, session: Session): Reply {
  const c = catalogOf(session);
  const question = env.flow.questions[session.questionIndex];
  const existing = question ? (session.answers[question.id] ?? '') : '';
  const isClear = session.pendingConfirmation === 'clear';
  const text = isClear
    ? c.clearConfirm(formatNumber(session.questionIndex + 1, session.language), formatNumber(charCount(existing), session.language))
    : c.cancelConfirm;
  return { text, actions: [action('yes', isClear ? c.actions.yesClear : c.actions.yesCancel), action('no', c.actions.no)] };
}

/** The step's own prompt, ignoring any pending confirmation. */
export function stepPrompt(env: TurnEnv, session: Session): Reply {
  switch (session.step) {
    case 'intro':
      return introPrompt(env, session);
    case 'organization':
      return organizationPrompt(env, session);
    case 'respondentType':
      return respondentTypePrompt(env, session);
    case 'contactEmail':
      return contactEmailPrompt(env, session);
    case 'question':
      return questionPrompt(env, session);
    case 'review':
      return buildReview(env, session);
    case 'submitted':
      return submittedPrompt(env, session);
  }
}

/** What "resume" shows: the confirmation question if one is waiting, else the step's prompt. */
export function currentPrompt(env: TurnEnv, session: Session): Reply {
  return session.pendingConfirmation ? confirmationPrompt(env, session) : stepPrompt(env, session);
}

export function statusReply(env: TurnEnv, session: Session): Reply {
  const c = catalogOf(session);
  const lang = session.language;
  if (session.step === 'submitted') return submittedPrompt(env, session);
  const total = formatNumber(env.flow.questions.length, lang);
  const place =
    session.step === 'question' ? c.statusQuestion(formatNumber(session.questionIndex + 1, lang), total) : c.stepNames[session.step];
  // The current step's buttons, so the partner can carry on from the status message.
  const actions = currentPrompt(env, session).actions;
  return {
    ...(actions ? { actions } : {}),
    text: [
      c.statusWhere(place),
      c.statusAnswered(formatNumber(answeredCount(env.flow, session), lang), total),
      deadlineText(env, session),
    ].join('\n'),
    progress: progressOf(env.flow, session),
  };
}
