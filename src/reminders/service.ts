import { randomUUID } from 'node:crypto';
import { AppError } from '../errors.js';
import type { RosterRepository } from '../roster/repository.js';
import { AUDIENCES, type Audience, type RosterProgress, type SendProgress } from '../roster/types.js';
import { planProblems, reminderPlanSchema, type ReminderPlan } from './plan.js';
import { currentPlan } from './scheduler.js';

/**
 * What staff can do about reminders, shared by the HTTP API and `/rfi-admin` in chat: send one now to
 * an audience, invite partners, read and change the plan. Sends only record intents; the executor
 * delivers them (`onQueued` wakes it).
 */
export interface ReminderService {
  sendNow(request: { audience: unknown; message?: unknown; by: string }): Promise<{ id: string; queued: number }>;
  invite(request: { partnerIds: readonly string[] | 'all'; message?: unknown; by: string }): Promise<{ id: string; queued: number }>;
  progress(id: string): Promise<SendProgress | null>;
  plan(): Promise<ReminderPlan>;
  setPlan(input: unknown, by: string): Promise<ReminderPlan>;
  summary(): Promise<{ progress: RosterProgress; sends: SendProgress[] }>;
}

export const MAX_STAFF_MESSAGE_CHARS = 1_000;

function isAudience(value: unknown): value is Audience {
  return typeof value === 'string' && (AUDIENCES as readonly string[]).includes(value);
}

function staffMessage(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || value.trim().length === 0 || value.length > MAX_STAFF_MESSAGE_CHARS) {
    throw new AppError('INVALID_PARAMETERS', `message must be text of 1 to ${MAX_STAFF_MESSAGE_CHARS} characters`);
  }
  return value.trim();
}

export function createReminderService(deps: {
  roster: RosterRepository;
  deadlineAt: Date;
  nowMs: () => number;
  onQueued: () => void;
}): ReminderService {
  const { roster } = deps;
  return {
    async sendNow(request) {
      if (!isAudience(request.audience)) {
        throw new AppError('INVALID_PARAMETERS', `audience must be one of ${AUDIENCES.join(', ')}`);
      }
      const message = staffMessage(request.message);
      if (deps.nowMs() >= deps.deadlineAt.getTime()) throw new AppError('INVALID_PARAMETERS', 'The deadline has passed: no reminders can be sent');
      const id = randomUUID();
      const partnerIds = await roster.audienceIds(request.audience);
      const { queued } = await roster.createSend({ id, kind: 'manual', stageKey: `manual:${id}`, audience: request.audience, message, createdBy: request.by, partnerIds, nowMs: deps.nowMs() });
      deps.onQueued();
      return { id, queued };
    },
    async invite(request) {
      const message = staffMessage(request.message);
      const invitable = new Set(await roster.audienceIds('invite'));
      const partnerIds = request.partnerIds === 'all' ? [...invitable] : request.partnerIds.filter((id) => invitable.has(id));
      const id = randomUUID();
      // One invitation per partner, ever: the stage key is the same for every invite send.
      const { queued } = await roster.createSend({ id, kind: 'invite', stageKey: 'invite', audience: 'invited', message, createdBy: request.by, partnerIds, nowMs: deps.nowMs() });
      deps.onQueued();
      return { id, queued };
    },
    progress: (id) => roster.sendProgress(id),
    plan: () => currentPlan(roster),
    async setPlan(input, by) {
      const parsed = reminderPlanSchema.safeParse(input);
      if (!parsed.success) {
        throw new AppError('INVALID_PARAMETERS', parsed.error.issues.map((issue) => `${issue.path.join('.') || 'plan'}: ${issue.message}`).join('; '));
      }
      const problems = planProblems(parsed.data);
      if (problems.length > 0) throw new AppError('INVALID_PARAMETERS', problems.join(' '));
      await roster.savePlan(parsed.data, by);
      return parsed.data;
    },
    async summary() {
      const [progress, sends] = await Promise.all([roster.progress(), roster.listSends(20)]);
      return { progress, sends };
    },
  };
}
