import { describe, expect, it } from 'vitest';
import { DEFAULT_REMINDER_PLAN, dueStage, planProblems, stageTimes, type ReminderPlan } from '../../src/reminders/plan.js';
import { localParts, zonedHourToInstant } from '../../src/reminders/zoned-time.js';

// The deadline: Tuesday 2026-03-31 23:59:59 in New York (03:59:59 UTC on April 1).
const DEADLINE = new Date('2026-04-01T03:59:59Z');
const ZONES = ['America/Los_Angeles', 'Europe/Madrid', 'Asia/Tokyo'] as const;

const at = (iso: string) => new Date(iso);

describe('reminder plan: when each stage reaches a partner', () => {
  it('fires at 10:00 local time in three time zones, each on its own clock', () => {
    for (const zone of ZONES) {
      const times = stageTimes(DEFAULT_REMINDER_PLAN, DEADLINE, zone);
      expect(times.map((time) => time.daysBefore)).toEqual([14, 7, 2, 1, 0]);
      for (const time of times) {
        const local = localParts(time.at, zone);
        expect({ zone, hour: local.hour, minute: local.minute }).toEqual({ zone, hour: 10, minute: 0 });
      }
    }
    // The final-day stage: 10:00 on the deadline's local date in Los Angeles (Mar 31) and Tokyo (Apr 1).
    // In Madrid the deadline is 05:59 on April 1, so the last full day, March 31, gets it.
    const finals = ZONES.map((zone) => stageTimes(DEFAULT_REMINDER_PLAN, DEADLINE, zone).find((t) => t.daysBefore === 0)?.at.toISOString());
    expect(finals).toEqual(['2026-03-31T17:00:00.000Z', '2026-03-31T08:00:00.000Z', '2026-04-01T01:00:00.000Z']);
  });

  it('is due from its local hour on, not a minute before', () => {
    const zone = 'America/Los_Angeles';
    // 7 days before: 2026-03-24 10:00 in Los Angeles (PDT, UTC-7) = 17:00 UTC.
    expect(dueStage(DEFAULT_REMINDER_PLAN, DEADLINE, zone, at('2026-03-24T16:59:00Z'))?.daysBefore).toBe(14);
    expect(dueStage(DEFAULT_REMINDER_PLAN, DEADLINE, zone, at('2026-03-24T17:00:00Z'))?.daysBefore).toBe(7);
    expect(dueStage(DEFAULT_REMINDER_PLAN, DEADLINE, zone, at('2026-03-01T17:00:00Z'))).toBeNull(); // before the first stage
  });

  it('never sends in quiet hours: a catch-up at 23:00 local waits for 08:00', () => {
    const zone = 'Europe/Madrid';
    // 2 days before (2026-03-30 10:00 Madrid, CEST = 08:00 UTC); the bot was down and comes back at 23:00 Madrid.
    expect(dueStage(DEFAULT_REMINDER_PLAN, DEADLINE, zone, at('2026-03-30T21:00:00Z'))).toBeNull();
    // 07:59 the next morning: still quiet. 08:00: the 1-day stage is not due until 10:00, so the 2-day one goes out.
    expect(dueStage(DEFAULT_REMINDER_PLAN, DEADLINE, zone, at('2026-03-31T05:59:00Z'))).toBeNull();
    expect(dueStage(DEFAULT_REMINDER_PLAN, DEADLINE, zone, at('2026-03-31T06:00:00Z'))?.daysBefore).toBe(2);
  });

  it('after downtime sends only the latest missed stage, and nothing once the deadline has passed', () => {
    const zone = 'Asia/Tokyo';
    // Down from before the 7-day stage until after the 2-day one: only the 2-day stage is due.
    expect(dueStage(DEFAULT_REMINDER_PLAN, DEADLINE, zone, at('2026-03-30T03:00:00Z'))?.daysBefore).toBe(2);
    expect(dueStage(DEFAULT_REMINDER_PLAN, DEADLINE, zone, at('2026-04-01T03:59:58Z'))?.daysBefore).toBe(0);
    expect(dueStage(DEFAULT_REMINDER_PLAN, DEADLINE, zone, at('2026-04-01T04:00:00Z'))).toBeNull();
  });

  it('moves weekend stages to the Friday before when weekends are off, and never sends on a weekend', () => {
    const plan: ReminderPlan = { ...DEFAULT_REMINDER_PLAN, weekends: false };
    const zone = 'America/Los_Angeles';
    const times = stageTimes(plan, DEADLINE, zone);
    for (const time of times) expect([0, 6]).not.toContain(localParts(time.at, zone).weekday);
    // 2026-03-17 (14 days before) is a Tuesday: unchanged. 2 days before = Sunday 2026-03-29 → Friday 2026-03-27.
    expect(times.find((time) => time.daysBefore === 2)?.at.toISOString()).toBe('2026-03-27T17:00:00.000Z');
    // A catch-up on Saturday waits.
    expect(dueStage(plan, DEADLINE, zone, at('2026-03-28T18:00:00Z'))).toBeNull();
  });

  it('keeps the local hour across a daylight-saving change', () => {
    // Spring forward in New York on 2026-03-08: 10:00 local is 15:00 UTC before and 14:00 UTC after.
    expect(zonedHourToInstant({ year: 2026, month: 3, day: 7 }, 10, 'America/New_York').toISOString()).toBe('2026-03-07T15:00:00.000Z');
    expect(zonedHourToInstant({ year: 2026, month: 3, day: 9 }, 10, 'America/New_York').toISOString()).toBe('2026-03-09T14:00:00.000Z');
  });

  it('a final-day stage whose hour is after the deadline moves to the end of quiet hours, or to the day before', () => {
    const morningDeadline = new Date('2026-03-31T13:00:00Z'); // 09:00 in New York
    const times = stageTimes(DEFAULT_REMINDER_PLAN, morningDeadline, 'America/New_York');
    expect(times.at(-1)).toEqual({ daysBefore: 0, at: new Date('2026-03-31T12:00:00Z') }); // 08:00
    const earlyDeadline = new Date('2026-03-31T11:00:00Z'); // 07:00 in New York
    const early = stageTimes(DEFAULT_REMINDER_PLAN, earlyDeadline, 'America/New_York');
    expect(early.find((t) => t.daysBefore === 0)?.at.toISOString()).toBe('2026-03-30T14:00:00.000Z'); // 10:00 the day before
  });
});

describe('reminder plan: what staff are told about a plan that cannot work', () => {
  it('refuses a stage after the deadline, a repeated stage, and a sending hour in quiet hours', () => {
    expect(planProblems(DEFAULT_REMINDER_PLAN)).toEqual([]);
    expect(planProblems({ ...DEFAULT_REMINDER_PLAN, daysBefore: [7, -1] })).toEqual([
      'A stage 1 day(s) after the deadline would reach no one in time: use 0 (the final day) or more.',
    ]);
    expect(planProblems({ ...DEFAULT_REMINDER_PLAN, daysBefore: [7, 7] })).toEqual(['Each stage may appear once in "daysBefore".']);
    expect(planProblems({ ...DEFAULT_REMINDER_PLAN, localHour: 21 })).toEqual(['The sending hour 21:00 is inside the quiet hours (20:00–8:00).']);
  });
});
