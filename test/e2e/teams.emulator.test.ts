import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../support/app.js';
import { FakeConnector, TeamsPartner } from './teams-harness.js';

/** TEAMS_EMULATOR=1: local trials with the Bot Framework Emulator, no app id and no authentication. */
describe('Teams in emulator mode (no authentication, development only)', () => {
  let harness: Awaited<ReturnType<typeof startTestApp>>;
  const connector = new FakeConnector();
  beforeAll(async () => {
    await connector.start();
    harness = await startTestApp({ TEAMS_EMULATOR: '1' });
  });
  afterAll(async () => {
    await harness?.cleanup();
    await connector.stop();
  });

  it('answers unsigned activities and replies without a bearer token', async () => {
    const partner = new TeamsPartner(harness.app.url, null, connector);
    const intro = await partner.say(partner.activity({ type: 'message', text: 'hi', channelId: 'emulator' }));
    expect(intro.actions).toContain('agree');
    expect(connector.delivered(partner.conversationId)[0]?.authorization).toBeUndefined();
  });

  it('is off unless configured: /api/messages does not exist without Teams settings', async () => {
    const plain = await startTestApp();
    try {
      expect((await fetch(`${plain.app.url}/api/messages`, { method: 'POST', body: '{}' })).status).toBe(404);
      expect(plain.app.teams).toBeNull();
    } finally {
      await plain.cleanup();
    }
  });
});
