import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

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
