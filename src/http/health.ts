import type { Router } from './router.js';
import { sendJson } from './respond.js';

export interface ReadinessCheck {
  name: string;
  check: () => Promise<void>;
}

const CHECK_TIMEOUT_MS = 2_000;

/**
 * Something an operator should look at that does not make the instance unready (taking it out of the load
 * balancer would not help, and partner input must never be able to do that): a retry queue that keeps
 * failing, submissions the store refused. Returns null when all is well.
 */
export interface ReadinessWarning {
  name: string;
  warning: () => Record<string, number> | null;
}

/**
 * GET /healthz — the process is up (no dependencies checked, so orchestrators don't restart us for a
 *                Redis outage).
 * GET /readyz  — every store answers within 2 s; otherwise 503 naming the failing parts. `warnings`
 *                (status stays 200) names what needs a person: e.g. `submitRetry: { stuck, refused }`.
 */
export function mountHealthRoutes(router: Router, checks: ReadinessCheck[], warnings: ReadinessWarning[] = []): void {
  router.add('GET', '/healthz', ({ res }) => sendJson(res, 200, { status: 'ok' }));
  router.add('GET', '/readyz', async ({ res }) => {
    const results = await Promise.all(
      checks.map(async ({ name, check }) => ({ name, ok: await withTimeout(check(), CHECK_TIMEOUT_MS) })),
    );
    const failing = results.filter((result) => !result.ok).map((result) => result.name);
    const components = Object.fromEntries(results.map((result) => [result.name, result.ok ? 'ok' : 'unavailable']));
    const warned = Object.fromEntries(warnings.flatMap(({ name, warning }) => {
      const value = warning();
      return value ? [[name, value]] : [];
    }));
    sendJson(res, failing.length === 0 ? 200 : 503, {
      status: failing.length === 0 ? 'ready' : 'unavailable',
      components,
      failing,
      ...(Object.keys(warned).length > 0 ? { warnings: warned } : {}),
    });
  });
}

async function withTimeout(promise: Promise<void>, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([promise.then(() => true, () => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
