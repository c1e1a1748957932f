import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('config', () => {
  it('has the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      dataDir: './data',
      databaseUrl: undefined,
      redisUrl: undefined,
      deadlineOverride: undefined,
      maxAnswerChars: 20000,
      logLevel: 'info',
      nodeEnv: 'development',
      flowId: 'rfi-racial-equity-2022',
    });
  });

  it('reads every documented variable', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      DATA_DIR: '/var/lib/rfibot',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test',
      DATABASE_SCHEMA: 'rfibot',
      REDIS_URL: 'redis://127.0.0.1:6379',
      REDIS_KEY_PREFIX: 'bot',
      RFI_DEADLINE: '2026-12-31T23:59:59-05:00',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      MAX_ANSWER_CHARS: '5000',
      FLOW_ID: 'rfi-racial-equity-2022',
    });
    expect(config.port).toBe(8080);
    expect(config.deadlineOverride?.toISOString()).toBe('2027-01-01T04:59:59.000Z');
    expect(config.maxAnswerChars).toBe(5000);
    expect(config.redisKeyPrefix).toBe('bot');
  });

  it('accepts a UTC deadline written with Z', () => {
    expect(loadConfig({ RFI_DEADLINE: '2026-12-31T23:59:59Z' }).deadlineOverride?.toISOString()).toBe('2026-12-31T23:59:59.000Z');
  });

  it('lists every problem at once, naming each variable and how to fix it', () => {
    let caught: unknown;
    try {
      loadConfig({ PORT: 'eighty', RFI_DEADLINE: 'next friday', LOG_LEVEL: 'loud', REDIS_URL: 'http://x', MAX_ANSWER_CHARS: '-1' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const problems = (caught as ConfigError).problems;
    expect(problems).toHaveLength(5);
    for (const name of ['PORT', 'RFI_DEADLINE', 'LOG_LEVEL', 'REDIS_URL', 'MAX_ANSWER_CHARS']) {
      expect(problems.some((line) => line.startsWith(name) && /use /.test(line))).toBe(true);
    }
  });

  it('REMINDER_MIN_GAP_HOURS: the frequency cap, 20 hours unless set; 0 turns it off; a bad value says how to fix it', () => {
    expect(loadConfig({}).reminders.minGapMs).toBe(20 * 3_600_000);
    expect(loadConfig({ REMINDER_MIN_GAP_HOURS: '0' }).reminders.minGapMs).toBe(0);
    expect(loadConfig({ REMINDER_MIN_GAP_HOURS: '1.5' }).reminders.minGapMs).toBe(5_400_000);
    for (const bad of ['often', '-1', '200']) {
      expect(() => loadConfig({ REMINDER_MIN_GAP_HOURS: bad })).toThrow(/REMINDER_MIN_GAP_HOURS="[^"]*": use a number of hours between 0 and 168/);
    }
  });

  it('refuses in-memory sessions in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/REDIS_URL: required when NODE_ENV=production/);
  });

  it('never echoes a password from a URL in its error', () => {
    try {
      loadConfig({ DATABASE_URL: 'mysql://admin:hunter2@db/x' });
    } catch (error) {
      expect((error as Error).message).not.toContain('hunter2');
    }
  });

  it('an invalid value stops the real process with exit code 1 and a line per problem', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { PATH: process.env.PATH, PORT: 'abc', LOG_LEVEL: 'chatty' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/PORT="abc": use a whole number/);
    expect(result.stderr).toMatch(/LOG_LEVEL="chatty": use one of/);
  });
});
