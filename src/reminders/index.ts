import type { Logger } from 'pino';
import { noMetrics, type Clock, type Metrics, type OutboundMessenger } from '../core/ports.js';
import type { Channel } from '../core/types.js';
import type { Dispatcher } from '../dispatcher/dispatcher.js';
import type { RosterRepository } from '../roster/repository.js';
import { createMessagePreview, createReminderComposer } from './compose.js';
import { createBullmqExecutor } from './bullmq-executor.js';
import { createReminderExecutor, type ReminderExecutor, type ReminderExecutorOptions } from './executor.js';
import { DEFAULT_REMINDER_PLAN, isQuietHour, type ReminderPlan } from './plan.js';
import { createReminderScheduler, type ReminderScheduler } from './scheduler.js';
import { createReminderService, type ReminderService } from './service.js';
import { isTimeZone, localParts, zonedHourToInstant } from './zoned-time.js';

/**
 * The staff side, assembled: the reminder service (used by the roster API, the staff pages and
 * /rfi-admin), the plan scheduler and the delivery worker. `start` after the server listens; `stop`
 * finishes the sends in flight.
 */
export interface StaffSide {
  service: ReminderService;
  executor: ReminderExecutor;
  scheduler: ReminderScheduler;
  start(): void;
  stop(): Promise<void>;
}

export interface StaffSideOptions {
  roster: RosterRepository;
  dispatcher: Dispatcher;
  messengers: Partial<Record<Channel, OutboundMessenger>>;
  flowId: string;
  flowTimeZone: string;
  deadlineAt: Date;
  clock: Clock;
  logger: Logger;
  enabled: boolean;
  ratePerSecond: number;
  tickMs: number;
  /** How long a send may be under way before it counts as interrupted (then confirmed with the platform). */
  sendLeaseMs: number;
  /** REMINDER_MIN_GAP_HOURS in ms: no partner gets two messages closer than this (0 = no cap). */
  minGapMs: number;
  pollMs?: number;
  /** REDIS_URL: deliver through BullMQ on Redis; unset: the in-process worker over the same records. */
  queue?: { redisUrl: string; keyPrefix: string };
  metrics?: Metrics;
}

export function createStaffSide(options: StaffSideOptions): StaffSide {
  const nowMs = () => options.clock.now().getTime();
  const zoneOf = (timeZone: string | null) => (timeZone && isTimeZone(timeZone) ? timeZone : options.flowTimeZone);
  let planCache = DEFAULT_REMINDER_PLAN;
  const metrics = options.metrics ?? noMetrics;
  // Every recorded outcome of a send is counted (GET /metrics), whichever worker recorded it.
  const countedRoster: RosterRepository = {
    ...options.roster,
    finish: (delivery, status, code) => {
      metrics.reminderSend(status);
      return options.roster.finish(delivery, status, code);
    },
  };
  const executorOptions: ReminderExecutorOptions = {
    roster: countedRoster,
    messengers: options.messengers,
    compose: createReminderComposer({ dispatcher: options.dispatcher, deadlineAt: options.deadlineAt, timeZone: options.flowTimeZone }),
    async heldUntil(delivery, now) {
      // Never in the partner's quiet hours: wait for the end of them, in their own time zone. The plan is
      // read from the database (one read shared by the sends waiting for it): staff may have changed it
      // on another instance a moment ago.
      const planCache = await currentPlan();
      const zone = zoneOf(delivery.target.timeZone);
      const local = localParts(now, zone);
      if (!isQuietHour(local.hour, planCache)) return null;
      const endToday = zonedHourToInstant(local, planCache.quietHours.end, zone);
      return endToday.getTime() > now.getTime() ? endToday : new Date(endToday.getTime() + 24 * 60 * 60 * 1000);
    },
    nowMs,
    logger: options.logger,
    ratePerSecond: options.ratePerSecond,
    concurrency: 16,
    sendingLeaseMs: options.sendLeaseMs,
    minGapMs: options.minGapMs,
    pollMs: options.pollMs ?? 2_000,
  };
  const executor = options.queue ? createBullmqExecutor({ ...executorOptions, ...options.queue }) : createReminderExecutor(executorOptions);
  const wake = () => {
    if (options.enabled) void executor.drain().catch(() => undefined);
  };
  const scheduler = createReminderScheduler({
    roster: options.roster,
    flowId: options.flowId,
    deadlineAt: options.deadlineAt,
    defaultTimeZone: options.flowTimeZone,
    nowMs,
    tickMs: options.tickMs,
    logger: options.logger,
    onQueued: wake,
    onPlan: (plan) => {
      planCache = plan;
    },
  });
  const baseService = createReminderService({
    roster: options.roster,
    deadlineAt: options.deadlineAt,
    nowMs,
    onQueued: wake,
    channels: new Set(Object.keys(options.messengers) as Channel[]),
    minGapMs: options.minGapMs,
    describe: createMessagePreview({ dispatcher: options.dispatcher, deadlineAt: options.deadlineAt, timeZone: options.flowTimeZone }),
  });
  const service: ReminderService = {
    ...baseService,
    async setPlan(input, by) {
      const plan = await baseService.setPlan(input, by);
      planCache = plan;
      return plan;
    },
  };
  const refreshPlan = async () => {
    planCache = await service.plan();
  };
  let planRead: Promise<ReminderPlan> | null = null;
  // The stored plan; the last one known when the database cannot be read (the send itself will say more).
  function currentPlan(): Promise<ReminderPlan> {
    planRead ??= service
      .plan()
      .then(
        (plan) => {
          planCache = plan;
          return plan;
        },
        () => planCache,
      )
      .finally(() => {
        planRead = null;
      });
    return planRead;
  }

  return {
    service,
    executor,
    scheduler,
    start() {
      if (!options.enabled) return;
      void refreshPlan().catch(() => undefined);
      executor.start();
      scheduler.start();
    },
    async stop() {
      scheduler.stop();
      await executor.stop();
    },
  };
}
