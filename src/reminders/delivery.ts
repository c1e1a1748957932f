import type { Logger } from 'pino';
import type { OutboundMessenger, SendOutcome } from '../core/ports.js';
import type { Channel, Reply } from '../core/types.js';
import type { RosterRepository } from '../roster/repository.js';
import type { ClaimedDelivery } from '../roster/types.js';

/**
 * One delivery intent, from claimed to recorded — shared by the in-process worker and the BullMQ one.
 * See executor.ts for the outcomes. `pacing` spaces sends per workspace (our own limiter, or BullMQ's)
 * and hears about 429s and later attempts.
 */
export interface Pacing {
  /** Resolves when a send to this workspace (`channel:tenant`) may start. */
  take(workspace: string): Promise<void>;
  /** The platform said "not before `ms` from now" for this workspace. */
  pause(workspace: string, ms: number): void;
  /** An intent went back to the queue, due at `atMs` (BullMQ schedules a delayed job). */
  retryAt?(delivery: ClaimedDelivery, atMs: number): Promise<void>;
}

export interface DelivererOptions {
  roster: RosterRepository;
  messengers: Partial<Record<Channel, OutboundMessenger>>;
  compose(delivery: ClaimedDelivery, now: Date): Promise<{ replies: Reply[] } | { skip: string }>;
  /** When a send must wait (the partner's quiet hours), or null; read per send so a plan change on any instance applies at once. */
  heldUntil(delivery: ClaimedDelivery, now: Date): Promise<Date | null>;
  nowMs: () => number;
  logger: Logger;
  maxAttempts: number;
  sendingLeaseMs: number;
  /** REMINDER_MIN_GAP_HOURS in ms: the frequency cap (0 = none), judged at the moment of sending. */
  minGapMs: number;
  /** True once shutdown began: nothing new starts. */
  stopping: () => boolean;
}

/** The id a platform keeps with the message, to confirm later whether it arrived. */
export function markerOf(delivery: ClaimedDelivery): string {
  return `${delivery.stageKey}|${delivery.target.partnerId}`;
}

export function workspaceOf(delivery: ClaimedDelivery): string {
  return `${delivery.target.key.channel}:${delivery.target.key.tenantId}`;
}

export function createDeliverer(options: DelivererOptions) {
  const { roster, logger } = options;
  const confirmAfterMs = Math.min(options.sendingLeaseMs, 30_000);

  async function retryLater(delivery: ClaimedDelivery, atMs: number, code: string, pacing: Pacing): Promise<void> {
    await roster.retryLater(delivery, atMs, code);
    await pacing.retryAt?.(delivery, atMs);
  }

  async function afterFailure(delivery: ClaimedDelivery, outcome: Extract<SendOutcome, { status: 'failed' }>, messenger: OutboundMessenger, pacing: Pacing): Promise<void> {
    if (outcome.maybeDelivered) {
      // Never a blind second send: a platform that can tell is asked once the request has surely
      // finished (recovery, after the hold); otherwise the send is recorded as unknown.
      if (messenger.confirm) return roster.holdForConfirmation(delivery, options.nowMs() + confirmAfterMs);
      return roster.finish(delivery, 'unknown', outcome.code);
    }
    if (outcome.retryAfterMs !== undefined) pacing.pause(workspaceOf(delivery), outcome.retryAfterMs);
    const attempts = delivery.attempts + 1;
    if (attempts >= options.maxAttempts) return roster.finish(delivery, 'failed', outcome.code);
    const backoffMs = outcome.retryAfterMs ?? Math.min(2 ** attempts * 1000, 5 * 60_000) * (0.5 + Math.random() / 2);
    return retryLater(delivery, options.nowMs() + backoffMs, outcome.code, pacing);
  }

  return {
    async deliver(delivery: ClaimedDelivery, pacing: Pacing): Promise<void> {
      const { target } = delivery;
      const messenger = options.messengers[target.key.channel];
      if (!messenger) return roster.finish(delivery, 'skipped', 'channel-not-configured');
      if (target.progress === 'submitted') return roster.finish(delivery, 'skipped', 'submitted');
      if (target.remindersOptedOut && delivery.kind !== 'invite') return roster.finish(delivery, 'skipped', 'opted-out');
      const held = await options.heldUntil(delivery, new Date(options.nowMs()));
      if (held) return retryLater(delivery, held.getTime(), 'quiet-hours', pacing);
      const composed = await options.compose(delivery, new Date(options.nowMs()));
      if ('skip' in composed) return roster.finish(delivery, 'skipped', composed.skip);

      await pacing.take(workspaceOf(delivery));
      if (options.stopping()) return retryLater(delivery, options.nowMs(), 'shutdown', pacing);
      const marked = await roster.markSending(delivery, { nowMs: options.nowMs(), leaseMs: options.sendingLeaseMs, minGapMs: options.minGapMs });
      if (marked === 'lost') return; // lease lost
      // The partner heard from us moments ago (another stage, a manual send, an invitation): this one is
      // not sent. A skipped invitation can go out with a later one.
      if (marked === 'capped') return roster.finish(delivery, 'skipped', 'frequency-cap');
      const outcome = await messenger.send(target.key, composed.replies, { marker: markerOf(delivery), purpose: delivery.kind === 'invite' ? 'invite' : 'reminder' });
      if (outcome.status === 'sent') return roster.finish(delivery, 'sent', null);
      if (outcome.status === 'unreachable') {
        await roster.markUnreachable(target.partnerId, outcome.code);
        return roster.finish(delivery, 'failed', outcome.code);
      }
      return afterFailure(delivery, outcome, messenger, pacing);
    },

    /** Sends interrupted by a crash or a timeout: delivered (sent), not delivered (queued again), or unknown. */
    async confirmInterrupted(pacing: Pacing): Promise<void> {
      const { toConfirm } = await roster.recoverExpired(options.nowMs(), options.sendingLeaseMs);
      for (const delivery of toConfirm) {
        const messenger = options.messengers[delivery.target.key.channel];
        const since = delivery.sendingAtMs ?? options.nowMs() - options.sendingLeaseMs;
        const arrived = messenger?.confirm ? await messenger.confirm(delivery.target.key, markerOf(delivery), since) : null;
        if (arrived === true) await roster.finish(delivery, 'sent', 'confirmed');
        else if (arrived === false) await retryLater(delivery, options.nowMs(), 'not-delivered', pacing);
        else await roster.finish(delivery, 'unknown', 'interrupted');
        logger.info({ stageKey: delivery.stageKey, arrived }, 'interrupted reminder send checked');
      }
    },
  };
}

export type Deliverer = ReturnType<typeof createDeliverer>;
