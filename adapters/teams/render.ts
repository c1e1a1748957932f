import { t, type InputMode, type Language, type Reply, type ReplyAction, type ReviewView } from '../../src/index.js';

/**
 * Pure rendering of one turn's neutral replies as Adaptive Cards, within Microsoft's Teams host config:
 * card version 1.5, at most TEAMS_MAX_ACTIONS buttons in a row, under MAX_CARD_BYTES.
 *
 * - Every text is escaped for Adaptive Card markdown: replies echo partner answers, and an answer must
 *   not become a link, a list or bold text on a public-comment card.
 * - A turn is ONE card (one Bot Connector call), except a reply that must arrive whole (a copy of the
 *   comment), which is split over as many cards as it needs.
 * - The review is laid out from its structure: the personal-information warning first (icon AND words),
 *   then each question's wording in bold apart from its answer. When the answers do not fit, the card
 *   is budgeted by answer: every answer keeps at least its first MIN_ANSWER_CHARS characters, and a
 *   shortened one says so on its own line with how to read it whole ("type edit 2"). What is stored is
 *   never touched.
 * - Buttons are Action.Submit with `{ action: <typed command> }`, so every button has a typed equivalent.
 *   A group of choices (respondent types; which answer to edit) is one Input.ChoiceSet whose value is the
 *   typed command, submitted as `{ choice }` (parse.ts reads it like the button).
 */

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
export const CARD_VERSION = '1.5';
/** Teams refuses messages over about 28 KB including the activity around the card. */
export const MAX_CARD_BYTES = 24 * 1024;
/** Teams' host config shows at most six actions on a card (more are an error for the `adaptivecards` validator). */
export const TEAMS_MAX_ACTIONS = 6;
/** Every answer on the review keeps at least this many characters, however long the others are. */
export const MIN_ANSWER_CHARS = 200;
/** The id of the card's choice input; its value is a typed command. */
export const CHOICE_INPUT_ID = 'choice';
const ELLIPSIS = '…';
/** A warning sign beside (never instead of) the words of the personal-information warning. */
const WARNING_ICON = '⚠';
/** A line of a whole reply longer than this is cut at a space into several text blocks. */
const WHOLE_LINE_CHARS = 2000;

export interface RenderOptions {
  language: Language;
  inputMode: InputMode;
  /** Hint only (Teams does not enforce it); the engine checks the real limit. */
  maxAnswerChars: number;
  maxCardBytes?: number;
}

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema?: string;
  version: string;
  body: Array<Record<string, unknown>>;
  actions?: Array<Record<string, unknown>>;
}

export interface RenderedTurn {
  card: AdaptiveCard;
  /** True when some text was shortened to fit. */
  shortened: boolean;
  bytes: number;
}

type Element = Record<string, unknown>;

/** All the cards of one turn, in order: usually one; a whole reply (a copy) adds as many as it needs. */
export function renderTurnCards(replies: Reply[], options: RenderOptions): RenderedTurn[] {
  const cards: RenderedTurn[] = [];
  let pending: Reply[] = [];
  replies.forEach((reply, index) => {
    if (!reply.whole) {
      pending.push(reply);
      return;
    }
    const isLast = index === replies.length - 1;
    if (pending.length > 0) cards.push(renderTurn(pending, { ...options, inputMode: 'none' }));
    pending = [];
    cards.push(...renderWhole(reply, isLast ? options : { ...options, inputMode: 'none' }));
  });
  if (pending.length > 0 || cards.length === 0) cards.push(renderTurn(pending, options));
  return cards;
}

