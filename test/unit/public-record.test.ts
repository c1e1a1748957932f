import { describe, expect, it } from 'vitest';
import { idSegment, Router } from '../../src/http/router.js';
import { exportCountsLine } from '../../src/moderation/pages/views.js';
import { submissionHref } from '../../src/moderation/pages/links.js';
import { exportsOnlyCleared } from '../../src/moderation/api.js';
import { omittedHeader } from '../../src/moderation/exports.js';
import { BANDS, decodeSignature, encodeSignature, signatureOf, similarity, words } from '../../src/moderation/similarity.js';
import { publishedOrganization } from '../../src/moderation/submission-view.js';

describe('submission ids in paths', () => {
  const router = new Router();
  router.add('GET', new RegExp(`^/api/submissions/${idSegment()}$`), () => undefined);

  it('matches and decodes every id, dots included, and round-trips the dashboard links', () => {
    for (const id of ['3f9a0c', '3f9a0c.1', '3f9a0c.12', 'legacy:a/b c%', 'ümlaut-ñ']) {
      const found = router.match('GET', `/api/submissions/${encodeURIComponent(id)}`);
      expect(found, id).not.toBe(null);
      expect(found !== null && found !== 'method-not-allowed' ? found.params.id : null).toBe(id);
      expect(decodeURIComponent(submissionHref(id).slice('/moderate/submissions/'.length))).toBe(id);
    }
  });

  it('matches no route for a malformed escape or an empty id', () => {
    expect(router.match('GET', '/api/submissions/%zz')).toBeNull();
    expect(router.match('GET', '/api/submissions/')).toBeNull();
  });
});

describe('what exports leave out', () => {
  it('formats the header exactly as the issue says', () => {
    expect(omittedHeader({ quarantined: 1, unreviewed: 0 })).toBe('quarantined=1; unreviewed=0');
  });
  it('keeps only cleared submissions in the docket file in after-review mode, unless asked', () => {
    expect(exportsOnlyCleared('regulations', 'after-review', false)).toBe(true);
    expect(exportsOnlyCleared('regulations', 'after-review', true)).toBe(false);
    expect(exportsOnlyCleared('regulations', 'auto', false)).toBe(false);
    expect(exportsOnlyCleared('csv', 'after-review', false)).toBe(false);
    expect(exportsOnlyCleared('jsonl', 'after-review', false)).toBe(false);
  });
  it('says "7 of 8; 1 quarantined left out" in plain words, in both languages', () => {
    expect(exportCountsLine('en', '{included} of {matching}', { matching: 8, quarantined: 1, unreviewed: 0 })).toBe('7 of 8; 1 quarantined left out');
    expect(exportCountsLine('en', '{included} of {matching}', { matching: 8, quarantined: 1, unreviewed: 2 })).toBe('5 of 8; 1 quarantined left out; 2 not yet cleared left out');
    expect(exportCountsLine('es', '{included} de {matching}', { matching: 8, quarantined: 1, unreviewed: 0 })).toBe('7 de 8; 1 en cuarentena quedan fuera');
  });
});

describe('published organization', () => {
  it('is the redacted version when there is one, and none when it was redacted to nothing', () => {
    expect(publishedOrganization({ organization: 'Jane Doe, 12 Elm St', organizationRedacted: 'A group' })).toBe('A group');
    expect(publishedOrganization({ organization: 'Harbor Light', organizationRedacted: null })).toBe('Harbor Light');
    expect(publishedOrganization({ organization: 'Jane Doe', organizationRedacted: ' ' })).toBeNull();
    expect(publishedOrganization({ organization: null, organizationRedacted: null })).toBeNull();
  });
});

describe('near-duplicate signatures', () => {
  const text = 'We ask the agency to fund survivor-led organizations directly with multi-year grants and simple reporting';
  it('splits words without punctuation or case', () => {
    expect(words('Fund, survivor-LED groups!  Now.')).toEqual(['fund', 'survivor', 'led', 'groups', 'now']);
  });
  it('rates the same words 1, a small edit high, and different texts low', () => {
    const a = signatureOf(text);
    const b = signatureOf(`${text.toUpperCase()}!!!`);
    const c = signatureOf(`${text} please`);
    const d = signatureOf('Data on labor trafficking in agriculture is missing and should be collected by community researchers every year');
    expect(a && b && similarity(a, b)).toBe(1);
    expect(a && c ? similarity(a, c) : 0).toBeGreaterThanOrEqual(0.8);
    expect(a && d ? similarity(a, d) : 1).toBeLessThan(0.3);
  });
  it('leaves short texts out and round-trips the stored form', () => {
    expect(signatureOf('Yes, I agree with that.')).toBeNull();
    const a = signatureOf(text);
    expect(a).not.toBeNull();
    if (!a) return;
    const decoded = decodeSignature(encodeSignature(a));
    expect(decoded && similarity(a, decoded)).toBe(1);
    expect(decodeSignature('zz')).toBeNull();
    expect(BANDS * 4).toBe(a.values.length);
  });
});
