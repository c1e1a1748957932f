import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { RunningApp } from '../../src/app.js';
import { startTestApp } from './app.js';

/**
 * Browser tests drive Debian's Chromium through playwright-core (never downloaded). Without it they skip
 * loudly, except under CI / REQUIRE_SERVICES=1, where they fail instead.
 */
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const hasChromium = existsSync(CHROMIUM);
const mustRun = process.env.REQUIRE_SERVICES === '1' || Boolean(process.env.CI);

/** True when the browser suite should be skipped (no Chromium, and neither CI nor REQUIRE_SERVICES=1); then warns loudly. */
export function skipWithoutChromium(what: string): boolean {
  if (hasChromium || mustRun) return false;
  const line = '!'.repeat(92);
  console.warn(
    [
      '',
      line,
      `!! SKIPPING ${what}: no Chromium at ${CHROMIUM}.`,
      '!! Install it with: apt-get install -y chromium   (CI and REQUIRE_SERVICES=1 fail instead).',
      line,
      '',
    ].join('\n'),
  );
  return true;
}

/** Launches headless Chromium; throws, saying how to install it, when it is missing (CI / REQUIRE_SERVICES=1). */
export async function launchChromium(): Promise<Browser> {
  if (!hasChromium) {
    throw new Error(`No Chromium at ${CHROMIUM} and REQUIRE_SERVICES=1 or CI is set: install it with "apt-get install -y chromium".`);
  }
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/**
 * For a browser suite: launches Chromium and starts the real app (silent logs) before the suite's tests,
 * and closes both after them. The returned object is filled in by the time the tests run.
 */
export function useBrowserAndApp(): { browser: Browser; app: RunningApp } {
  const started = {} as { browser: Browser; app: RunningApp };
  let stopApp: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    started.browser = await launchChromium();
    const test = await startTestApp({ LOG_LEVEL: 'silent' });
    started.app = test.app;
    stopApp = test.cleanup;
  }, 120_000);
  afterAll(async () => {
    await started.browser?.close();
    await stopApp?.();
  });
  return started;
}
