import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../support/app.js';

/**
 * Every address the bot serves, with every feature switched on (Slack, Teams, email, forwarding,
 * metrics), appears in some guide: a page or endpoint nobody can find might as well not exist.
 * Routes are named as the guides write them, e.g. `/moderate/submissions/{id}`.
 */
const GUIDES = ['README.md', ...readdirSync('docs').filter((name) => name.endsWith('.md')).map((name) => join('docs', name))];
const guideText = GUIDES.map((file) => readFileSync(file, 'utf8')).join('\n');

/** Assets, not addresses a person or a program is told about. */
const NOT_DOCUMENTED = /^\/(?:chat|moderate)\/static\/|^\/favicon\.ico$/;

describe('the guides name every route', () => {
  let routes: Array<{ method: string; path: string }>;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    const started = await startTestApp({
      SLACK_SIGNING_SECRET: 's'.repeat(32),
      SLACK_BOT_TOKEN: 'xoxb-test-0001-token',
      SLACK_API_URL: 'http://127.0.0.1:9/api/',
      TEAMS_EMULATOR: '1',
      SMTP_URL: 'smtp://127.0.0.1:9',
      COMMENT_API_URL: 'http://127.0.0.1:9/v4',
      COMMENT_API_KEY: 'k'.repeat(40),
      COMMENT_DOCKET_DOCUMENT_ID: 'DOS-2022-0004-0001',
      METRICS_TOKEN: 'm'.repeat(40),
      REMINDERS: 'off',
    });
    routes = started.app.routes();
    cleanup = started.cleanup;
  });
  afterAll(async () => {
    await cleanup();
  });

  it('has found the routes', () => {
    expect(routes.length).toBeGreaterThan(30);
  });

  it('every page and endpoint is in a guide', () => {
    const missing = routes
      .filter((route) => !NOT_DOCUMENTED.test(route.path))
      .filter((route) => !guideText.includes(`\`${route.path}\``) && !guideText.includes(`\`${route.method} ${route.path}`))
      .map((route) => `${route.method} ${route.path}`);
    expect([...new Set(missing)]).toEqual([]);
  });
});
