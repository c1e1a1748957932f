import { createConnection, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A TCP proxy on 127.0.0.1 that counts request/response round trips between a client and a server:
 * a round trip starts when the client writes after having received an answer (a pipeline is one round
 * trip however many commands it carries). It can also cut every connection to simulate an outage.
 */
export class CountingProxy {
  roundTrips = 0;
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
    client.on('data', (chunk) => {
      if (!awaitingAnswer) this.roundTrips += 1;
      awaitingAnswer = true;
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
