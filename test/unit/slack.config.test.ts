import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { configProblems } from '../support/config.js';

const SECRET = 'abcdef0123456789abcdef0123456789';
const BOT = 'xoxb-111-222-abcdefghijkl';

describe('Slack configuration', () => {
  it('is off unless both the signing secret and the bot token are set', () => {
    expect(loadConfig({}).slack).toBeUndefined();
    expect(loadConfig({ SLACK_SIGNING_SECRET: '', SLACK_BOT_TOKEN: '' }).slack).toBeUndefined();
    expect(loadConfig({ SLACK_SIGNING_SECRET: SECRET, SLACK_BOT_TOKEN: BOT }).slack).toEqual({
      signingSecret: SECRET,
      botToken: BOT,
      appToken: undefined,
      apiUrl: 'https://slack.com/api/',
    });
  });

  it('uses Socket Mode with an app token and a custom API URL (trailing slash added)', () => {
    const slack = loadConfig({ SLACK_SIGNING_SECRET: SECRET, SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: 'xapp-1-A1-xyz', SLACK_API_URL: 'http://127.0.0.1:9999/api' }).slack;
    expect(slack?.appToken).toBe('xapp-1-A1-xyz');
    expect(slack?.apiUrl).toBe('http://127.0.0.1:9999/api/');
  });

  it('lists every problem with how to fix it, never echoing a secret', () => {
    expect(configProblems({ SLACK_SIGNING_SECRET: SECRET })).toEqual([expect.stringMatching(/^SLACK_BOT_TOKEN: required when SLACK_SIGNING_SECRET is set/)]);
    expect(configProblems({ SLACK_BOT_TOKEN: BOT })).toEqual([expect.stringMatching(/^SLACK_SIGNING_SECRET: required when SLACK_BOT_TOKEN is set/)]);
    expect(configProblems({ SLACK_APP_TOKEN: 'xapp-1-A1-xyz' })).toEqual([expect.stringMatching(/^SLACK_APP_TOKEN: Socket Mode also needs/)]);
    const bad = configProblems({ SLACK_SIGNING_SECRET: 'short!', SLACK_BOT_TOKEN: 'xoxp-user-token-secret', SLACK_APP_TOKEN: 'nope-secret', SLACK_API_URL: 'ftp://x' });
    expect(bad.map((line) => line.split(/[:= ]/)[0])).toEqual(['SLACK_SIGNING_SECRET', 'SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_API_URL']);
    expect(bad.join('\n')).not.toMatch(/short!|xoxp-user-token-secret|nope-secret/);
    expect(bad.find((line) => line.startsWith('SLACK_BOT_TOKEN'))).toMatch(/xoxb-/);
  });

  it('refuses a plain-http SLACK_API_URL in production unless it is on this host (the token would travel in clear text)', () => {
    const base = { NODE_ENV: 'production', REDIS_URL: 'redis://127.0.0.1:6379', SLACK_SIGNING_SECRET: SECRET, SLACK_BOT_TOKEN: BOT };
    expect(configProblems({ ...base, SLACK_API_URL: 'http://slack-proxy.internal/api/' })).toEqual([expect.stringMatching(/^SLACK_API_URL: use an https:\/\/ URL when NODE_ENV=production/)]);
    expect(configProblems({ ...base, SLACK_API_URL: 'https://slack-proxy.internal/api/' })).toEqual([]);
    expect(configProblems({ ...base, SLACK_API_URL: 'http://127.0.0.1:8080/api/' })).toEqual([]);
    expect(configProblems({ ...base, NODE_ENV: 'development', SLACK_API_URL: 'http://slack-proxy.internal/api/' })).toEqual([]);
  });
});
