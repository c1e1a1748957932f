import { describe, expect, it } from 'vitest';
import type { Channel } from '../../src/core/types.js';
import { boundaryOf, parseMultipart } from '../../src/http/multipart.js';
import { reachOf, type ReachFacts } from '../../src/roster/reach.js';

/** How a partner is reached (or why not), the rule shared by the roster table, the preview and the send. */
const ALL: ReadonlySet<Channel> = new Set(['slack', 'teams', 'webchat']);
const slack: ReachFacts = { platform: 'slack', remindersOptedOut: false, unreachableCode: null, connected: true, hasEmail: false, emailConfirmed: false, lastSentAtMs: null };
const HOUR_MS = 3_600_000;
const now = Date.parse('2027-03-01T12:00:00Z');
const cap = { channels: ALL, nowMs: now, minGapMs: 20 * HOUR_MS, overrideCap: false };

describe('reachOf', () => {
  it('names the channel: Slack, Teams, or email for web chat partners', () => {
    expect(reachOf(slack, cap)).toEqual({ channel: 'slack' });
    expect(reachOf({ ...slack, platform: 'teams' }, cap)).toEqual({ channel: 'teams' });
    expect(reachOf({ ...slack, platform: 'webchat', hasEmail: true, emailConfirmed: true }, cap)).toEqual({ channel: 'email' });
  });

  it('says why a partner cannot be reached, the partner\'s own choice first', () => {
    expect(reachOf({ ...slack, remindersOptedOut: true, unreachableCode: 'user_not_found' }, cap)).toEqual({ reason: 'optedOut' });
    expect(reachOf({ ...slack, unreachableCode: 'user_not_found' }, cap)).toEqual({ reason: 'unreachable' });
    expect(reachOf({ ...slack, platform: 'webchat' }, cap)).toEqual({ reason: 'noEmail' });
    expect(reachOf({ ...slack, platform: 'teams', connected: false }, cap)).toEqual({ reason: 'notConnected' });
    // Double opt-in: reminders only to a confirmed address; an invitation may go to one staff imported.
    expect(reachOf({ ...slack, platform: 'webchat', hasEmail: true }, cap)).toEqual({ reason: 'emailNotConfirmed' });
    expect(reachOf({ ...slack, platform: 'webchat', hasEmail: true }, { ...cap, purpose: 'invite' })).toEqual({ channel: 'email' });
    expect(reachOf(slack, { ...cap, channels: new Set<Channel>(['teams']) })).toEqual({ reason: 'channelNotConfigured' });
  });

  it('holds a partner who heard from us less than the gap ago, unless the cap is overridden or off', () => {
    const recent = { ...slack, lastSentAtMs: now - 19 * HOUR_MS };
    expect(reachOf(recent, cap)).toEqual({ reason: 'frequencyCap' });
    expect(reachOf({ ...slack, lastSentAtMs: now - 20 * HOUR_MS }, cap)).toEqual({ channel: 'slack' });
    expect(reachOf(recent, { ...cap, overrideCap: true })).toEqual({ channel: 'slack' });
    expect(reachOf(recent, { ...cap, minGapMs: 0 })).toEqual({ channel: 'slack' });
  });
});

describe('parseMultipart (what a browser form with a file input sends)', () => {
  const boundary = '----WebKitFormBoundaryAbC123';
  const body = Buffer.from(
    [
      `--${boundary}`,
      'Content-Disposition: form-data; name="_csrf"',
      '',
      'token-1',
      `--${boundary}`,
      'Content-Disposition: form-data; name="file"; filename="partners.csv"',
      'Content-Type: text/csv',
      '',
      'platform,user_id\r\nslack,U1',
      `--${boundary}--`,
      '',
    ].join('\r\n'),
  );

  it('reads the fields and the file, keeping the file\'s own line breaks', () => {
    expect(boundaryOf(`multipart/form-data; boundary=${boundary}`)).toBe(boundary);
    const parts = parseMultipart(body, boundary);
    expect(parts?.get('_csrf')?.data.toString()).toBe('token-1');
    expect(parts?.get('file')).toMatchObject({ filename: 'partners.csv' });
    expect(parts?.get('file')?.data.toString()).toBe('platform,user_id\r\nslack,U1');
  });

  it('answers null for what is not multipart', () => {
    expect(boundaryOf('application/x-www-form-urlencoded')).toBeNull();
    expect(parseMultipart(Buffer.from('token=abc'), boundary)).toBeNull();
    expect(parseMultipart(body.subarray(0, 60), boundary)).toBeNull();
  });
});
