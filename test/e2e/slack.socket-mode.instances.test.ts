import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { dmEvent, TEAM } from '../fixtures/slack/payloads.js';
import { startSlackApp } from '../fixtures/slack/harness.js';
import { schemaTracker } from '../support/pg-schemas.js';
import { describeWithService, serviceAvailable, serviceUrl } from '../support/services.js';

/**
 * A fake Slack Socket Mode endpoint on 127.0.0.1 that, like Slack, accepts several connections for one app
 * (one per bot instance: apps.connections.open hands each a URL with its own ticket) and pushes each
 * envelope to ONE connection of the test's choosing. Everything a bot sends back (its acks) is recorded
 * with the connection it came on.
 */
class FakeSocketModeServer {
  private wss: WebSocketServer | null = null;
  private readonly sockets = new Map<string, WebSocket>();
  /** Every connection opened, by ticket, in order (a reconnect adds another). */
  readonly opened: string[] = [];
  readonly acks: Array<{ ticket: string; envelope_id: string; payload?: unknown }> = [];
  private port = 0;

  async start(): Promise<void> {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    this.wss = wss;
    await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
    this.port = (wss.address() as AddressInfo).port;
    wss.on('connection', (socket: WebSocket, request: IncomingMessage) => {
      const ticket = new URL(request.url ?? '/', 'ws://127.0.0.1').searchParams.get('ticket') ?? 'unknown';
      this.sockets.set(ticket, socket);
      this.opened.push(ticket);
      socket.on('message', (data) => {
        const message = JSON.parse(String(data)) as { envelope_id: string; payload?: unknown };
        this.acks.push({ ticket, envelope_id: message.envelope_id, payload: message.payload });
      });
      socket.on('close', () => {
        if (this.sockets.get(ticket) === socket) this.sockets.delete(ticket);
      });
      socket.send(JSON.stringify({ type: 'hello', num_connections: this.sockets.size, connection_info: { app_id: 'A0001' }, debug_info: { host: 'local' } }));
    });
  }

  /** What apps.connections.open returns to the instance named `ticket`. */
  urlFor(ticket: string): string {
    return `ws://127.0.0.1:${this.port}/link/?ticket=${ticket}&app_id=A0001`;
  }

  isConnected(ticket: string): boolean {
    return this.sockets.get(ticket)?.readyState === 1;
  }

  /** Pushes an events_api envelope to the one connection `ticket`. */
  deliver(ticket: string, envelopeId: string, payload: Record<string, unknown>, retry: { attempt: number; reason: string } = { attempt: 0, reason: '' }): void {
    const socket = this.sockets.get(ticket);
    if (!socket) throw new Error(`no open Socket Mode connection for ${ticket}`);
    socket.send(JSON.stringify({ envelope_id: envelopeId, type: 'events_api', accepts_response_payload: false, retry_attempt: retry.attempt, retry_reason: retry.reason, payload }));
  }

  ackedOn(envelopeId: string): string[] {
    return this.acks.filter((ack) => ack.envelope_id === envelopeId).map((ack) => ack.ticket);
  }

  /** Closes one connection from Slack's side (a dropped link), without a `disconnect` message first. */
  drop(ticket: string): void {
    this.sockets.get(ticket)?.terminate();
    this.sockets.delete(ticket);
  }

  async stop(): Promise<void> {
    const wss = this.wss;
    if (!wss) return;
    for (const socket of wss.clients) socket.terminate();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
    this.wss = null;
  }
}

type Harness = Awaited<ReturnType<typeof startSlackApp>>;
type Ticket = 'A' | 'B';

// Needs both services: the first one missing decides whether the suite fails (REQUIRE_SERVICES=1) or skips.
const missingFirst = (await serviceAvailable('redis')) ? 'postgres' : 'redis';

