import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { configProblems } from '../support/config.js';

const APP_ID = '00000000-0000-4000-8000-00000000b071';
const TENANT = '11111111-1111-4111-8111-111111111111';
const PROD = { NODE_ENV: 'production', REDIS_URL: 'redis://127.0.0.1:6379' };

describe('Teams configuration', () => {
  it('is off by default and on with a complete app registration', () => {
    expect(loadConfig({}).teams).toBeUndefined();
    expect(loadConfig({ ...PROD, MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 'secret-value' }).teams).toEqual({
      emulator: false, appId: APP_ID, appPassword: 'secret-value', tenantId: undefined, appType: 'MultiTenant',
    });
    expect(loadConfig({ ...PROD, MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_TYPE: 'UserAssignedMSI', MICROSOFT_APP_TENANT_ID: TENANT }).teams?.appType).toBe('UserAssignedMSI');
  });

  it('refuses a half-configured bot, saying how to fix it, and never echoes the password', () => {
    expect(configProblems({ ...PROD, MICROSOFT_APP_ID: APP_ID })).toEqual([expect.stringMatching(/^MICROSOFT_APP_PASSWORD: required for MICROSOFT_APP_TYPE=MultiTenant/)]);
    expect(configProblems({ ...PROD, MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 'pw', MICROSOFT_APP_TYPE: 'SingleTenant' })).toEqual([
      expect.stringMatching(/^MICROSOFT_APP_TENANT_ID: required for MICROSOFT_APP_TYPE=SingleTenant/),
    ]);
    expect(configProblems({ ...PROD, MICROSOFT_APP_PASSWORD: 'hunter2-secret' })).toEqual([expect.stringMatching(/^MICROSOFT_APP_PASSWORD: set but MICROSOFT_APP_ID is not/)]);
    expect(configProblems({ MICROSOFT_APP_ID: 'not-a-guid', MICROSOFT_APP_TYPE: 'Single' }).join('\n')).toMatch(/MICROSOFT_APP_ID="not-a-guid".*GUID[\s\S]*MICROSOFT_APP_TYPE/);
    expect(configProblems({ MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 'hunter2-secret' })).toEqual([]);
    expect(configProblems({ MICROSOFT_APP_PASSWORD: 'hunter2-secret' }).join('\n')).not.toContain('hunter2');
  });

  it('TEAMS_EMULATOR=1 runs without authentication in development, and is refused in production', () => {
    expect(loadConfig({ TEAMS_EMULATOR: '1' }).teams).toMatchObject({ emulator: true, appId: undefined });
    expect(configProblems({ ...PROD, TEAMS_EMULATOR: '1' })).toEqual([expect.stringMatching(/^TEAMS_EMULATOR: not allowed when NODE_ENV=production/)]);
    expect(configProblems({ TEAMS_EMULATOR: '1', MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 'pw' })).toEqual([expect.stringMatching(/^TEAMS_EMULATOR: the emulator mode runs without an app id/)]);
  });
});
