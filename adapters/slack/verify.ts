import { verifySlackRequest } from '@slack/bolt';

/**
 * Slack request verification. The signature and the "too old" check are Bolt's own
 * (`verifySlackRequest`, given our clock so tests can pin the time); Bolt does not bound timestamps in the
 * future, so a timestamp more than 5 minutes ahead is refused here first. Any failure means 401 and no
 * effect at all.
 */
export const MAX_CLOCK_SKEW_SEC = 5 * 60;

export type VerifyResult = { ok: true } | { ok: false; reason: 'missing-headers' | 'future-timestamp' | 'bad-signature' };

export function verifySignedRequest(options: {
  signingSecret: string;
  rawBody: string;
  signature: string | string[] | undefined;
  timestamp: string | string[] | undefined;
  nowMs: number;
}): VerifyResult {
  const { signature, timestamp } = options;
  if (typeof signature !== 'string' || typeof timestamp !== 'string' || !/^\d{1,12}$/.test(timestamp)) {
    return { ok: false, reason: 'missing-headers' };
  }
  const timestampSec = Number(timestamp);
  if (timestampSec > Math.floor(options.nowMs / 1000) + MAX_CLOCK_SKEW_SEC) return { ok: false, reason: 'future-timestamp' };
  try {
    verifySlackRequest({
      signingSecret: options.signingSecret,
      body: options.rawBody,
      headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': timestampSec },
      nowMilliseconds: options.nowMs,
    });
    return { ok: true };
  } catch {
    // Bolt throws for a stale timestamp, an unknown version or a mismatch: all the same to the caller.
    return { ok: false, reason: 'bad-signature' };
  }
}
