import type { Reply, ReplyAction } from '../core/types.js';
import type { Catalog } from '../i18n/catalog.js';
import { t } from '../i18n/catalog.js';
import type { FlowDefinition } from './definition.js';
import type { Effect, EngineContext, TurnOutcome } from './engine-types.js';
import type { Session } from './session.js';

/** Everything one engine step may look at besides the session. Passed around instead of globals. */
export interface TurnEnv {
  flow: FlowDefinition;
  now: Date;
  ctx: EngineContext;
}

/** What a handler returns; the engine stamps updatedAt and copies the session afterwards. */
export interface Turn {
  session: Session;
  replies: Reply[];
  effects: Effect[];
  outcome: TurnOutcome;
}

export function turn(session: Session, outcome: TurnOutcome, reply: Reply, effects: Effect[] = []): Turn {
  return { session, replies: [reply], effects, outcome };
}

/** Paragraphs of a reply, blank line between them; empty parts are dropped. */
export function joinParagraphs(parts: ReadonlyArray<string | null | undefined | false>): string {
  return parts.filter((part): part is string => typeof part === 'string' && part.length > 0).join('\n\n');
}

/** Puts short lines (an acknowledgement, a refusal) in front of a prompt, keeping its buttons. */
export function withLead(lead: ReadonlyArray<string | null | undefined | false>, reply: Reply): Reply {
  const lines = lead.filter((part): part is string => typeof part === 'string' && part.length > 0);
  if (lines.length === 0) return reply;
  // A structured reply (the review) keeps its lead apart, so an adapter can show it before the structure.
  const structured = reply.review ? { lead: [...lines, ...(reply.lead ?? [])] } : {};
  return { ...reply, ...structured, text: joinParagraphs([...lines, reply.text]) };
}

/** Characters as a person counts them (code points, so an emoji or an accented letter counts once). */
export function charCount(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

/** A button whose id is the canonical typed command and whose label is in the current language. */
export function action(id: string, label: string, extra: Pick<ReplyAction, 'emphasis' | 'group'> = {}): ReplyAction {
  return { id, label, ...extra };
}

export function catalogOf(session: Session): Catalog {
  return t(session.language);
}

export function otherLanguage(session: Session): 'en' | 'es' {
  return session.language === 'en' ? 'es' : 'en';
}
