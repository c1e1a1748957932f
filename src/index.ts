/**
 * The one public surface of the core for adapters (adapters/slack, adapters/teams, adapters/webchat).
 * Adapters import from this module only (test/unit/architecture.test.ts enforces it), never engine or
 * store internals: what they need to show about a conversation travels in the dispatcher's replies and
 * views. Everything exported here is either a neutral type or port, the dispatcher's interface, or
 * shared plumbing (HTTP helpers, message catalogs, errors, the typed-command grammar).
 */

// Neutral types and ports.
export { conversationKeyToString } from './core/types.js';
export type { Channel, ConversationKey, InboundEvent, Language, Reply, ReplyAction, ReviewItem, ReviewView, TurnInput } from './core/types.js';
export type { ConversationView, EditableAnswer, InputMode, QuestionnaireInfo, Stage } from './core/view.js';
export type {
  Clock,
  ConversationReference,
  ConversationReferenceStore,
  DeliveryStatus,
  DocketStatus,
  OutboundMessenger,
  ReferenceRecord,
  SendOutcome,
  PartnerActivity,
} from './core/ports.js';

// Email for the web chat: "remind me by email" with double opt-in, invitation drafts.
export type { ReminderEmailResult, ReminderEmailState, ReminderEmailStatus, WebchatEmail } from './core/email.js';

// The dispatcher: one turn in, replies and a view out.
export type { Dispatcher, DispatchOptions, DispatchResult } from './dispatcher/dispatcher.js';

// Configuration of each platform (read by src/config.ts only).
export type { NodeEnv, SlackConfig, TeamsConfig } from './config.js';

// Errors with a code and a cause.
export { AppError, errorSummary, isAppError } from './errors.js';

// Partner text made fit for the comment store (NUL and lone surrogates removed).
export { storableText } from './flow/storable-text.js';

// The typed-command grammar (every button has a typed equivalent).
export { commandId, parseCommand } from './flow/commands.js';

// HTTP plumbing shared by every adapter.
export { readBody, readJsonBody } from './http/body.js';
export { httpError, httpErrorFor } from './http/error-status.js';
export { createOutboundPoster, PostError, type OutboundPoster, type PostAnswer } from './http/outbound-post.js';
export type { AbuseLimits } from './http/abuse-limits.js';
export { isRateLimitedError } from './http/rate-limit.js';
export type { ClientAddressOf } from './http/client-address.js';
export { sendJson, sendJsonError } from './http/respond.js';
export type { RequestContext, RouteHandler, Router } from './http/router.js';
export { createLogThrottle, requestLogThrottle } from './log-throttle.js';

// Message catalogs.
export { languageOfLocale, t, type Catalog } from './i18n/catalog.js';
export { slackText } from './i18n/catalog.slack.js';
