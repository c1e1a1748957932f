import type { App, Receiver } from '@slack/bolt';
import { SocketModeClient } from '@slack/socket-mode';
import type { WebClientOptions } from '@slack/web-api';
import type { Logger } from 'pino';
import type { Logger as SlackLogger } from '@slack/bolt';

/**
 * Bolt receiver for Socket Mode (SLACK_APP_TOKEN set): no public URL; Slack pushes the same payloads over
 * a WebSocket that the Socket Mode client opens via apps.connections.open (on SLACK_API_URL). Each
 * envelope is acknowledged by the listener's ack(), exactly as over HTTP; Slack verifies the connection
 * itself, so there is no request signature here.
 */
export class SlackSocketReceiver implements Receiver {
  private app: App | undefined;
  readonly client: SocketModeClient;
  private readonly pending = new Set<Promise<unknown>>();

  constructor(options: { appToken: string; clientOptions: WebClientOptions; slackLogger: SlackLogger; logger: Logger }) {
    const { logger: _ignored, ...clientOptions } = options.clientOptions;
    this.client = new SocketModeClient({
      appToken: options.appToken,
      logger: options.slackLogger,
      clientOptions: { ...clientOptions },
    });
    this.client.on('slack_event', (args: { ack: (response?: unknown) => Promise<void>; body: Record<string, unknown>; retry_num?: number; retry_reason?: string }) => {
      if (!this.app) return;
      let acked = false;
      const ack = async (response?: unknown) => {
        if (acked) return;
        acked = true;
        await args.ack(response).catch(() => options.logger.warn('socket mode ack could not be sent'));
      };
      const work = this.app
        .processEvent({
          body: args.body,
          ack,
          ...(typeof args.retry_num === 'number' ? { retryNum: args.retry_num } : {}),
          ...(typeof args.retry_reason === 'string' ? { retryReason: args.retry_reason } : {}),
        })
        .catch((error: unknown) => options.logger.error({ err: { type: error instanceof Error ? error.name : typeof error } }, 'slack event failed'))
        .finally(() => {
          void ack();
          this.pending.delete(work);
        });
      this.pending.add(work);
    });
  }

  init(app: App): void {
    this.app = app;
  }

  async start(): Promise<void> {
    await this.client.start();
  }

  async stop(): Promise<void> {
    await this.client.disconnect();
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }
}
