import { afterEach, describe, expect, it, vi } from 'vitest';
import { quietSdkTokenReports, sdkTokenReport } from '../../adapters/teams/quiet-console.js';

describe("botframework-connector's console reports of refused tokens", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('recognises the two shapes the SDK prints, and nothing else', () => {
    const expired = Object.assign(new Error('jwt expired'), { name: 'TokenExpiredError' });
    expect(sdkTokenReport([expired])).toBe('TokenExpiredError');
    expect(sdkTokenReport(['Error finding key for token. Available keys: -----BEGIN RSA PUBLIC KEY-----'])).toBe('unknown-signing-key');
    expect(sdkTokenReport([new Error('database is down')])).toBeNull();
    expect(sdkTokenReport(['something else went wrong'])).toBeNull();
    expect(sdkTokenReport([])).toBeNull();
  });

  it('turns those into reports and passes every other console.error through', () => {
    const written: unknown[][] = [];
    // The wrapper captures console.error when first installed: point it at a recorder for this test.
    const recorder = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      written.push(args);
    });
    const reports: string[] = [];
    quietSdkTokenReports((kind) => reports.push(kind));
    console.error(Object.assign(new Error('invalid signature'), { name: 'JsonWebTokenError' }));
    console.error('an unrelated problem', 42);
    expect(reports).toEqual(['JsonWebTokenError']);
    expect(written).toEqual([['an unrelated problem', 42]]);
    recorder.mockRestore();
  });
});
