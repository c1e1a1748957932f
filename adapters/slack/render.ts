import { slackText, t, type ConversationView, type EditableAnswer, type Language, type QuestionnaireInfo, type Reply, type ReviewView } from '../../src/index.js';
import {
  ACTION_PREFIX,
  EDIT_ANSWER_ACTION,
  EDIT_MODAL_CALLBACK,
  HOME_START_ACTION,
  MODAL_INPUT_ACTION,
  MODAL_PART_BLOCK,
  type EditModalMetadata,
} from './parse.js';

/**
 * Pure Block Kit rendering of neutral replies, the edit modal and the App Home view.
 * Everything shown as mrkdwn is escaped (&, <, >), so partner text such as <!channel>, <@U…> or
 * <http://…|…> is displayed literally and can neither ping anyone nor forge a link.
 * Slack limits respected here: 3,000 characters per section, 50 blocks per message, 75 per button label,
 * 3,000 per plain-text input, 24 per modal title.
 */

export type Block = Record<string, unknown>;
export interface SlackMessage {
  /** Notification / fallback text (escaped mrkdwn). */
  text: string;
  blocks: Block[];
}

export const SECTION_MAX_CHARS = 3000;
export const INPUT_MAX_CHARS = 3000;
/** Slack allows 50 blocks per message: sections plus the header, buttons and hints. */
const SECTIONS_PER_MESSAGE = 40;
const BUTTONS_PER_ACTIONS_BLOCK = 25;
const BUTTON_LABEL_MAX = 75;
const FALLBACK_TEXT_MAX = 2900;

export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Splits text into pieces whose escaped form fits `maxChars`, preferring paragraph, line, then word breaks. */
export function splitEscaped(text: string, maxChars = SECTION_MAX_CHARS): string[] {
  return splitRaw(text, maxChars).map(escapeMrkdwn);
}

/** The same pieces as splitEscaped, unescaped (for the fallback text, which is cut before escaping). */
export function splitRaw(text: string, maxChars = SECTION_MAX_CHARS): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (escapeMrkdwn(rest).length > maxChars) {
    let cut = rawBudget(rest, maxChars);
    const window = rest.slice(0, cut);
    const breakAt = window.lastIndexOf('\n\n');
    const lineAt = window.lastIndexOf('\n');
    const spaceAt = window.lastIndexOf(' ');
    const best = breakAt > cut / 2 ? breakAt : lineAt > cut / 2 ? lineAt : spaceAt > cut / 2 ? spaceAt : -1;
    if (best > 0) cut = best;
    else if (/[\uD800-\uDBFF]/.test(rest[cut - 1] ?? '')) cut -= 1;
    pieces.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).replace(/^\s+/, '');
  }
  if (rest.length > 0 || pieces.length === 0) pieces.push(rest);
  return pieces;
}

/**
 * The notification / fallback text: the raw text cut so that its ESCAPED form fits `maxChars`, then
 * escaped. Cutting after escaping could leave half an entity (a bare "&").
 */
export function fallbackText(raw: string, maxChars = FALLBACK_TEXT_MAX): string {
  if (escapeMrkdwn(raw).length <= maxChars) return escapeMrkdwn(raw);
  let cut = rawBudget(raw, maxChars - 1);
  if (/[\uD800-\uDBFF]/.test(raw[cut - 1] ?? '')) cut -= 1;
  return `${escapeMrkdwn(raw.slice(0, cut).trimEnd())}…`;
}

/** How many raw characters fit when escaped into `maxChars`. */
function rawBudget(text: string, maxChars: number): number {
  let used = 0;
  for (let index = 0; index < text.length; index += 1) {
    const ch = text[index];
    used += ch === '&' ? 5 : ch === '<' || ch === '>' ? 4 : 1;
    if (used > maxChars) return Math.max(1, index);
  }
  return text.length;
}

function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

export interface RenderOptions {
  language: Language;
  /** Set when the partner is on a question: adds "Edit answer" (opens the modal for that question). */
  editQuestionNumber?: number;
}

/** Neutral replies → Slack messages (a long reply becomes several messages; buttons go on the last). */
export function renderReplies(replies: Reply[], options: RenderOptions): SlackMessage[] {
  const messages: SlackMessage[] = [];
  replies.forEach((reply, index) => {
    const isLast = index === replies.length - 1;
    messages.push(...renderReply(reply, isLast ? options : { language: options.language }));
  });
  return messages;
}

