/**
 * Which deadline is in force.
 * - RFI_DEADLINE, when set, always wins.
 * - Otherwise the flow's own deadline.
 * - Trial mode: outside production, when the flow's deadline has already passed and no override is set,
 *   the deadline moves to 30 days after startup, so a newcomer's `npm start` can finish the flow
 *   (the RFI this bot ships with closed on 2022-03-15). Production never does this. The app stores the first
 *   trial deadline in its database (src/store/trial-deadline.ts), so a restart does not move it.
 */
export type DeadlineMode = 'override' | 'flow' | 'trial';

export const TRIAL_DEADLINE_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

export function resolveDeadline(options: {
  flowDeadline: string;
  override: Date | undefined;
  nodeEnv: 'development' | 'production' | 'test';
  now: Date;
}): { deadlineAt: Date; mode: DeadlineMode } {
  if (options.override) return { deadlineAt: options.override, mode: 'override' };
  const flowDeadline = new Date(options.flowDeadline);
  if (options.nodeEnv !== 'production' && flowDeadline.getTime() <= options.now.getTime()) {
    return { deadlineAt: new Date(options.now.getTime() + TRIAL_DEADLINE_DAYS * DAY_MS), mode: 'trial' };
  }
  return { deadlineAt: flowDeadline, mode: 'flow' };
}

/** Sessions live until 30 days after the deadline (drafts are kept after it), and at least one day. */
export function sessionTtlMs(deadlineAt: Date, now: Date): number {
  return Math.max(deadlineAt.getTime() + 30 * DAY_MS - now.getTime(), DAY_MS);
}

export const DEDUPE_TTL_MS = DAY_MS;