/** One card for the turn; long texts are shortened to fit (see the module comment). */
export function renderTurn(replies: Reply[], options: RenderOptions): RenderedTurn {
  const maxBytes = options.maxCardBytes ?? MAX_CARD_BYTES;
  const actions = lastActions(replies);
  const review = replies.find((reply) => reply.review)?.review;
  const build = (answerCap: number, paragraphCap: number) => buildCard(replies, actions, options, answerCap, paragraphCap);

  let card = build(Infinity, Infinity);
  let bytes = byteLength(card.card);
  if (bytes <= maxBytes) return { card: card.card, shortened: false, bytes };

  // First the review's answers, by answer: the largest common cap that fits, never under MIN_ANSWER_CHARS.
  let answerCap = Infinity;
  if (review) {
    const longest = Math.max(MIN_ANSWER_CHARS, ...review.items.map((item) => item.answerChars));
    answerCap = largestFitting(MIN_ANSWER_CHARS, longest, (cap) => byteLength(build(cap, Infinity).card) <= maxBytes);
    card = build(answerCap, Infinity);
    bytes = byteLength(card.card);
    if (bytes <= maxBytes) return { card: card.card, shortened: true, bytes };
  }
  // Then other long paragraphs (an answer shown again on its question), all cut to the same length.
  const longestParagraph = Math.max(0, ...replies.flatMap((reply) => (reply.review ? reply.lead ?? [] : splitParagraphs(reply.text))).map((p) => [...p].length));
  const paragraphCap = largestFitting(0, longestParagraph, (cap) => byteLength(build(answerCap, cap).card) <= maxBytes);
  card = build(answerCap, paragraphCap);
  return { card: card.card, shortened: true, bytes: byteLength(card.card) };
}

/** Binary search of the largest value in [low, high] that fits (low when none does). */
function largestFitting(low: number, high: number, fits: (value: number) => boolean): number {
  let lo = low;
  let hi = high;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function buildCard(replies: Reply[], actions: ReplyAction[] | undefined, options: RenderOptions, answerCap: number, paragraphCap: number): { card: AdaptiveCard } {
  const c = t(options.language);
  const body: Element[] = [];
  let paragraphsShortened = false;
  for (const reply of replies) {
    const paragraphs = reply.review ? (reply.lead ?? []) : splitParagraphs(reply.text);
    for (const paragraph of paragraphs) {
      const shown = cap(paragraph, paragraphCap);
      if (shown !== paragraph) paragraphsShortened = true;
      body.push(...textBlocks(shown, body.length === 0));
    }
    if (reply.review) body.push(...reviewBody(reply.review, options.language, answerCap, body.length === 0));
  }
  if (paragraphsShortened) body.push({ type: 'TextBlock', text: escapeMarkdown(c.teamsCard.shortened), wrap: true, isSubtle: true, spacing: 'Medium' });
  return { card: withActions(body, actions ?? [], options) };
}

/** The structured review: warning first, then each question (bold) apart from its answer. */
function reviewBody(review: ReviewView, language: Language, answerCap: number, first: boolean): Element[] {
  const c = t(language);
  const number = (n: number) => n.toLocaleString(c.locale);
  const body: Element[] = [
    { type: 'TextBlock', text: escapeMarkdown(review.heading), wrap: true, weight: 'Bolder', size: 'Medium', ...(first ? {} : { spacing: 'Medium' }) },
    { type: 'TextBlock', text: escapeMarkdown(review.from), wrap: true, spacing: 'None' },
  ];
  if (review.pii) {
    body.push({
      type: 'Container',
      style: 'attention',
      spacing: 'Medium',
      items: [
        { type: 'TextBlock', text: `${WARNING_ICON} ${escapeMarkdown(review.pii.title)}`, wrap: true, weight: 'Bolder', color: 'Attention' },
        { type: 'TextBlock', text: escapeMarkdown(review.pii.heading), wrap: true, spacing: 'Small' },
        ...review.pii.lines.map((line) => ({ type: 'TextBlock', text: escapeMarkdown(line), wrap: true, spacing: 'None' })),
        { type: 'TextBlock', text: escapeMarkdown(review.pii.advice), wrap: true, spacing: 'Small' },
      ],
    });
  }
  for (const item of review.items) {
    body.push({ type: 'TextBlock', text: escapeMarkdown(item.heading), wrap: true, weight: 'Bolder', spacing: 'Large' });
    if (item.note) body.push({ type: 'TextBlock', text: escapeMarkdown(item.note), wrap: true, isSubtle: true, spacing: 'None' });
    if (item.answer === null) {
      body.push({ type: 'TextBlock', text: escapeMarkdown(item.placeholder ?? ''), wrap: true, isSubtle: true, spacing: 'Small' });
      continue;
    }
    const shown = cap(item.answer, answerCap);
    body.push(...answerBlocks(shown));
    if (shown !== item.answer) {
      const shownChars = [...shown].length - 1; // without the ellipsis
      body.push({
        type: 'TextBlock',
        text: escapeMarkdown(c.reviewShortened(number(shownChars), number(item.answerChars), item.editCommand)),
        wrap: true,
        isSubtle: true,
        spacing: 'Small',
      });
    }
  }
  if (review.retired) {
    body.push(...textBlocks(review.retired.heading, false));
    for (const entry of review.retired.items) body.push(...textBlocks(`${entry.label}\n${cap(entry.answer, answerCap)}`, false));
  }
  for (const paragraph of [review.length.text, review.publicReminder, review.howTo]) body.push(...textBlocks(paragraph, false));
  return body;
}

function answerBlocks(answer: string): Element[] {
  return answer
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line, index) => ({ type: 'TextBlock', text: escapeMarkdown(line), wrap: true, spacing: index === 0 ? 'Small' : 'None' }));
}

