import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../support/app.js';

/** GET /metrics (prom-client): protected by METRICS_TOKEN, counting turns, duplicates and latency, never a person. */
const TOKEN = 'metrics-token-0123456789abcdef0123456789';
const ANSWER = 'Harbor Light answers about survivors, marker Egret-5512';

describe('GET /metrics', () => {
  let harness: Awaited<ReturnType<typeof startTestApp>>;
  let sessionId = '';
  beforeAll(async () => {
    harness = await startTestApp({ METRICS_TOKEN: TOKEN });
    const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${harness.app.url}/chat/api/sessions${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    sessionId = ((await (await post('', {})).json()) as { sessionId: string }).sessionId;
    await post(`/${sessionId}/messages`, { text: 'agree' }, { 'idempotency-key': 'metrics-key-0001' });
    await post(`/${sessionId}/messages`, { text: 'agree' }, { 'idempotency-key': 'metrics-key-0001' }); // a retry: deduplicated
    await post(`/${sessionId}/messages`, { text: ANSWER });
  });
  afterAll(async () => {
    await harness?.cleanup();
  });

  it('refuses callers without the token', async () => {
    expect((await fetch(`${harness.app.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${harness.app.url}/metrics`, { headers: { authorization: 'Bearer wrong-token-0123456789abcdef0123456789' } })).status).toBe(401);
  });

  it('counts turns by channel and outcome, duplicates and latency, with no partner text or ids', async () => {
    const response = await fetch(`${harness.app.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toMatch(/rfibot_turns_total\{channel="webchat",outcome="processed"\} 3/);
    expect(text).toMatch(/rfibot_turns_total\{channel="webchat",outcome="duplicate"\} 1/);
    expect(text).toMatch(/rfibot_dedupe_hits_total\{channel="webchat"\} 1/);
    expect(text).toMatch(/rfibot_turn_duration_seconds_count\{channel="webchat"\} 3/);
    expect(text).toContain('rfibot_reminder_sends_total');
    expect(text).toContain('rfibot_process_resident_memory_bytes'); // prom-client's process metrics
    expect(text).not.toContain(sessionId);
    expect(text).not.toContain('Egret-5512');
  });

  it('does not exist without METRICS_TOKEN', async () => {
    const plain = await startTestApp();
    try {
      expect((await fetch(`${plain.app.url}/metrics`)).status).toBe(404);
    } finally {
      await plain.cleanup();
    }
  });
});
