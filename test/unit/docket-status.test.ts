import { describe, expect, it } from 'vitest';
import type { ForwardRow, ForwardState } from '../../src/forwarding/repository.js';
import { docketLine, docketState } from '../../src/moderation/pages/forwarding.js';

/** The docket status every submission page shows (issue 20 item 3): one truthful state for each case. */
const row = (state: ForwardState, extra: Partial<ForwardRow> = {}): ForwardRow => ({
  submissionId: 's1',
  state,
  attempts: 1,
  submissionKey: null,
  trackingNumber: null,
  apiStatus: null,
  apiMessage: null,
  updatedAt: '2026-12-04T18:00:00.000Z',
  ...extra,
});
const afterReview = { configured: true, mode: 'after-review' as const };

describe('docketState', () => {
  it('names every case', () => {
    expect(docketState({ configured: false, mode: 'after-review' }, ['cleared'], null)).toBe('not-configured');
    expect(docketState({ configured: false, mode: 'after-review' }, [], row('pending'))).toBe('not-configured');
    // What is on the docket stays on the docket, whatever the setup is now.
    expect(docketState({ configured: false, mode: 'auto' }, [], row('forwarded', { trackingNumber: 'kx1' }))).toBe('on-docket');
    expect(docketState(afterReview, [], null)).toBe('waiting-approval');
    expect(docketState(afterReview, ['quarantined'], null)).toBe('held');
    expect(docketState(afterReview, ['cleared'], null)).toBe('not-queued');
    expect(docketState({ configured: true, mode: 'auto' }, [], null)).toBe('not-queued');
    expect(docketState(afterReview, ['cleared'], row('pending'))).toBe('queued');
    expect(docketState(afterReview, ['cleared'], row('sending'))).toBe('sending');
    expect(docketState(afterReview, ['cleared'], row('dead'))).toBe('failed');
    expect(docketState(afterReview, ['cleared'], row('unknown'))).toBe('unknown');
    expect(docketState(afterReview, ['cleared'], row('held'))).toBe('held');
  });

  it('links the tracking number, shows the API message of a failure, and escapes both', () => {
    expect(docketLine('en', afterReview, [], row('forwarded', { trackingNumber: 'kx1-9' })).value).toContain('<a href="https://www.regulations.gov/comment/kx1-9"');
    const failed = docketLine('es', afterReview, [], row('dead', { apiMessage: 'bad <b>' })).value;
    expect(failed).toContain('Falló: la API lo rechazó.');
    expect(failed).toContain('bad &lt;b&gt;');
    expect(failed).toContain('href="/moderate/forwarding?state=dead"');
    expect(docketLine('en', afterReview, ['cleared'], row('unknown')).value).toContain('Unknown: the post may or may not have arrived. Check the docket.');
  });
});
