/**
 * A small in-memory LRU cache with a time to live, for Slack user profiles (users.info is rate limited,
 * Tier 4). In memory per process is enough: a miss only costs one API call, and the time zone it yields
 * is stored with the session anyway. Failures are cached for a shorter time so a rate-limited or broken
 * users.info is not hammered.
 */
export interface UserProfile {
  timeZone?: string;
  locale?: string;
}

export interface ProfileCacheOptions {
  fetchProfile: (userId: string) => Promise<UserProfile>;
  nowMs: () => number;
  ttlMs?: number;
  failureTtlMs?: number;
  maxEntries?: number;
}

export interface ProfileCache {
  /** The profile, or {} when it cannot be had; never throws. */
  get(cacheKey: string, userId: string): Promise<UserProfile>;
  readonly size: number;
}

export function createProfileCache(options: ProfileCacheOptions): ProfileCache {
  const ttlMs = options.ttlMs ?? 12 * 60 * 60 * 1000;
  const failureTtlMs = options.failureTtlMs ?? 5 * 60 * 1000;
  const maxEntries = options.maxEntries ?? 10_000;
  const entries = new Map<string, { profile: UserProfile; expiresAtMs: number }>();
  const inFlight = new Map<string, Promise<UserProfile>>();

  function remember(cacheKey: string, profile: UserProfile, lifetimeMs: number): void {
    entries.delete(cacheKey);
    entries.set(cacheKey, { profile, expiresAtMs: options.nowMs() + lifetimeMs });
    // Map iteration order is insertion order: the first key is the least recently used.
    while (entries.size > maxEntries) {
      const oldest = entries.keys().next().value;
      if (oldest === undefined) break;
      entries.delete(oldest);
    }
  }

  return {
    get size() {
      return entries.size;
    },
    async get(cacheKey, userId) {
      const cached = entries.get(cacheKey);
      if (cached && cached.expiresAtMs > options.nowMs()) {
        entries.delete(cacheKey);
        entries.set(cacheKey, cached);
        return cached.profile;
      }
      const pending = inFlight.get(cacheKey);
      if (pending) return pending;
      const lookup = options
        .fetchProfile(userId)
        .then((profile) => {
          remember(cacheKey, profile, ttlMs);
          return profile;
        })
        .catch(() => {
          remember(cacheKey, {}, failureTtlMs);
          return {};
        })
        .finally(() => inFlight.delete(cacheKey));
      inFlight.set(cacheKey, lookup);
      return lookup;
    },
  };
}
