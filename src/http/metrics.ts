import { timingSafeEqual } from 'node:crypto';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { Metrics } from '../core/ports.js';
import { sendJson } from './respond.js';
import type { Router } from './router.js';

/**
 * Prometheus metrics (prom-client), on a registry of this app's own (two apps in one process, as in
 * tests, never share counters). GET /metrics needs `Authorization: Bearer <METRICS_TOKEN>`; without
 * METRICS_TOKEN the route does not exist. Labels: channel, outcome, store, code — nothing about a person.
 */
export function createPromMetrics(): { metrics: Metrics; registry: Registry } {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'rfibot_' });
  const turns = new Counter({ name: 'rfibot_turns_total', help: 'Partner turns by channel and outcome', labelNames: ['channel', 'outcome'], registers: [registry] });
  const turnSeconds = new Histogram({
    name: 'rfibot_turn_duration_seconds',
    help: 'Time to process one partner turn (load, engine step, save, effects)',
    labelNames: ['channel'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const dedupe = new Counter({ name: 'rfibot_dedupe_hits_total', help: 'Platform deliveries dropped as duplicates', labelNames: ['channel'], registers: [registry] });
  const submissions = new Counter({ name: 'rfibot_submissions_total', help: 'Submissions stored (created) or found already stored (repeat)', labelNames: ['channel', 'result'], registers: [registry] });
  const reminders = new Counter({ name: 'rfibot_reminder_sends_total', help: 'Invitation and reminder sends by outcome', labelNames: ['outcome'], registers: [registry] });
  const forwards = new Counter({ name: 'rfibot_forward_outcomes_total', help: 'Forwards to the docket by outcome', labelNames: ['outcome'], registers: [registry] });
  // `code` is one of STORE_ERROR_CODES (a fixed word, see src/core/ports.ts): transient ones are retried,
  // permanent ones (encoding, constraint, data, refused, bug) are not and need a person to look.
  const storeErrors = new Counter({
    name: 'rfibot_store_errors_total',
    help: 'Store calls that failed, by store and by why (unavailable, timeout, busy: retried; encoding, constraint, data, refused, bug: not retried)',
    labelNames: ['store', 'code'],
    registers: [registry],
  });
  return {
    registry,
    metrics: {
      turn(channel, outcome, durationMs) {
        turns.inc({ channel, outcome });
        if (outcome === 'duplicate') dedupe.inc({ channel });
        else turnSeconds.observe({ channel }, durationMs / 1000);
      },
      submission(channel, created) {
        submissions.inc({ channel, result: created ? 'created' : 'repeat' });
      },
      reminderSend(outcome) {
        reminders.inc({ outcome });
      },
      forward(outcome) {
        forwards.inc({ outcome });
      },
      storeError(store, code) {
        storeErrors.inc({ store, code });
      },
    },
  };
}

export function mountMetricsRoute(router: Router, registry: Registry, token: string): void {
  const expected = Buffer.from(`Bearer ${token}`);
  router.add('GET', '/metrics', async ({ req, res }) => {
    const given = Buffer.from(req.headers.authorization ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      sendJson(res, 401, { error: { code: 'UNAUTHORIZED', message: 'Send Authorization: Bearer <METRICS_TOKEN>.' } }, { 'www-authenticate': 'Bearer' });
      return;
    }
    const body = await registry.metrics();
    res.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' });
    res.end(body);
  });
}
