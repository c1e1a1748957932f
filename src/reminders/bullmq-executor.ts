import { setTimeout as sleep } from 'node:timers/promises';
import { Queue, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { errorSummary } from '../errors.js';
import { repeatEvery } from './repeat.js';
import type { ClaimedDelivery } from '../roster/types.js';
import { createDeliverer, workspaceOf, type Pacing } from './delivery.js';
import { CLAIM_LEASE_MS, DEFAULT_MAX_ATTEMPTS, DEFAULT_SENDING_LEASE_MS, type ReminderExecutor, type ReminderExecutorOptions } from './executor.js';

/**
 * The delivery worker on BullMQ (when REDIS_URL is set): one queue per Slack workspace / Teams tenant,
 * each with BullMQ's limiter (one job every 1/rate seconds, +2%), delayed jobs for quiet hours and
 * retries, and a 429's Retry-After pausing that workspace's queue (`worker.rateLimit`).
 *
 * The database stays the system of record: a job only names an intent (stage key + partner), and the
 * job claims it in the database before anything is sent, so a job run twice (a re-feed, two instances,
 * a job retried by BullMQ after a crash) sends nothing twice. A feeder turns due intents into jobs every
 * poll, which also brings back anything Redis lost.
 */
interface JobData {
  stageKey: string;
  partnerId: string;
}

const FEED_LIMIT = 5_000;

function queueName(workspace: string): string {
  return `reminders-${workspace.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

/** Job ids: one per intent and due time, so feeding the same due intent twice adds one job. */
function jobId(stageKey: string, partnerId: string, dueAtMs: number): string {
  return Buffer.from(`${stageKey}|${partnerId}|${dueAtMs}`).toString('base64url');
}

export function createBullmqExecutor(options: ReminderExecutorOptions & { redisUrl: string; keyPrefix: string }): ReminderExecutor {
  const { roster, logger } = options;
  const prefix = `${options.keyPrefix}:bull`;
  const spacingMs = Math.max(1, Math.ceil((1000 / options.ratePerSecond) * 1.02));
  const connections: Redis[] = [];
  const connect = () => {
    const connection = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
    connection.on('error', (error: Error) => logger.warn({ err: errorSummary(error) }, 'reminder queue redis error'));
    connections.push(connection);
    return connection;
  };
  const queues = new Map<string, { queue: Queue<JobData>; worker: Worker<JobData> }>();
  let stopping = false;
  let repeating: { stop(): void } | null = null;
  const deliverer = createDeliverer({
    ...options,
    maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    sendingLeaseMs: options.sendingLeaseMs ?? DEFAULT_SENDING_LEASE_MS,
    stopping: () => stopping,
  });

  const pacingFor = (workspace: string): Pacing => ({
    take: async () => undefined, // BullMQ's limiter spaces the jobs
    pause: (_workspace, ms) => {
      void queues.get(workspace)?.worker.rateLimit(ms);
    },
    retryAt: async (delivery: ClaimedDelivery, atMs: number) => {
      await lane(workspaceOf(delivery)).queue.add(
        'deliver',
        { stageKey: delivery.stageKey, partnerId: delivery.target.partnerId },
        { jobId: jobId(delivery.stageKey, delivery.target.partnerId, atMs), delay: Math.max(0, atMs - options.nowMs()), removeOnComplete: true, removeOnFail: 1000 },
      );
    },
  });

  function lane(workspace: string): { queue: Queue<JobData>; worker: Worker<JobData> } {
    let found = queues.get(workspace);
    if (found) return found;
    const name = queueName(workspace);
    const queue = new Queue<JobData>(name, { connection: connect(), prefix });
    const worker = new Worker<JobData>(
      name,
      async (job: Job<JobData>) => {
        const delivery = await roster.claimOne(job.data.stageKey, job.data.partnerId, { nowMs: options.nowMs(), leaseMs: CLAIM_LEASE_MS });
        if (delivery) await deliverer.deliver(delivery, pacingFor(workspace));
      },
      { connection: connect(), prefix, concurrency: options.concurrency, limiter: { max: 1, duration: spacingMs } },
    );
    worker.on('failed', (_job, error) => logger.error({ err: errorSummary(error) }, 'reminder job failed; the intent is retried from the database'));
    found = { queue, worker };
    queues.set(workspace, found);
    return found;
  }

  async function feed(): Promise<number> {
    await deliverer.confirmInterrupted(pacingFor('recovery'));
    const due = await roster.dueDeliveries({ limit: FEED_LIMIT, nowMs: options.nowMs() });
    for (const item of due) {
      await lane(item.workspace).queue.add(
        'deliver',
        { stageKey: item.stageKey, partnerId: item.partnerId },
        { jobId: jobId(item.stageKey, item.partnerId, item.dueAtMs), removeOnComplete: true, removeOnFail: 1000 },
      );
    }
    return due.length;
  }

  async function idle(): Promise<boolean> {
    for (const { queue } of queues.values()) {
      const counts = await queue.getJobCounts('waiting', 'active', 'prioritized');
      if (Object.values(counts).some((n) => n > 0)) return false;
    }
    return true;
  }

  return {
    start() {
      stopping = false;
      repeating = repeatEvery(options.pollMs, feed, (error) => logger.error({ err: errorSummary(error) }, 'reminder queue feed failed; retrying'));
    },
    /** Feeds what is due and waits until the queues have run it (tests, and the wake after a send). */
    async drain() {
      let fed = 0;
      for (let round = 0; round < 1000; round += 1) {
        const added = await feed();
        fed += added;
        while (!(await idle())) await sleep(20);
        if (added === 0) break;
      }
      return fed;
    },
    async stop() {
      stopping = true;
      repeating?.stop();
      await Promise.all([...queues.values()].map(({ worker }) => worker.close()));
      await Promise.all([...queues.values()].map(({ queue }) => queue.close()));
      await Promise.all(connections.map((connection) => connection.quit().catch(() => connection.disconnect())));
    },
  };
}
