import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlackApp } from '../fixtures/slack/harness.js';
import { startTestApp } from '../support/app.js';
import { api, tokenFor } from './moderation-support.js';

/**
 * An invitation skipped because its channel was not configured is sent once the channel is: the bot
 * first runs without Slack, then again on the same data directory with Slack set up. "One invitation
 * per partner, ever" counts invitations that were sent.
 */
describe('Invitations skipped while a channel was not configured', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'rfibot-invite-later-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  interface Preview {
    reachable: number;
    alreadyInvited: number;
    cannotReach: Record<string, number>;
  }

  it('are counted as "channel not set up" in the preview, and sent, once, after Slack is configured', async () => {
    const first = await startTestApp({ DATA_DIR: dataDir });
    try {
      const token = (await tokenFor(first.app, 'staff')).token;
      const csv = await fetch(`${first.app.url}/api/roster/import`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
        body: 'platform,team_id,user_id,name\nslack,T0001,ULATER001,Lee\n',
      });
      expect(((await csv.json()) as { imported: number }).imported).toBe(1);
      const preview = (await (await api(first.app, token).post('/api/reminders/preview', { kind: 'invite' })).json()) as Preview;
      expect(preview).toMatchObject({ reachable: 0, cannotReach: { channelNotConfigured: 1 } });
      expect(((await (await api(first.app, token).post('/api/roster/invite', { all: true })).json()) as { queued: number }).queued).toBe(0);
      // An invitation queued anyway (as older versions did, or a script through the repository) is
      // skipped by the worker: there is no Slack to send it with.
      const [partner] = await first.app.database.roster.listPartners({ limit: 1, offset: 0 });
      const sendId = randomUUID();
      await first.app.database.roster.createSend({ id: sendId, kind: 'invite', stageKey: 'invite', audience: 'invited', message: null, createdBy: 'test', partnerIds: [partner!.id], nowMs: Date.now() });
      await first.app.staff.executor.drain();
      expect(await api(first.app, token).json(`/api/reminders/${sendId}`)).toMatchObject({ sent: 0, skipped: 1 });
    } finally {
      await first.cleanup();
    }

    const second = await startSlackApp({ env: { DATA_DIR: dataDir, REMINDER_RATE_PER_SECOND: '50' } });
    try {
      const token = (await tokenFor(second.app, 'staff')).token;
      const staff = api(second.app, token);
      const preview = (await (await staff.post('/api/reminders/preview', { kind: 'invite' })).json()) as Preview;
      expect(preview).toMatchObject({ reachable: 1, alreadyInvited: 0 });
      const { id, queued } = (await (await staff.post('/api/roster/invite', { all: true })).json()) as { id: string; queued: number };
      expect(queued).toBe(1);
      await second.app.staff.executor.drain();
      expect(await staff.json(`/api/reminders/${id}`)).toMatchObject({ sent: 1, done: true });
      expect(second.slackApi.posts().filter((post) => post.channel === 'DULATER001')).toHaveLength(1);
      // Sent now: the next invitation reaches no one again.
      expect(((await (await staff.post('/api/roster/invite', { all: true })).json()) as { queued: number }).queued).toBe(0);
      expect(((await (await staff.post('/api/reminders/preview', { kind: 'invite' })).json()) as Preview).alreadyInvited).toBe(1);
      const [partner] = await second.app.database.roster.listPartners({ limit: 1, offset: 0 });
      expect(partner?.invitedAt).not.toBeNull();
    } finally {
      await second.cleanup();
    }
  }, 120_000);
});
