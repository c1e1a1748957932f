/**
 * Keeps a repeated log line from flooding the logs: forged requests from an attacker, every request
 * failing while a store is down. Per key (a reason or error code, never request data), the first
 * `burst` lines of each window pass; the rest are dropped and counted, and the next line that passes
 * says how many were dropped, so no volume goes unnoticed.
 *
 * Contract: `admit(key)` returns null when the line should be dropped, else the fields to add to the
 * line: `{ droppedSimilarLines: n }` when n lines of that key were dropped since the last one that passed,
 * `{}` when none were. At most `maxKeys` keys are tracked (the oldest window is forgotten first), so
 * memory stays bounded whatever the keys.
 */
export type AdmittedFields = { droppedSimilarLines?: number };

export interface LogThrottle {
  admit(key: string): AdmittedFields | null;
}

export function createLogThrottle(options: { windowMs: number; burst: number; nowMs?: () => number; maxKeys?: number }): LogThrottle {
  const nowMs = options.nowMs ?? Date.now;
  const maxKeys = options.maxKeys ?? 1_000;
  const windows = new Map<string, { startedAtMs: number; passed: number; dropped: number }>();
  return {
    admit(key) {
      const now = nowMs();
      let window = windows.get(key);
      if (!window || now - window.startedAtMs >= options.windowMs) {
        const dropped = window?.dropped ?? 0;
        windows.delete(key);
        window = { startedAtMs: now, passed: 0, dropped };
        windows.set(key, window);
        if (windows.size > maxKeys) windows.delete(windows.keys().next().value as string);
      }
      if (window.passed >= options.burst) {
        window.dropped += 1;
        return null;
      }
      window.passed += 1;
      const dropped = window.dropped;
      window.dropped = 0;
      return dropped > 0 ? { droppedSimilarLines: dropped } : {};
    },
  };
}

/** The usual setting for refused or failed requests: 20 lines per key per minute. */
export function requestLogThrottle(nowMs?: () => number): LogThrottle {
  return createLogThrottle({ windowMs: 60_000, burst: 20, ...(nowMs ? { nowMs } : {}) });
}
