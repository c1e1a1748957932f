import { createConnection, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A TCP proxy on 127.0.0.1 that counts request/response round trips between a client and a server:
 * a round trip starts when the client writes after having received an answer (a pipeline is one round
 * trip however many commands it carries). It can also cut every connection to simulate an outage.
 */
export class CountingProxy {
  roundTrips = 0;
  /** Redis commands sent by clients (RESP arrays), for proxies in front of Redis. */
  commands: string[] = [];
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private accepting = true;

  constructor(private readonly targetPort: number, private readonly targetHost = '127.0.0.1') {}

  async start(): Promise<number> {
    this.server = createServer((client) => this.handle(client));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return (this.server?.address() as AddressInfo).port;
  }

  reset(): void {
    this.roundTrips = 0;
    this.commands = [];
  }

  /** Simulates the service going down: existing connections are cut and new ones refused. */
  cut(): void {
    this.accepting = false;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }

  restore(): void {
    this.accepting = true;
  }

  async stop(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private handle(client: Socket): void {
    if (!this.accepting) {
      client.destroy();
      return;
    }
    const upstream = createConnection({ port: this.targetPort, host: this.targetHost });
    this.sockets.add(client);
    this.sockets.add(upstream);
    let awaitingAnswer = false;
    const parser = new RespCommandParser((name) => this.commands.push(name));
    client.on('data', (chunk: Buffer) => {
      if (!awaitingAnswer) this.roundTrips += 1;
      awaitingAnswer = true;
      parser.push(chunk);
      upstream.write(chunk);
    });
    upstream.on('data', (chunk) => {
      awaitingAnswer = false;
      client.write(chunk);
    });
    const close = () => {
      client.destroy();
      upstream.destroy();
      this.sockets.delete(client);
      this.sockets.delete(upstream);
    };
    client.on('error', close);
    upstream.on('error', close);
    client.on('close', close);
    upstream.on('close', close);
  }
}

/**
 * Reads the client side of a Redis connection (RESP: `*<n>` arrays of `$<len>` bulk strings) and reports
 * each command's name. Bulk strings are skipped by length, so answer text containing "*" can't confuse it.
 * Non-Redis traffic (e.g. Postgres) simply yields no commands.
 */
class RespCommandParser {
  private buffer = Buffer.alloc(0);

  constructor(private readonly onCommand: (name: string) => void) {}

  push(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const consumed = this.parseOne();
      if (consumed === 0) return;
      this.buffer = this.buffer.subarray(consumed);
    }
  }

  /** Bytes of one complete command at the start of the buffer, or 0 when it is not all here yet. */
  private parseOne(): number {
    if (this.buffer.length === 0 || this.buffer[0] !== 0x2a /* '*' */) {
      if (this.buffer.length > 0) this.buffer = Buffer.alloc(0); // not RESP: stop parsing this stream
      return 0;
    }
    let offset = 0;
    const line = (): string | null => {
      const end = this.buffer.indexOf('\r\n', offset);
      if (end === -1) return null;
      const text = this.buffer.toString('latin1', offset, end);
      offset = end + 2;
      return text;
    };
    const header = line();
    if (header === null) return 0;
    const count = Number(header.slice(1));
    let name = '';
    for (let index = 0; index < count; index += 1) {
      const lengthLine = line();
      if (lengthLine === null) return 0;
      const length = Number(lengthLine.slice(1));
      if (this.buffer.length < offset + length + 2) return 0;
      if (index === 0) name = this.buffer.toString('utf8', offset, offset + length).toUpperCase();
      offset += length + 2;
    }
    this.onCommand(name);
    return offset;
  }
}
