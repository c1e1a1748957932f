import { expect, it } from 'vitest';
import { runReminderLoad } from '../support/reminder-load.js';
import { describeWithService, serviceUrl } from '../support/services.js';

/**
 * Exactly once across a crash, scaled down from `npm run bench:reminders`: 300 Slack partners, a fake
 * Slack that allows 100 posts a second, the bot SIGKILLed in the middle of the send and started again.
 * Every partner gets the reminder, and no one gets it twice.
 */
await describeWithService('postgres', 'Reminders across a crash (Postgres, a real bot process)', () => {
  it('reaches 300 partners exactly once although the bot is killed mid-send', async () => {
    const result = await runReminderLoad({ partners: 300, limitPerSec: 100, postgresUrl: serviceUrl('postgres'), killAtShare: 0.2 + Math.random() * 0.6, sendLeaseMs: 2_000 });
    expect(result.killedAfterPosts).toBeGreaterThan(0);
    expect(result.killedAfterPosts).toBeLessThan(300);
    expect({ duplicates: result.duplicates, missed: result.missed }).toEqual({ duplicates: 0, missed: 0 });
    expect(result.progress).toMatchObject({ queued: 0, sent: 300, failed: 0, unknown: 0, done: true });
  }, 180_000);
});
