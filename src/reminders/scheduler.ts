import type { Logger } from 'pino';
import { errorSummary } from '../errors.js';
import { repeatEvery } from './repeat.js';
import type { RosterRepository } from '../roster/repository.js';
import { DEFAULT_REMINDER_PLAN, dueStage, stageKey, type ReminderPlan } from './plan.js';

/**
 * The plan's clock: every tick, for each time zone among the partners still to remind, the stage due
 * now there (plan.ts) becomes delivery intents. The intents' primary key makes a tick idempotent, so
 * ticks on several instances, or again after a restart, add nothing twice; the executor sends them.
 */
export interface ReminderSchedulerOptions {
  roster: RosterRepository;
  flowId: string;
  deadlineAt: Date;
  /** For partners whose time zone no platform told us: the docket's (the flow's) time zone. */
  defaultTimeZone: string;
  nowMs: () => number;
  tickMs: number;
  logger: Logger;
  /** Called after a tick queued intents (the executor drains at once instead of at its next poll). */
  onQueued?: () => void;
  /** The plan read at each tick (another instance may have changed it). */
  onPlan?: (plan: ReminderPlan) => void;
}

export interface ReminderScheduler {
  start(): void;
  tick(): Promise<number>;
  stop(): void;
}

export async function currentPlan(roster: RosterRepository): Promise<ReminderPlan> {
  return (await roster.getPlan()) ?? DEFAULT_REMINDER_PLAN;
}

export function createReminderScheduler(options: ReminderSchedulerOptions): ReminderScheduler {
  let repeating: { stop(): void } | null = null;

  async function tick(): Promise<number> {
    const now = new Date(options.nowMs());
    if (now.getTime() >= options.deadlineAt.getTime()) return 0;
    const plan = await currentPlan(options.roster);
    options.onPlan?.(plan);
    const byZone = new Map<string, string[]>();
    for (const candidate of await options.roster.reminderCandidates()) {
      const zone = candidate.timeZone ?? options.defaultTimeZone;
      const ids = byZone.get(zone) ?? [];
      ids.push(candidate.partnerId);
      byZone.set(zone, ids);
    }
    let queued = 0;
    for (const [zone, partnerIds] of byZone) {
      let due;
      try {
        due = dueStage(plan, options.deadlineAt, zone, now);
      } catch {
        // A time zone Intl does not know (a platform's odd value): fall back to the docket's.
        due = dueStage(plan, options.deadlineAt, options.defaultTimeZone, now);
      }
      if (!due) continue;
      const key = stageKey(options.flowId, due.daysBefore);
      const result = await options.roster.createSend({
        id: key,
        kind: 'plan',
        stageKey: key,
        audience: 'unfinished',
        message: null,
        createdBy: 'reminder plan',
        partnerIds,
        nowMs: now.getTime(),
      });
      queued += result.queued;
    }
    if (queued > 0) {
      options.logger.info({ queued }, 'reminder plan queued deliveries');
      options.onQueued?.();
    }
    return queued;
  }

  return {
    start() {
      repeating = repeatEvery(options.tickMs, tick, (error) => options.logger.error({ err: errorSummary(error) }, 'reminder plan tick failed; retrying at the next tick'));
    },
    tick,
    stop() {
      repeating?.stop();
      repeating = null;
    },
  };
}
