/**
 * The addresses in emails, all under PUBLIC_URL (else the bot's own URL). The chat is served at `/` (and
 * at `/chat/`, the address of links sent before this fix); the session id goes in the fragment so it
 * never reaches a server log. Tokens go in the query: a one-click unsubscribe (RFC 8058) POSTs to the
 * very URL of the List-Unsubscribe header.
 */
const trimmed = (base: string) => base.replace(/\/+$/, '');

export const resumeLink = (base: string, sessionId: string) => `${trimmed(base)}/#session=${encodeURIComponent(sessionId)}`;
export const confirmLink = (base: string, token: string) => `${trimmed(base)}/email/confirm?token=${token}`;
export const unsubscribeLink = (base: string, token: string) => `${trimmed(base)}/email/unsubscribe?token=${token}`;
export const chatLink = (base: string) => `${trimmed(base)}/`;
