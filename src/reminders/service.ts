import { randomUUID } from 'node:crypto';
import type { Channel, Language } from '../core/types.js';
import { AppError } from '../errors.js';
import { reachOf, REACH_CHANNELS, UNREACHABLE_REASONS, type ReachChannel, type ReachContext, type UnreachableReason } from '../roster/reach.js';
import type { RosterRepository } from '../roster/repository.js';
import type { ReachRow } from '../roster/sql/reach.js';
import { AUDIENCES, type Audience, type PartnerProgress, type RosterProgress, type SendProgress } from '../roster/types.js';
import { planProblems, reminderPlanSchema, type ReminderPlan } from './plan.js';
import { currentPlan } from './scheduler.js';

/**
 * What staff can do about reminders, shared by the HTTP API, the roster page and `/rfi-admin` in chat:
 * preview a send (who it reaches, by channel; who it cannot, and why; the message), send one now to an
 * audience, invite partners, read and change the plan. Sends only record intents; the executor
 * delivers them (`onQueued` wakes it).
 *
 * A send reaches exactly the partners its preview counts as reachable at that moment (roster/reach.ts);
 * the frequency cap is judged again at the moment of sending (another send may have gone out since).
 * `id` is the caller's one-time token: a second request with the same id adds nothing (`duplicate`).
 */
export interface SendPreview {
  kind: 'reminder' | 'invite';
  audience: Audience | 'invite';
  /** Partners the send is about (the audience, minus those invited already for an invitation). */
  total: number;
  reachable: number;
  reach: Record<ReachChannel, number>;
  cannotReach: Record<UnreachableReason, number>;
  /** Invitations only: partners who were sent one already (one per partner, ever). */
  alreadyInvited: number;
  minGapHours: number;
  overrideCap: boolean;
  message: { language: Language; text: string; actions: string[] };
}

export interface SendResult {
  id: string;
  queued: number;
  /** This id was used before: nothing was sent again. */
  duplicate: boolean;
}

export interface ReminderService {
  preview(request: { kind: 'reminder' | 'invite'; audience?: unknown; message?: unknown; overrideCap?: boolean; language: Language }): Promise<SendPreview>;
  sendNow(request: { audience: unknown; message?: unknown; by: string; overrideCap?: boolean; id?: string }): Promise<SendResult>;
  invite(request: { partnerIds: readonly string[] | 'all'; message?: unknown; by: string; id?: string }): Promise<SendResult>;
  progress(id: string): Promise<SendProgress | null>;
  plan(): Promise<ReminderPlan>;
  setPlan(input: unknown, by: string): Promise<ReminderPlan>;
  summary(): Promise<{ progress: RosterProgress; sends: SendProgress[] }>;
  /** The channels this deployment can send on, and the frequency cap (for the roster page). */
  readonly channels: ReadonlySet<Channel>;
  readonly minGapMs: number;
}

export const MAX_STAFF_MESSAGE_CHARS = 1_000;

const AUDIENCE_PROGRESS: Record<Audience | 'invite', PartnerProgress[]> = {
  'not-started': ['invited'],
  'in-progress': ['started'],
  unfinished: ['invited', 'started'],
  invite: ['invited'],
};

/** One-time tokens and send ids: what randomUUID makes (the page puts one in each form). */
const SEND_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function isAudience(value: unknown): value is Audience {
  return typeof value === 'string' && (AUDIENCES as readonly string[]).includes(value);
}

function checkedAudience(value: unknown): Audience {
  if (!isAudience(value)) throw new AppError('INVALID_PARAMETERS', `audience must be one of ${AUDIENCES.join(', ')}`);
  return value;
}

function staffMessage(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || value.trim().length === 0 || value.length > MAX_STAFF_MESSAGE_CHARS) {
    throw new AppError('INVALID_PARAMETERS', `message must be text of 1 to ${MAX_STAFF_MESSAGE_CHARS} characters`);
  }
  return value.trim();
}

function sendId(value: string | undefined): string {
  if (value === undefined) return randomUUID();
  if (!SEND_ID.test(value)) throw new AppError('INVALID_PARAMETERS', 'id must be a UUID (the one-time token of the form)');
  return value;
}

