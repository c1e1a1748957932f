import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { configProblems } from '../support/config.js';

/** How email leaves the bot: SMTP_URL, the development outbox (EMAIL_OUTBOX), or not at all. */
const PRODUCTION = { NODE_ENV: 'production', REDIS_URL: 'redis://127.0.0.1:6379' };

describe('email config', () => {
  it('writes emails to DATA_DIR/outbox/ in development when SMTP_URL is unset', () => {
    expect(loadConfig({ DATA_DIR: '/tmp/rfi-data/' }).email).toEqual({ transport: 'outbox', dir: '/tmp/rfi-data/outbox', from: 'RFI consultation <no-reply@localhost>' });
  });

  it('sends through SMTP when SMTP_URL is set, in any environment', () => {
    expect(loadConfig({ SMTP_URL: 'smtp://127.0.0.1:2525', SMTP_FROM: 'RFI <rfi@example.org>' }).email).toEqual({ transport: 'smtp', url: 'smtp://127.0.0.1:2525', from: 'RFI <rfi@example.org>' });
    expect(loadConfig({ ...PRODUCTION, SMTP_URL: 'smtps://u:p@smtp.example.org:465' }).email?.transport).toBe('smtp');
  });

  it('has no email in production without SMTP_URL, and in tests unless asked for', () => {
    expect(loadConfig(PRODUCTION).email).toBeUndefined();
    expect(loadConfig({ NODE_ENV: 'test' }).email).toBeUndefined();
    expect(loadConfig({ NODE_ENV: 'test', EMAIL_OUTBOX: 'on' }).email?.transport).toBe('outbox');
    expect(loadConfig({ EMAIL_OUTBOX: 'off' }).email).toBeUndefined();
  });

  it('refuses the outbox in production, and the outbox together with SMTP_URL, saying how to fix it', () => {
    expect(configProblems({ ...PRODUCTION, EMAIL_OUTBOX: 'on' })).toEqual([expect.stringMatching(/^EMAIL_OUTBOX: not allowed when NODE_ENV=production .*set SMTP_URL/)]);
    expect(configProblems({ EMAIL_OUTBOX: 'on', SMTP_URL: 'smtp://127.0.0.1:2525' })).toEqual([expect.stringMatching(/^EMAIL_OUTBOX: set together with SMTP_URL; choose one/)]);
    expect(configProblems({ EMAIL_OUTBOX: 'yes' })).toEqual([expect.stringMatching(/^EMAIL_OUTBOX="yes": use on /)]);
  });
});
