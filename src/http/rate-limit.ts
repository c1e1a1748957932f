/**
 * A fixed-window counter per client address, in memory. Enough to stop one client from flooding a
 * public endpoint; a deployment with several replicas should also limit at its proxy.
 */
export interface RateLimiter {
  /** true when the request may go ahead. */
  allow(clientId: string, nowMs: number): boolean;
}

export function createRateLimiter(options: { limit: number; windowMs: number; maxClients?: number }): RateLimiter {
  const windows = new Map<string, { startedAtMs: number; count: number }>();
  const maxClients = options.maxClients ?? 50_000;
  return {
    allow(clientId, nowMs) {
      const current = windows.get(clientId);
      if (!current || nowMs - current.startedAtMs >= options.windowMs) {
        if (windows.size >= maxClients) pruneExpired(windows, nowMs, options.windowMs);
        windows.set(clientId, { startedAtMs: nowMs, count: 1 });
        return true;
      }
      current.count += 1;
      return current.count <= options.limit;
    },
  };
}

function pruneExpired(windows: Map<string, { startedAtMs: number }>, nowMs: number, windowMs: number): void {
  for (const [clientId, window] of windows) {
    if (nowMs - window.startedAtMs >= windowMs) windows.delete(clientId);
  }
  // Still full (a flood of distinct addresses): forget the oldest half rather than grow without bound.
  if (windows.size > 0) {
    let toDrop = Math.floor(windows.size / 2);
    for (const clientId of windows.keys()) {
      if (toDrop-- <= 0) break;
      windows.delete(clientId);
    }
  }
}