function renderReply(reply: Reply, options: RenderOptions): SlackMessage[] {
  const raw = reply.review ? reviewSections(reply.review, reply.lead ?? [], options.language) : splitRaw(reply.text).map((text) => ({ raw: text, block: section(escapeMrkdwn(text)) }));
  const sections = raw.map((piece) => piece.block);
  const fallbacks = raw.map((piece) => piece.raw);
  const buttons = (reply.actions ?? []).map(
    (action, index): Block => ({
      type: 'button',
      action_id: `${ACTION_PREFIX}${index}`,
      value: action.id,
      text: { type: 'plain_text', text: truncate(action.label, BUTTON_LABEL_MAX), emoji: false },
      // Slack's primary (green) for the one main action; a secondary one (Discard draft) keeps the default look.
      ...(action.emphasis === 'primary' ? { style: 'primary' } : {}),
    }),
  );
  const s = slackText(options.language);
  if (options.editQuestionNumber !== undefined) {
    buttons.push({
      type: 'button',
      action_id: EDIT_ANSWER_ACTION,
      value: String(options.editQuestionNumber),
      text: { type: 'plain_text', text: s.editAnswerButton, emoji: false },
    });
  }
  const actionBlocks: Block[] = [];
  for (let start = 0; start < buttons.length; start += BUTTONS_PER_ACTIONS_BLOCK) {
    actionBlocks.push({ type: 'actions', elements: buttons.slice(start, start + BUTTONS_PER_ACTIONS_BLOCK) });
  }
  const trailer: Block[] = [];
  if (options.editQuestionNumber !== undefined) {
    trailer.push({ type: 'context', elements: [{ type: 'mrkdwn', text: escapeMrkdwn(s.editAnswerHint) }] });
  }
  // On a question, every message says where the partner is ("Question 2 of 5"), unless its text already does.
  const header: Block[] = [];
  if (options.editQuestionNumber !== undefined && reply.progress && reply.progress.index > 0) {
    const c = t(options.language);
    const heading = c.questionHeading(reply.progress.index.toLocaleString(c.locale), reply.progress.total.toLocaleString(c.locale));
    if (!reply.text.startsWith(heading)) header.push({ type: 'context', elements: [{ type: 'mrkdwn', text: escapeMrkdwn(heading) }] });
  }
  const messages: SlackMessage[] = [];
  for (let start = 0; start < sections.length; start += SECTIONS_PER_MESSAGE) {
    const chunk = start === 0 ? [...header, ...sections.slice(start, start + SECTIONS_PER_MESSAGE)] : sections.slice(start, start + SECTIONS_PER_MESSAGE);
    const last = start + SECTIONS_PER_MESSAGE >= sections.length;
    const blocks = last ? [...chunk, ...actionBlocks, ...trailer] : chunk;
    messages.push({ text: fallbackText(fallbacks[start] ?? ''), blocks });
  }
  return messages;
}

/** A plain message (no buttons), e.g. a delivery problem or a store outage. */
export function renderNotice(text: string): SlackMessage {
  const pieces = splitRaw(text);
  return { text: fallbackText(pieces[0] ?? ''), blocks: pieces.map((piece) => section(escapeMrkdwn(piece))) };
}

function section(mrkdwn: string): Block {
  return { type: 'section', text: { type: 'mrkdwn', text: mrkdwn } };
}

/** One section of the review with the raw text its fallback is made from. */
interface Piece {
  raw: string;
  block: Block;
}

/** Slack's warning sign, beside (never instead of) the warning's words. */
const WARNING_ICON = ':warning:';
/** Every answer on the review keeps at least this many characters (it always does here: one section each). */
export const REVIEW_MIN_ANSWER_CHARS = 200;

/**
 * The review laid out from its structure, in the same order on every channel: the personal-information
 * warning first (icon and words, naming the questions), then one section per question, its wording in
 * bold apart from the answer. An answer longer than its section is shortened there, saying so on its own
 * line with how to read it whole. Each section stays within SECTION_MAX_CHARS; with at most 20
 * questions the review stays within Slack's 50 blocks (renderReply spills over into a second message
 * if it ever would not).
 */
