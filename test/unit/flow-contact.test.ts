import { describe, expect, it } from 'vitest';
import rfiFlow from '../../conversations/rfi-racial-equity-2022.js';
import { flowDefinitionSchema } from '../../src/flow/definition.js';
import { newSession, step } from '../../src/flow/engine.js';
import { t } from '../../src/i18n/catalog.js';
import { ctx, NOW } from './engine-helpers.js';

/** Issue 19: the questionnaire's official notice and contact, validated and shown in the intro and every receipt. */
const withContact = {
  ...rfiFlow,
  noticeUrl: 'https://www.federalregister.gov/documents/2022/02/01/example-notice',
  contact: { name: { en: 'The consultation team', es: 'El equipo de la consulta' }, email: 'rfi-team@example.gov', url: 'https://example.gov/rfi' },
};

describe('noticeUrl and contact', () => {
  it('are validated: https only, and a contact needs an email or a url', () => {
    expect(flowDefinitionSchema.safeParse(withContact).success).toBe(true);
    expect(flowDefinitionSchema.safeParse(rfiFlow).success).toBe(true);
    expect(flowDefinitionSchema.safeParse({ ...withContact, noticeUrl: 'http://example.gov/notice' }).success).toBe(false);
    expect(flowDefinitionSchema.safeParse({ ...withContact, contact: { name: withContact.contact.name } }).success).toBe(false);
    expect(flowDefinitionSchema.safeParse({ ...withContact, contact: { ...withContact.contact, email: 'not an email' } }).success).toBe(false);
    expect(flowDefinitionSchema.safeParse({ ...withContact, contact: { ...withContact.contact, name: { en: 'Team' } } }).success).toBe(false);
  });

  it.each(['en', 'es'] as const)('(%s) appear in the intro as a short line and in the receipt with what happens next', (language) => {
    const flow = flowDefinitionSchema.parse(withContact);
    const c = t(language);
    let session = newSession(flow, { channel: 'slack', draftId: 'draft-contact', now: NOW, language });
    const intro = step(flow, session, { kind: 'start' }, NOW, ctx).replies[0]!.text;
    expect(intro).toContain(c.noticeLine(withContact.noticeUrl));
    expect(intro).toContain(c.contactLine(withContact.contact.name[language], c.contactOr('rfi-team@example.gov', 'https://example.gov/rfi')));
    for (const typed of ['agree', 'anonymous', '1', 'skip', 'A short answer.', 'review', 'submit']) {
      const result = step(flow, session, { kind: 'text', text: typed }, NOW, { ...ctx, forwardMode: 'auto' });
      session = { ...result.session, version: result.session.version + 1 };
      if (typed === 'submit') {
        const receipt = result.replies[0]!.text;
        expect(receipt).toContain(c.receiptNext.auto);
        expect(receipt).toContain('rfi-team@example.gov');
      }
    }
    const status = step(flow, session, { kind: 'text', text: 'status' }, NOW, { ...ctx, forwardMode: 'auto' }).replies[0]!.text;
    expect(status).toContain('rfi-team@example.gov');
  });
});
