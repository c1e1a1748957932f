import { describe, it } from 'vitest';
import { probePostgres, probeRedis } from './probes.js';

/**
 * Suites that need Redis or Postgres run only when the service answers. When it does not:
 * - REQUIRE_SERVICES=1 (CI) → the suite FAILS with a test saying what is missing and where;
 * - otherwise → a loud warning and the suite is skipped (so a laptop without Docker still runs the rest).
 *
 * Usage (top-level await; vitest collects after the module's promise settles):
 *   await describeWithService('redis', 'RedisSessionStore', () => { … });
 */
export type ServiceKind = 'redis' | 'postgres';

export function serviceUrl(kind: ServiceKind): string {
  return kind === 'redis'
    ? (process.env.REDIS_URL ?? 'redis://127.0.0.1:6379')
    : (process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test');
}

/**
 * Env for an app whose sessions live in Redis (a fresh key prefix), as in production: a test that stops
 * its own Postgres needs this, or the drafts (kept in that same Postgres without REDIS_URL, see
 * src/state/open-session-store.ts) would be down with it.
 */
export function sessionsInRedisEnv(label: string): { REDIS_URL: string; REDIS_KEY_PREFIX: string } {
  return { REDIS_URL: serviceUrl('redis'), REDIS_KEY_PREFIX: `rfibot-${label}-${Math.random().toString(16).slice(2, 10)}` };
}

const probes = new Map<ServiceKind, Promise<boolean>>();

/** Pings the service once per test file (cached); never throws. */
export function serviceAvailable(kind: ServiceKind): Promise<boolean> {
  let probe = probes.get(kind);
  if (!probe) {
    probe = kind === 'redis' ? probeRedis(serviceUrl(kind)) : probePostgres(serviceUrl(kind));
    probes.set(kind, probe);
  }
  return probe;
}

const LABEL: Record<ServiceKind, string> = { redis: 'Redis', postgres: 'PostgreSQL' };

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

export async function describeWithService(kind: ServiceKind, name: string, fn: () => void): Promise<void> {
  if (await serviceAvailable(kind)) {
    describe(name, fn);
    return;
  }
  const where = redact(serviceUrl(kind));
  if (process.env.REQUIRE_SERVICES === '1') {
    describe(name, () => {
      it(`${LABEL[kind]} is reachable`, () => {
        throw new Error(`${LABEL[kind]} is required (REQUIRE_SERVICES=1) but not reachable at ${where}`);
      });
    });
    return;
  }
  const line = '!'.repeat(78);
  console.warn(
    [
      line,
      `!! SKIPPED "${name}": ${LABEL[kind]} is not reachable at ${where}`,
      `!! These contract tests did NOT run. Start ${LABEL[kind]} or set ${kind === 'redis' ? 'REDIS_URL' : 'DATABASE_URL'};`,
      '!! set REQUIRE_SERVICES=1 to make this a failure instead of a skip.',
      line,
    ].join('\n'),
  );
  describe.skip(name, fn);
}