function reviewSections(review: ReviewView, lead: string[], language: Language): Piece[] {
  const c = t(language);
  const number = (n: number) => n.toLocaleString(c.locale);
  const pieces: Piece[] = lead.flatMap((line) => splitRaw(line).map((raw) => ({ raw, block: section(escapeMrkdwn(raw)) })));
  pieces.push({ raw: `${review.heading}\n${review.from}`, block: section(`*${escapeMrkdwn(review.heading)}*\n${escapeMrkdwn(review.from)}`) });
  if (review.pii) {
    const raw = [review.pii.title, review.pii.heading, ...review.pii.lines.map((line) => `- ${line}`), review.pii.advice].join('\n');
    const [first] = splitEscaped([review.pii.heading, ...review.pii.lines.map((line) => `• ${line}`), review.pii.advice].join('\n'), SECTION_MAX_CHARS - 200);
    pieces.push({ raw, block: section(`${WARNING_ICON} *${escapeMrkdwn(review.pii.title)}*\n${first ?? ''}`) });
  }
  for (const item of review.items) {
    const heading = `*${escapeMrkdwn(item.heading)}*${item.note ? `\n_${escapeMrkdwn(item.note)}_` : ''}`;
    if (item.answer === null) {
      pieces.push({ raw: `${item.heading}\n${item.placeholder ?? ''}`, block: section(`${heading}\n_${escapeMrkdwn(item.placeholder ?? '')}_`) });
      continue;
    }
    const whole = `${heading}\n${escapeMrkdwn(item.answer)}`;
    if (whole.length <= SECTION_MAX_CHARS) {
      pieces.push({ raw: `${item.heading}\n${item.answer}`, block: section(whole) });
      continue;
    }
    // Room for the answer: the section less its heading and the "shortened" line (numbers at their widest).
    const note = `_${escapeMrkdwn(c.reviewShortened(number(item.answerChars), number(item.answerChars), item.editCommand))}_`;
    const room = Math.max(REVIEW_MIN_ANSWER_CHARS, SECTION_MAX_CHARS - heading.length - note.length - 4);
    let cut = rawBudget(item.answer, room - 1);
    if (/[\uD800-\uDBFF]/.test(item.answer[cut - 1] ?? '')) cut -= 1;
    const shown = item.answer.slice(0, cut).trimEnd();
    const shownNote = `_${escapeMrkdwn(c.reviewShortened(number([...shown].length), number(item.answerChars), item.editCommand))}_`;
    pieces.push({ raw: `${item.heading}\n${shown}`, block: section(`${heading}\n${escapeMrkdwn(shown)}…\n${shownNote}`) });
  }
  const tail = [
    ...(review.retired ? [review.retired.heading, ...review.retired.items.map((entry) => `${entry.label}\n${entry.answer}`)] : []),
    review.length.text,
    review.publicReminder,
    review.howTo,
  ];
  for (const paragraph of tail) pieces.push(...splitRaw(paragraph).map((raw) => ({ raw, block: section(escapeMrkdwn(raw)) })));
  return pieces;
}

/**
 * Splits an answer into boxes of at most `maxChars` (Slack caps one input at 3,000), cutting at
 * whitespace where possible. `joins[i]` is the whitespace removed between box i and i+1, so
 * joinInputParts(parts, joins) gives back the original text exactly.
 */
export function splitForInputs(text: string, maxChars = INPUT_MAX_CHARS): { parts: string[]; joins: string[] } {
  const parts: string[] = [];
  const joins: string[] = [];
  let rest = text;
  while (rest.length > maxChars) {
    const window = rest.slice(0, maxChars + 1);
    const candidates = [window.lastIndexOf('\n\n'), window.lastIndexOf('\n'), window.lastIndexOf(' ')];
    let cut = candidates.find((at) => at > maxChars / 2) ?? -1;
    let join = '';
    if (cut > 0) {
      let end = cut;
      while (end < rest.length && /\s/.test(rest[end] ?? '')) end += 1;
      // The text before the whitespace run must fit; the run itself goes into `joins`.
      while (cut > 0 && /\s/.test(rest[cut - 1] ?? '')) cut -= 1;
      join = rest.slice(cut, end);
      parts.push(rest.slice(0, cut));
      joins.push(join);
      rest = rest.slice(end);
      continue;
    }
    cut = maxChars;
    if (/[\uD800-\uDBFF]/.test(rest[cut - 1] ?? '')) cut -= 1;
    parts.push(rest.slice(0, cut));
    joins.push(join);
    rest = rest.slice(cut);
  }
  parts.push(rest);
  return { parts, joins };
}