/** A paragraph as one text block per line (escaped). */
function textBlocks(paragraph: string, first: boolean): Element[] {
  return paragraph.split('\n').map((line, lineIndex) => ({
    type: 'TextBlock',
    text: escapeMarkdown(line),
    wrap: true,
    ...(first && lineIndex === 0 ? {} : { spacing: lineIndex === 0 ? 'Medium' : 'None' }),
  }));
}

/**
 * The input box (or the choice list), then the buttons, at most TEAMS_MAX_ACTIONS of them:
 * - respondent types → an expanded Input.ChoiceSet and a Choose button (no text box: the list replaces it);
 * - "edit N" → one Action.ShowCard holding a ChoiceSet of the questions and an "Edit this answer" button;
 * - anything beyond six → the sixth becomes "More", a ShowCard with the rest.
 */
function withActions(body: Element[], replyActions: ReplyAction[], options: RenderOptions): AdaptiveCard {
  const c = t(options.language);
  const types = replyActions.filter((action) => action.group === 'respondentType');
  const edits = replyActions.filter((action) => action.group === 'edit');
  const cardActions: Element[] = [];
  if (types.length > 0) {
    body.push(choiceSet(types, c.teamsCard.respondentTypeLabel, 'expanded'));
    cardActions.push({ type: 'Action.Submit', title: c.teamsCard.choose, data: {} });
  } else if (options.inputMode !== 'none') {
    body.push({
      type: 'Input.Text',
      id: 'answer',
      label: c.teamsCard.answerLabel,
      placeholder: c.teamsCard.answerPlaceholder,
      isMultiline: options.inputMode === 'answer',
      maxLength: options.maxAnswerChars,
    });
    cardActions.push({ type: 'Action.Submit', title: c.teamsCard.send, data: {} });
  }
  let editsPlaced = false;
  for (const action of replyActions) {
    if (action.group === 'respondentType') continue;
    if (action.group === 'edit') {
      if (editsPlaced) continue;
      editsPlaced = true;
      cardActions.push({
        type: 'Action.ShowCard',
        title: c.reviewEditAnswer,
        card: {
          type: 'AdaptiveCard',
          body: [choiceSet(edits, c.reviewEditWhich, 'compact')],
          actions: [{ type: 'Action.Submit', title: c.reviewEditGo, data: {} }],
        },
      });
      continue;
    }
    cardActions.push(submitAction(action));
  }
  const actions =
    cardActions.length <= TEAMS_MAX_ACTIONS
      ? cardActions
      : [
          ...cardActions.slice(0, TEAMS_MAX_ACTIONS - 1),
          { type: 'Action.ShowCard', title: c.teamsCard.more, card: { type: 'AdaptiveCard', body: [], actions: cardActions.slice(TEAMS_MAX_ACTIONS - 1, 2 * TEAMS_MAX_ACTIONS - 1) } },
        ];
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: CARD_VERSION,
    body,
    ...(actions.length > 0 ? { actions } : {}),
  };
}

