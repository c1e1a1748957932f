import type { Logger } from 'pino';
import type { AppConfig } from '../config.js';
import type { Clock, SessionStore } from '../core/ports.js';
import { errorSummary } from '../errors.js';
import type { AppDatabase } from '../database.js';
import { createRedisClient, waitForRedisReady } from './redis-client.js';
import { createRedisSessionStore } from './redis-session-store.js';
import { createSqlSessionStore } from './sql/session-store.js';

/**
 * Redis when REDIS_URL is set. Otherwise the app's own database: the embedded PGlite (the default, the
 * same database as the comment store, so drafts survive a restart of `npm start`), or Postgres when
 * DATABASE_URL is set. Production still requires REDIS_URL (src/config.ts).
 * Startup waits for Redis so the first turns don't fail; an unreachable Redis stops startup with a
 * message naming REDIS_URL. Later outages are reported per request (503) and by /readyz.
 */
export async function openSessionStore(
  config: AppConfig,
  clock: Clock,
  logger: Logger,
  database: Pick<AppDatabase, 'kind' | 'client'>,
): Promise<SessionStore> {
  if (config.redisUrl) {
    let lastLoggedAtMs = 0;
    const redis = createRedisClient(config.redisUrl, {
      onError: (error) => {
        // Reconnect attempts error every few hundred ms during an outage: log at most every 10 s.
        const nowMs = clock.now().getTime();
        if (nowMs - lastLoggedAtMs < 10_000) return;
        lastLoggedAtMs = nowMs;
        logger.warn({ err: errorSummary(error) }, 'redis connection problem');
      },
    });
    try {
      await waitForRedisReady(redis);
    } catch (error) {
      redis.disconnect();
      throw error;
    }
    return createRedisSessionStore({ redis, prefix: config.redisKeyPrefix });
  }
  return createSqlSessionStore({
    client: database.client,
    kind: database.kind,
    nowMs: () => clock.now().getTime(),
    onSweepError: (error) => logger.warn({ err: errorSummary(error) }, 'could not sweep expired sessions (will try again)'),
  });
}
