import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../support/app.js';
import { ANSWERS, answerWholeRfi } from './webchat-flow.js';

/** Answer text, organization names, contact details and tokens must never reach a log line. */
describe('logs of a full conversation', () => {
  let harness: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    harness = await startTestApp({ LOG_LEVEL: 'trace' });
  });
  afterAll(async () => {
    await harness?.cleanup();
  });

  it('contain no answer text, email, organization or session id', async () => {
    const { receipt, client } = await answerWholeRfi(harness.app);
    // Failed and odd requests log too: make sure they are as careful.
    await fetch(`${harness.app.url}/chat/api/sessions/${client.sessionId}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `{"text": "${ANSWERS.q5} unterminated`,
    });
    await fetch(`${harness.app.url}/chat/api/sessions/${client.sessionId}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: `${ANSWERS.email} after submit` }),
    });

    const logText = harness.logs.text;
    expect(harness.logs.lines.length).toBeGreaterThan(10);
    // Every line is JSON (pino).
    for (const line of harness.logs.lines) expect(() => JSON.parse(line)).not.toThrow();
    const secrets = [
      ANSWERS.q1a,
      ANSWERS.q1b,
      ANSWERS.q3,
      ANSWERS.q5,
      ANSWERS.email,
      ANSWERS.organization,
      client.sessionId,
      // Distinctive fragments, in case a log line truncates or splits the text.
      'Lantern-7731',
      'Heron-4410',
      'Juniper-2290',
      'Osprey-8812',
      'partner.contact',
      'Harbor Light',
    ];
    for (const secret of secrets) expect(logText, `log contains "${secret.slice(0, 20)}…"`).not.toContain(secret);
    // The receipt is not secret, but the turn outcomes must be there: the logs are useful, not empty.
    expect(logText).toContain('turn processed');
    expect(logText).toContain('submission stored');
    expect(receipt).toBeTruthy();
  });
});