function submitAction(action: ReplyAction): Element {
  // "positive" is Teams' primary button; a secondary one (Discard draft) keeps the default look.
  return { type: 'Action.Submit', title: action.label, data: { action: action.id }, ...(action.emphasis === 'primary' ? { style: 'positive' } : {}) };
}

function choiceSet(options: ReplyAction[], label: string, style: 'expanded' | 'compact'): Element {
  return {
    type: 'Input.ChoiceSet',
    id: CHOICE_INPUT_ID,
    label,
    style,
    isMultiSelect: false,
    choices: options.map((option) => ({ title: option.label, value: option.id })),
  };
}

/** A reply that must arrive whole: its lines over as many cards as needed; the reply's buttons on the last. */
function renderWhole(reply: Reply, options: RenderOptions): RenderedTurn[] {
  const maxBytes = (options.maxCardBytes ?? MAX_CARD_BYTES) - 2048; // room for the buttons and the input
  const lines = reply.text.replace(/\r\n?/g, '\n').split('\n').flatMap((line) => splitLongLine(line, WHOLE_LINE_CHARS));
  const cards: Element[][] = [[]];
  let bytes = 0;
  for (const line of lines) {
    const block: Element = { type: 'TextBlock', text: escapeMarkdown(line), wrap: true, spacing: line === '' ? 'Medium' : 'None' };
    const size = Buffer.byteLength(JSON.stringify(block), 'utf8') + 1;
    if (bytes + size > maxBytes && (cards.at(-1)?.length ?? 0) > 0) {
      cards.push([]);
      bytes = 0;
    }
    cards.at(-1)?.push(block);
    bytes += size;
  }
  return cards.map((body, index) => {
    const isLast = index === cards.length - 1;
    const card = withActions(body, isLast ? (reply.actions ?? []) : [], isLast ? options : { ...options, inputMode: 'none' });
    return { card, shortened: false, bytes: byteLength(card) };
  });
}

function splitLongLine(line: string, maxChars: number): string[] {
  const pieces: string[] = [];
  let rest = line;
  while ([...rest].length > maxChars) {
    const chars = [...rest];
    const window = chars.slice(0, maxChars).join('');
    const at = window.lastIndexOf(' ');
    const cut = at > maxChars / 2 ? at : window.length;
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^ +/, '');
  }
  pieces.push(rest);
  return pieces;
}

/** The buttons belong to the last reply that offers any (earlier replies are acknowledgements). */
function lastActions(replies: Reply[]): ReplyAction[] | undefined {
  for (let i = replies.length - 1; i >= 0; i -= 1) {
    const actions = replies[i]?.actions;
    if (actions && actions.length > 0) return actions;
  }
  return undefined;
}

function splitParagraphs(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

/** Cuts by code points (never inside a surrogate pair). */
function cap(text: string, maxChars: number): string {
  if (!Number.isFinite(maxChars)) return text;
  const chars = [...text];
  return chars.length <= maxChars ? text : `${chars.slice(0, Math.max(0, maxChars)).join('').trimEnd()}${ELLIPSIS}`;
}

/**
 * Escapes what Teams' Adaptive Card markdown gives meaning to, with CommonMark backslash escapes, so
 * partner text shows literally: no links ([x](y), autolinked http://… or www.…), no emphasis, no
 * headings, no lists, no <at> mentions. Ordinary punctuation (. , : ! ?) is left alone to stay readable.
 */
export function escapeMarkdown(line: string): string {
  return line
    .replace(/[\\`*_[\]()#<>~|{}]/g, '\\$&')
    .replace(/^(\s*)([-+])(?=\s)/, '$1\\$2')
    .replace(/^(\s*\d+)([.)])(?=\s)/, '$1\\$2')
    .replace(/\b([a-z][a-z0-9+.-]{0,20}):(?=\/\/)/gi, '$1\\:')
    .replace(/\bwww\./gi, 'www\\.');
}

function byteLength(card: AdaptiveCard): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}
