import { describe, expect, it } from 'vitest';
import { formatBanner, type BannerInput } from '../../src/startup-banner.js';

const base: BannerInput = {
  listenUrl: 'http://0.0.0.0:3000',
  publicUrl: undefined,
  deadlineAt: new Date('2027-01-03T18:35:37.349Z'),
  deadlineMode: 'trial',
  timeZone: 'America/New_York',
  now: new Date('2026-12-04T18:35:37.349Z'),
  slack: { on: false },
  teams: { on: false },
  email: { on: false },
  bootstrapToken: null,
};

describe('the startup banner', () => {
  it('never tells people to open a wildcard address', () => {
    const banner = formatBanner(base);
    expect(banner).not.toContain('0.0.0.0');
    expect(banner).toContain('Open http://localhost:3000/ in a browser');
    expect(formatBanner({ ...base, listenUrl: 'http://[::]:8080' })).toContain('http://localhost:8080/moderate/roster');
  });

  it('uses PUBLIC_URL when it is set, for every page it names', () => {
    const banner = formatBanner({ ...base, publicUrl: 'https://rfi.example.org/' });
    expect(banner).toContain('Open https://rfi.example.org/ in a browser');
    expect(banner).toContain('https://rfi.example.org/moderate\n');
    expect(banner).toContain('https://rfi.example.org/moderate/roster');
    expect(banner).not.toContain('localhost');
  });

  it('gives the deadline as a local date with its zone and the days left, not an ISO timestamp', () => {
    const banner = formatBanner(base);
    expect(banner).toContain('Trial deadline: Jan 3, 2027, 1:35 PM EST (30 days left)');
    expect(banner).not.toContain('2027-01-03T');
    expect(formatBanner({ ...base, deadlineMode: 'flow', now: new Date('2027-01-05T00:00:00Z') })).toContain('Deadline: Jan 3, 2027, 1:35 PM EST (it has passed)');
  });

  it("names each channel's state, and why one is off", () => {
    const off = formatBanner(base);
    expect(off).toMatch(/Web chat: on/);
    expect(off).toMatch(/Slack: +off \(set SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN/);
    expect(off).toMatch(/Teams: +off \(set MICROSOFT_APP_ID/);
    const on = formatBanner({ ...base, slack: { on: true, socketMode: true }, teams: { on: true, emulator: false }, email: { on: true } });
    expect(on).toMatch(/Slack: +on \(Socket Mode\)/);
    expect(on).toMatch(/Teams: +on \(http:\/\/localhost:3000\/api\/messages\)/);
    expect(on).toMatch(/Email: +on/);
  });

  it('shows a generated admin token once, with how to choose one', () => {
    expect(formatBanner({ ...base, bootstrapToken: 'rfm_example' })).toMatch(/set MODERATOR_TOKEN to choose your own\):\n +rfm_example/);
    expect(formatBanner(base)).not.toContain('Admin token');
  });
});
