import type { Actor } from '../moderation/roles.js';
import type { ModerationRepository } from '../moderation/repository.js';
import type { ForwardingRepository, ForwardRow, ForwardState } from './repository.js';

/**
 * A moderator checked the docket for a dead or unknown forward: it is there (a tracking number) or it is
 * not (post it again). One implementation for the API (POST /api/forwarding/{id}/resolve) and the Docket
 * page's buttons, so both check the same things and write the same audit entry (`forward-resolved`).
 */
export interface ResolveDeps {
  outbox: ForwardingRepository;
  audit: ModerationRepository['audit'];
  nowMs: () => number;
  /** Nudges the forwarding worker after a retry (it also polls). */
  wake: () => void;
}

export type ResolveOutcome =
  | { ok: true; row: ForwardRow | null }
  | { ok: false; reason: 'not-found' }
  | { ok: false; reason: 'not-resolvable'; state: ForwardState }
  | { ok: false; reason: 'bad-request' };

const TRACKING = /^[A-Za-z0-9-]{3,60}$/;

export async function resolveForward(deps: ResolveDeps, actor: Actor, id: string, request: { trackingNumber?: unknown; retry?: unknown }): Promise<ResolveOutcome> {
  const row = await deps.outbox.get(id);
  if (!row) return { ok: false, reason: 'not-found' };
  if (row.state !== 'dead' && row.state !== 'unknown') return { ok: false, reason: 'not-resolvable', state: row.state };
  if (typeof request.trackingNumber === 'string' && TRACKING.test(request.trackingNumber)) {
    await deps.outbox.resolve(id, { trackingNumber: request.trackingNumber });
  } else if (request.retry === true) {
    await deps.outbox.resolve(id, { retryAtMs: deps.nowMs() });
    deps.wake();
  } else {
    return { ok: false, reason: 'bad-request' };
  }
  await deps.audit(actor, 'forward-resolved', id, { retry: request.retry === true });
  return { ok: true, row: await deps.outbox.get(id) };
}
