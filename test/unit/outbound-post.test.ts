import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createOutboundPoster, PostError } from '../../src/http/outbound-post.js';

/** The outbound POST pool: keep-alive reuse, idle sockets closed by us first, and its error reasons. */
describe('outbound POST pool', () => {
  it('reuses one connection, and closes it itself after 4 s idle (before a server would)', async () => {
    const sockets: Socket[] = [];
    const closedAtMs: number[] = [];
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'));
    });
    server.keepAliveTimeout = 60_000;
    server.on('connection', (socket: Socket) => {
      sockets.push(socket);
      socket.on('close', () => closedAtMs.push(Date.now()));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/post`;
    const poster = createOutboundPoster();
    try {
      const first = await poster.post(url, '{}', { 'content-type': 'application/json' }, 2_000);
      const second = await poster.post(url, '{}', { 'content-type': 'application/json' }, 2_000);
      expect([first.status, second.status, first.bodyText]).toEqual([200, 200, '{"ok":true}']);
      expect(sockets).toHaveLength(1);
      const idleSinceMs = Date.now();
      const deadline = Date.now() + 8_000;
      while (closedAtMs.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(closedAtMs).toHaveLength(1);
      expect((closedAtMs[0] as number) - idleSinceMs).toBeGreaterThanOrEqual(3_500);
    } finally {
      poster.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }, 15_000);

  it('says refused when nothing listens (safe to retry)', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const poster = createOutboundPoster();
    try {
      const error = await poster.post(`http://127.0.0.1:${port}/`, '{}', {}, 1_000).then(() => null, (caught: unknown) => caught);
      expect(error).toBeInstanceOf(PostError);
      expect((error as PostError).reason).toBe('refused');
    } finally {
      poster.close();
    }
  });
});