/**
 * Two real bot instances in Socket Mode, as when the bot is scaled out: each opens its own Socket Mode
 * connection and Slack pushes every envelope to just one of them (and, when an ack was late, pushes it
 * again — a new envelope, retry_attempt > 0 — possibly to the other). Sessions are in one Redis (same key
 * prefix), the comment store is one Postgres schema. What the partner sees must not depend on which
 * instance got which message.
 */
await describeWithService(missingFirst, 'Slack Socket Mode with two bot instances (shared Redis sessions, shared Postgres comment store)', () => {
  const socketServer = new FakeSocketModeServer();
  const schemas = schemaTracker(serviceUrl('postgres'));
  const instances = {} as Record<Ticket, Harness>;
  let envelopes = 0;
  const nextEnvelopeId = () => `env-${(envelopes += 1)}-${randomBytes(3).toString('hex')}`;
  const other = (ticket: Ticket): Ticket => (ticket === 'A' ? 'B' : 'A');
  const totalPosts = () => instances.A.slackApi.posts().length + instances.B.slackApi.posts().length;
  const newPartner = (tag: string) => `U${tag}${randomBytes(3).toString('hex').toUpperCase()}`;
  const keyOf = (user: string) => ({ channel: 'slack' as const, tenantId: TEAM, userId: user });
  const settleBoth = async () => {
    await instances.A.client.settle();
    await instances.B.client.settle();
  };
  const waitUntil = (predicate: () => boolean, timeoutMs?: number) => instances.A.slackApi.waitFor(predicate, timeoutMs);

  /**
   * The partner sends `text`; Slack pushes it to the connection `ticket` only. Returns what the partner
   * then sees in the DM, after checking that the envelope was acked on that connection, that the reply
   * came from that instance, and that the other instance posted nothing.
   */
  async function say(ticket: Ticket, user: string, text: string): Promise<string> {
    const target = instances[ticket];
    const before = { [ticket]: target.slackApi.posts().length, [other(ticket)]: instances[other(ticket)].slackApi.posts().length } as Record<Ticket, number>;
    const envelopeId = nextEnvelopeId();
    socketServer.deliver(ticket, envelopeId, dmEvent(user, text));
    await target.slackApi.waitFor(() => target.slackApi.posts().length > before[ticket]);
    await settleBoth();
    expect(socketServer.ackedOn(envelopeId)).toEqual([ticket]);
    expect(instances[other(ticket)].slackApi.posts().length).toBe(before[other(ticket)]);
    const replies = target.slackApi.posts().slice(before[ticket]);
    for (const reply of replies) expect(reply.channel).toBe(`D${user}`);
    return replies.map((reply) => reply.text).join('\n');
  }

  beforeAll(async () => {
    await socketServer.start();
    const env = {
      SLACK_APP_TOKEN: 'xapp-1-A0001-test-token',
      REDIS_URL: serviceUrl('redis'),
      REDIS_KEY_PREFIX: `e2esock${randomBytes(4).toString('hex')}`,
      DATABASE_URL: serviceUrl('postgres'),
      DATABASE_SCHEMA: schemas.newSchema(),
    };
    instances.A = await startSlackApp({ env, socketUrl: socketServer.urlFor('A') });
    instances.B = await startSlackApp({ env, socketUrl: socketServer.urlFor('B') });
  });
  afterAll(async () => {
    await instances.A?.cleanup();
    await instances.B?.cleanup();
    await socketServer.stop();
    await schemas.dropAll();
  });

  it('both instances connect; a conversation whose turns alternate between them goes question by question and is submitted once', async () => {
    for (const ticket of ['A', 'B'] as const) {
      expect(instances[ticket].app.slack?.mode).toBe('socket');
      expect(instances[ticket].slackApi.callsTo('apps.connections.open')[0]?.token).toBe('xapp-1-A0001-test-token');
      expect(socketServer.isConnected(ticket)).toBe(true);
    }
    expect([...socketServer.opened].sort()).toEqual(['A', 'B']);

    const user = newPartner('ALT');
    // Message 1 goes to A, message 2 to B, and so on: each reply is the step that follows the previous one.
    const steps: Array<[string, RegExp]> = [
      ['hello', /public record[\s\S]*type agree/],
      ['agree', /What is the name of your organization\?/],
      ['Harbor Light Survivor Network', /Organization: Harbor Light Survivor Network[\s\S]*Which of these best describes you\?/],
      ['1', /answering as: Survivor-led organization[\s\S]*type your email address/],
      ['partner.contact@example.org', /Your email is saved privately[\s\S]*Question 1 of 5/],
      ['Survivors of color get fewer services.', /Your answer to question 1 is now 38 characters long/],
      ['next', /^Question 2 of 5/],
      ['skip', /Question 2 skipped[\s\S]*Question 3 of 5/],
      ['Fund survivor-led groups.', /Your answer to question 3 is now 25 characters long/],
      ['next', /^Question 4 of 5/],
      ['skip', /Question 4 skipped[\s\S]*Question 5 of 5/],
      ['Pay community researchers.', /Your answer to question 5 is now 26 characters long/],
      ['review', /Please review your comment[\s\S]*From: Harbor Light Survivor Network \(Survivor-led organization\)[\s\S]*Survivors of color get fewer services\.[\s\S]*Fund survivor-led groups\.[\s\S]*Pay community researchers\.[\s\S]*To send it, press Send my comment or type send/],
      ['submit', /Received\. [\s\S]*Your receipt number is RFI-/],
    ];
    let lastReply = '';
    for (const [index, [text, expected]] of steps.entries()) {
      lastReply = await say(index % 2 === 0 ? 'A' : 'B', user, text);
      expect(lastReply, `reply to message ${index + 1} (${JSON.stringify(text)})`).toMatch(expected);
    }
    // Both instances did answer: half of the replies each.
    expect(instances.A.slackApi.posts().filter((post) => post.channel === `D${user}`).length).toBeGreaterThanOrEqual(steps.length / 2);
    expect(instances.B.slackApi.posts().filter((post) => post.channel === `D${user}`).length).toBeGreaterThanOrEqual(steps.length / 2);

    // The comment is in the shared store once, whichever instance is asked.
    const receipt = /RFI-[0-9A-Z-]+/.exec(lastReply)?.[0] ?? '';
    for (const ticket of ['A', 'B'] as const) {
      const stored = await instances[ticket].app.commentStore.getByReceipt(receipt);
      expect(stored?.channel).toBe('slack');
      expect(stored?.organization).toBe('Harbor Light Survivor Network');
      expect(stored?.answers.map((answer) => answer.answer)).toEqual(['Survivors of color get fewer services.', null, 'Fund survivor-led groups.', null, 'Pay community researchers.']);
    }
    // A second "submit" (to the other instance) does not send it again: it says it was already sent.
    expect(await say('A', user, 'submit')).toContain(receipt);
    const session = await instances.B.app.loadSession(keyOf(user));
    expect(session?.step).toBe((await instances.A.app.loadSession(keyOf(user)))?.step);
    for (const ticket of ['A', 'B'] as const) expect(instances[ticket].logs.text).not.toMatch(/slack (event|turn|listener) failed/);
  });

  it('an event Slack pushes to both instances (a late ack, redelivered with retry_attempt > 0) is answered once, and both envelopes are acked', async () => {
    const user = newPartner('DUP');
    for (const [index, text] of ['hi', 'agree', 'anonymous', '1', 'skip'].entries()) await say(index % 2 === 0 ? 'A' : 'B', user, text);
    const texts: string[] = [];
    const duplicatesLogged = () => [instances.A, instances.B].reduce((sum, h) => sum + h.logs.lines.filter((line) => line.includes('duplicate delivery dropped')).length, 0);

    for (let round = 0; round < 6; round += 1) {
      const first: Ticket = round % 2 === 0 ? 'A' : 'B';
      const second = other(first);
      const text = `Round ${round}: first pushed to ${first}, redelivered to ${second}.`;
      texts.push(text);
      const event = dmEvent(user, text);
      const [original, redelivery] = [nextEnvelopeId(), nextEnvelopeId()];
      const before = totalPosts();
      const beforeOn = { A: instances.A.slackApi.posts().length, B: instances.B.slackApi.posts().length };
      const duplicatesBefore = duplicatesLogged();
      if (round === 0) {
        // Slack's usual case: the first instance has already answered when the redelivery reaches the other.
        socketServer.deliver(first, original, event);
        await waitUntil(() => totalPosts() > before);
        await settleBoth();
        socketServer.deliver(second, redelivery, event, { attempt: 1, reason: 'timeout' });
      } else {
        // The worst case: both envelopes arrive together, each instance working on the same event at once.
        socketServer.deliver(first, original, event);
        socketServer.deliver(second, redelivery, event, { attempt: 1, reason: 'timeout' });
      }
      await waitUntil(() => socketServer.ackedOn(original).length > 0 && socketServer.ackedOn(redelivery).length > 0);
      await waitUntil(() => totalPosts() > before && duplicatesLogged() > duplicatesBefore);
      await settleBoth();
      expect(socketServer.ackedOn(original)).toEqual([first]);
      expect(socketServer.ackedOn(redelivery)).toEqual([second]);
      // Exactly one answer reached the partner, and it counts the message once.
      const newPosts = [...instances.A.slackApi.posts().slice(beforeOn.A), ...instances.B.slackApi.posts().slice(beforeOn.B)];
      expect(totalPosts() - before, `round ${round}`).toBe(1);
      expect(newPosts[0]?.channel).toBe(`D${user}`);
      expect(newPosts[0]?.text ?? '').toMatch(/Your answer to question 1 is now/);
      expect(duplicatesLogged() - duplicatesBefore).toBe(1);
    }
    const questionId = instances.A.app.flow.questions[0]?.id ?? '';
    expect((await instances.B.app.loadSession(keyOf(user)))?.answers[questionId]).toBe(texts.join('\n\n'));
    // And the partner's next message, to either instance, goes on as usual.
    expect(await say('B', user, 'next')).toMatch(/^Question 2 of 5/);
  });

  it("one instance's socket drops: the other keeps answering (also what was lost with the drop), and the first reconnects and goes on", async () => {
    const user = newPartner('DROP');
    expect(await say('A', user, 'hello')).toMatch(/type agree/);
    expect(await say('B', user, 'agree')).toMatch(/name of your organization/);

    const opensBefore = instances.A.slackApi.callsTo('apps.connections.open').length;
    socketServer.drop('A');

    // An envelope whose first push was lost with A's connection comes again to B, as a retry.
    const lost = nextEnvelopeId();
    const before = instances.B.slackApi.posts().length;
    socketServer.deliver('B', lost, dmEvent(user, 'Harbor Light Survivor Network'), { attempt: 1, reason: 'timeout' });
    await instances.B.slackApi.waitFor(() => instances.B.slackApi.posts().length > before);
    await settleBoth();
    expect(socketServer.ackedOn(lost)).toEqual(['B']);
    expect(instances.B.slackApi.posts().slice(before).map((post) => post.text).join('\n')).toMatch(/Which of these best describes you\?/);
    // Everything now goes to B, and B keeps the partner going.
    expect(await say('B', user, '1')).toMatch(/type your email address/);
    expect(await say('B', user, 'skip')).toMatch(/Question 1 of 5/);

    // A notices, asks Slack for a new socket URL and connects again; Slack may then push to it.
    await waitUntil(() => socketServer.isConnected('A') && instances.A.slackApi.callsTo('apps.connections.open').length > opensBefore, 15_000);
    expect(socketServer.opened.filter((ticket) => ticket === 'A')).toHaveLength(2);
    expect(await say('A', user, 'Typed after A came back.')).toMatch(/Your answer to question 1 is now 24 characters long/);
    expect(await say('B', user, 'next')).toMatch(/^Question 2 of 5/);
  }, 30_000);
});