export type EditModalInput = Omit<Extract<EditableAnswer, { kind: 'editable' }>, 'kind'> & {
  maxAnswerChars: number;
  replyChannel: string;
};

/** The "Edit answer" modal: the question, then the current answer prefilled across as many boxes as it needs. */
export function renderEditModal(input: EditModalInput): Record<string, unknown> {
  const s = slackText(input.language);
  const lang = input.language;
  const { parts, joins } = splitForInputs(input.currentAnswer);
  const used = parts.reduce((sum, part) => sum + part.length, 0);
  // One spare empty box to write more, while the answer limit allows it.
  const boxes = [...parts];
  if (parts[0] !== '' && used < input.maxAnswerChars) boxes.push('');
  const count = String(boxes.length);
  const metadata: EditModalMetadata = { q: input.questionNumber, c: input.replyChannel, language: lang, joins };
  const number = (n: number) => n.toLocaleString(t(lang).locale);
  return {
    type: 'modal',
    callback_id: EDIT_MODAL_CALLBACK,
    private_metadata: JSON.stringify(metadata),
    title: { type: 'plain_text', text: truncate(s.modalTitle, 24) },
    submit: { type: 'plain_text', text: s.modalSave },
    close: { type: 'plain_text', text: s.modalCancel },
    blocks: [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: splitEscaped(`${s.modalQuestion(number(input.questionNumber), number(input.questionCount))}\n${input.questionText}`)[0] ?? '',
        },
      },
      { type: 'context', elements: [{ type: 'mrkdwn', text: escapeMrkdwn(s.modalHowTo(number(INPUT_MAX_CHARS))) }] },
      ...boxes.map((value, index) => ({
        type: 'input',
        block_id: `${MODAL_PART_BLOCK}${index}`,
        optional: index > 0,
        label: { type: 'plain_text', text: s.modalPartLabel(number(index + 1), count) },
        element: {
          type: 'plain_text_input',
          action_id: MODAL_INPUT_ACTION,
          multiline: true,
          max_length: INPUT_MAX_CHARS,
          // Input values are plain text, never parsed as mrkdwn: prefilled exactly as saved.
          ...(value.length > 0 ? { initial_value: value } : {}),
        },
      })),
    ],
  };
}

export interface HomeInput {
  /** The partner's conversation, or null before they start. */
  view: ConversationView | null;
  /** The questionnaire, in the language to use before a conversation exists (the partner's Slack locale). */
  questionnaire: QuestionnaireInfo;
}

/** App Home: progress, days left, the receipt once sent, and Start / Resume. */
export function renderHome(input: HomeInput): Record<string, unknown> {
  const { view, questionnaire } = input;
  const lang = view?.language ?? questionnaire.language;
  const c = t(lang);
  const s = slackText(lang);
  const number = (n: number) => n.toLocaleString(c.locale);
  const days = view?.daysLeft ?? questionnaire.daysLeft;
  const lines: string[] = [view?.title ?? questionnaire.title];
  if (!view) {
    lines.push(s.homeNotStarted);
  } else if (view.stage === 'submitted' && view.receipt) {
    lines.push(s.homeReceipt(view.receipt));
  } else {
    const total = number(view.questionCount);
    const place = view.stage === 'question' ? c.statusQuestion(number(view.progress.index), total) : c.stepNames[view.stage];
    lines.push(s.homeWhere(place), s.homeAnswered(number(view.answeredCount), total));
  }
  if (view?.stage !== 'submitted') lines.push(c.daysLeftLine(days, number(days)));
  lines.push(s.homeHowTo);
  const buttons: Block[] = [];
  if (view?.stage !== 'submitted') {
    buttons.push({
      type: 'button',
      action_id: HOME_START_ACTION,
      value: 'start',
      style: 'primary',
      text: { type: 'plain_text', text: view ? s.homeResume : s.homeStart, emoji: false },
    });
  }
  if (view) {
    buttons.push({ type: 'button', action_id: `${ACTION_PREFIX}0`, value: 'status', text: { type: 'plain_text', text: s.homeStatus, emoji: false } });
  }
  return {
    type: 'home',
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: truncate(s.homeTitle, 150), emoji: false } },
      ...splitEscaped(lines.join('\n\n')).map((text) => ({ type: 'section', text: { type: 'mrkdwn', text } })),
      ...(buttons.length > 0 ? [{ type: 'actions', elements: buttons }] : []),
    ],
  };
}