export function createReminderService(deps: {
  roster: RosterRepository;
  deadlineAt: Date;
  nowMs: () => number;
  onQueued: () => void;
  /** Channels with a messenger (Slack, Teams, email for web chat). */
  channels: ReadonlySet<Channel>;
  minGapMs: number;
  describe(kind: 'invite' | 'reminder', message: string | null, language: Language): { text: string; actions: string[] };
}): ReminderService {
  const { roster } = deps;

  function notClosed(): void {
    if (deps.nowMs() >= deps.deadlineAt.getTime()) throw new AppError('INVALID_PARAMETERS', 'The deadline has passed: no reminders can be sent');
  }

  /** The audience's partners, each with how they are reached (or why not), as of now. */
  async function classify(audience: Audience | 'invite', overrideCap: boolean) {
    const context: ReachContext = { channels: deps.channels, nowMs: deps.nowMs(), minGapMs: deps.minGapMs, overrideCap, purpose: audience === 'invite' ? 'invite' : 'reminder' };
    const rows = await roster.reachRows(AUDIENCE_PROGRESS[audience]);
    const alreadyInvited = audience === 'invite' ? rows.filter((row) => row.invited).length : 0;
    const considered = audience === 'invite' ? rows.filter((row) => !row.invited) : rows;
    return { alreadyInvited, partners: considered.map((row: ReachRow) => ({ id: row.id, reach: reachOf(row, context) })) };
  }

  async function reachableIds(audience: Audience | 'invite', overrideCap: boolean): Promise<string[]> {
    const { partners } = await classify(audience, overrideCap);
    return partners.filter((partner) => 'channel' in partner.reach).map((partner) => partner.id);
  }

  return {
    channels: deps.channels,
    minGapMs: deps.minGapMs,
    async preview(request) {
      const audience = request.kind === 'invite' ? 'invite' : checkedAudience(request.audience);
      const message = staffMessage(request.message);
      notClosed();
      const overrideCap = request.kind === 'reminder' && request.overrideCap === true;
      const { alreadyInvited, partners } = await classify(audience, overrideCap);
      const reach = Object.fromEntries(REACH_CHANNELS.map((channel) => [channel, 0])) as Record<ReachChannel, number>;
      const cannotReach = Object.fromEntries(UNREACHABLE_REASONS.map((reason) => [reason, 0])) as Record<UnreachableReason, number>;
      for (const { reach: how } of partners) {
        if ('channel' in how) reach[how.channel] += 1;
        else cannotReach[how.reason] += 1;
      }
      return {
        kind: request.kind,
        audience,
        total: partners.length,
        reachable: REACH_CHANNELS.reduce((sum, channel) => sum + reach[channel], 0),
        reach,
        cannotReach,
        alreadyInvited,
        minGapHours: deps.minGapMs / 3_600_000,
        overrideCap,
        message: { language: request.language, ...deps.describe(request.kind, message, request.language) },
      };
    },
    async sendNow(request) {
      const audience = checkedAudience(request.audience);
      const message = staffMessage(request.message);
      const id = sendId(request.id);
      notClosed();
      const overrideCap = request.overrideCap === true;
      const partnerIds = await reachableIds(audience, overrideCap);
      const result = await roster.createSend({ id, kind: 'manual', stageKey: `manual:${id}`, audience, message, createdBy: request.by, partnerIds, nowMs: deps.nowMs(), overrideCap });
      if (result.queued > 0) deps.onQueued();
      return { id, ...result };
    },
    async invite(request) {
      const message = staffMessage(request.message);
      const id = sendId(request.id);
      notClosed();
      const invitable = await reachableIds('invite', false);
      const wanted = request.partnerIds === 'all' ? null : new Set(request.partnerIds);
      const partnerIds = wanted ? invitable.filter((partnerId) => wanted.has(partnerId)) : invitable;
      // One invitation per partner, ever: the stage key is the same for every invitation send.
      const result = await roster.createSend({ id, kind: 'invite', stageKey: 'invite', audience: 'invited', message, createdBy: request.by, partnerIds, nowMs: deps.nowMs() });
      if (result.queued > 0) deps.onQueued();
      return { id, ...result };
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
