import { t, type InputMode, type Language, type Reply } from '../../src/index.js';

/**
 * Pure rendering of one turn's neutral replies as ONE Adaptive Card (one Bot Connector call per turn).
 *
 * - Every text is escaped for Adaptive Card markdown: replies echo partner answers, and an answer must
 *   not become a link, a list or bold text on a public-comment card.
 * - The card stays under MAX_CARD_BYTES (Teams rejects large messages). When the text does not fit
 *   (a review of long answers), the longest paragraphs are shortened on the card with a note saying so;
 *   what is stored is never touched.
 * - Buttons are Action.Submit with `{ action: <typed command> }`, so every button has a typed equivalent.
 */

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
export const MAX_CARD_BYTES = 12 * 1024;
/** A sanity cap; Teams shows six buttons and folds the rest into a "…" menu (each is also a typed command). */
const MAX_ACTIONS = 12;
const ELLIPSIS = '…';

export interface RenderOptions {
  language: Language;
  inputMode: InputMode;
  /** Hint only (Teams does not enforce it); the engine checks the real limit. */
  maxAnswerChars: number;
  maxCardBytes?: number;
}

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: string;
  body: Array<Record<string, unknown>>;
  actions?: Array<Record<string, unknown>>;
}

export interface RenderedTurn {
  card: AdaptiveCard;
  /** True when some paragraph was shortened to fit. */
  shortened: boolean;
  bytes: number;
}

export function renderTurn(replies: Reply[], options: RenderOptions): RenderedTurn {
  const maxBytes = options.maxCardBytes ?? MAX_CARD_BYTES;
  const paragraphs = replies.flatMap((reply) => splitParagraphs(reply.text));
  const actions = lastActions(replies);

  let card = buildCard(paragraphs, actions, options, false);
  let bytes = byteLength(card);
  if (bytes <= maxBytes) return { card, shortened: false, bytes };

  // Binary search the largest per-paragraph cap that fits: short paragraphs (questions, headings) stay
  // whole, long ones (echoed answers) are cut to the same length.
  let low = 0;
  let high = Math.max(...paragraphs.map((p) => [...p].length));
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    const candidate = buildCard(paragraphs.map((p) => cap(p, mid)), actions, options, true);
    if (byteLength(candidate) <= maxBytes) low = mid;
    else high = mid - 1;
  }
  card = buildCard(paragraphs.map((p) => cap(p, low)), actions, options, true);
  bytes = byteLength(card);
  return { card, shortened: true, bytes };
}

function buildCard(paragraphs: string[], actions: Reply['actions'], options: RenderOptions, shortened: boolean): AdaptiveCard {
  const c = t(options.language).teamsCard;
  const body: Array<Record<string, unknown>> = [];
  paragraphs.forEach((paragraph, index) => {
    paragraph.split('\n').forEach((line, lineIndex) => {
      body.push({
        type: 'TextBlock',
        text: escapeMarkdown(line),
        wrap: true,
        ...(index === 0 && lineIndex === 0 ? {} : { spacing: lineIndex === 0 ? 'Medium' : 'None' }),
      });
    });
  });
  if (shortened) body.push({ type: 'TextBlock', text: escapeMarkdown(c.shortened), wrap: true, isSubtle: true, spacing: 'Medium' });
  const cardActions: Array<Record<string, unknown>> = [];
  if (options.inputMode !== 'none') {
    body.push({
      type: 'Input.Text',
      id: 'answer',
      label: c.answerLabel,
      placeholder: c.answerPlaceholder,
      isMultiline: options.inputMode === 'answer',
      maxLength: options.maxAnswerChars,
    });
    cardActions.push({ type: 'Action.Submit', title: c.send, data: {} });
  }
  for (const action of (actions ?? []).slice(0, MAX_ACTIONS)) {
    cardActions.push({ type: 'Action.Submit', title: action.label, data: { action: action.id } });
  }
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.4',
    body,
    ...(cardActions.length > 0 ? { actions: cardActions } : {}),
  };
}

/** The buttons belong to the last reply that offers any (earlier replies are acknowledgements). */
function lastActions(replies: Reply[]): Reply['actions'] {
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
