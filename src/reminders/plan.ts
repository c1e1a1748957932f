import { z } from 'zod';
import { calendarDaysBefore, localParts, zonedHourToInstant } from './zoned-time.js';

/**
 * The reminder plan: stages relative to the deadline, each sent at a local hour in the partner's own
 * time zone, never in quiet hours, weekends optional. Pure: every function takes `now`.
 *
 * Which stage a partner gets at `now` (`dueStage`): the LATEST stage whose time has come, so after
 * downtime a missed stage is sent only while the next one is not yet due, and never once the deadline
 * has passed. A catch-up that falls in the partner's quiet hours (or on a weekend, when weekends are
 * off) waits for the next allowed hour.
 */
export const reminderPlanSchema = z
  .object({
    /** Days before the deadline; 0 is the final day. */
    daysBefore: z
      .array(z.number().int('days before the deadline must be whole numbers'))
      .min(1, 'give at least one stage, e.g. "daysBefore": [14, 7, 2, 1, 0]')
      .max(20, 'at most 20 stages'),
    localHour: z.number().int().min(0).max(23),
    quietHours: z.object({ start: z.number().int().min(0).max(23), end: z.number().int().min(0).max(23) }),
    weekends: z.boolean(),
  })
  .strict();

export type ReminderPlan = z.infer<typeof reminderPlanSchema>;

export const DEFAULT_REMINDER_PLAN: ReminderPlan = {
  daysBefore: [14, 7, 2, 1, 0],
  localHour: 10,
  quietHours: { start: 20, end: 8 },
  weekends: true,
};

/** Problems a staff member can fix, one sentence each; empty when the plan is usable. */
export function planProblems(plan: ReminderPlan): string[] {
  const problems: string[] = [];
  for (const days of plan.daysBefore) {
    if (days < 0) problems.push(`A stage ${-days} day(s) after the deadline would reach no one in time: use 0 (the final day) or more.`);
  }
  if (new Set(plan.daysBefore).size !== plan.daysBefore.length) problems.push('Each stage may appear once in "daysBefore".');
  if (isQuietHour(plan.localHour, plan)) {
    problems.push(`The sending hour ${plan.localHour}:00 is inside the quiet hours (${plan.quietHours.start}:00–${plan.quietHours.end}:00).`);
  }
  return problems;
}

export function isQuietHour(hour: number, plan: ReminderPlan): boolean {
  const { start, end } = plan.quietHours;
  if (start === end) return false;
  return start < end ? hour >= start && hour < end : hour >= start || hour < end;
}

export function stageKey(flowId: string, daysBefore: number): string {
  return `plan:${flowId}:${daysBefore}d`;
}

export interface StageTime {
  daysBefore: number;
  at: Date;
}

/**
 * When each stage fires for a partner in `timeZone`, in time order. A stage on a weekend moves to the
 * Friday before when weekends are off; a final-day stage whose hour is after the deadline moves to the
 * end of the quiet hours that day, or when even that is too late to the sending hour the day before.
 */
export function stageTimes(plan: ReminderPlan, deadlineAt: Date, timeZone: string): StageTime[] {
  const deadlineDay = localParts(deadlineAt, timeZone);
  const times: StageTime[] = [];
  for (const days of plan.daysBefore) {
    let date = calendarDaysBefore(deadlineDay, days);
    if (!plan.weekends && (date.weekday === 0 || date.weekday === 6)) date = calendarDaysBefore(date, date.weekday === 0 ? 2 : 1);
    let at = zonedHourToInstant(date, plan.localHour, timeZone);
    if (at.getTime() >= deadlineAt.getTime()) {
      // The deadline falls early in this partner's day: the end of their quiet hours that day, or else
      // the sending hour the day before (their last full day).
      const early = zonedHourToInstant(date, plan.quietHours.end, timeZone);
      at = early.getTime() < deadlineAt.getTime() ? early : zonedHourToInstant(calendarDaysBefore(date, 1), plan.localHour, timeZone);
      if (at.getTime() >= deadlineAt.getTime()) continue;
    }
    times.push({ daysBefore: days, at });
  }
  return times.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** The stage to send to this partner now, or null (nothing due, quiet hours, weekend, deadline passed). */
export function dueStage(plan: ReminderPlan, deadlineAt: Date, timeZone: string, now: Date): StageTime | null {
  if (now.getTime() >= deadlineAt.getTime()) return null;
  const times = stageTimes(plan, deadlineAt, timeZone);
  let due: StageTime | null = null;
  for (const time of times) if (time.at.getTime() <= now.getTime()) due = time;
  if (!due) return null;
  const local = localParts(now, timeZone);
  if (isQuietHour(local.hour, plan)) return null;
  if (!plan.weekends && (local.weekday === 0 || local.weekday === 6)) return null;
  return due;
}

/** The next instant any stage fires in any of `timeZones` after `now` (for the scheduler's sleep), or null. */
export function nextStageAfter(plan: ReminderPlan, deadlineAt: Date, timeZones: Iterable<string>, now: Date): Date | null {
  let next: number | null = null;
  for (const zone of timeZones) {
    for (const time of stageTimes(plan, deadlineAt, zone)) {
      const ms = time.at.getTime();
      if (ms > now.getTime() && (next === null || ms < next)) next = ms;
    }
  }
  return next === null ? null : new Date(next);
}
