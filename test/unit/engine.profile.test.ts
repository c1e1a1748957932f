import { describe, expect, it } from 'vitest';
import { act, flow, run, sessionAt, text } from './engine-helpers.js';

describe('intro', () => {
  it('says who is asking, the deadline and days left, the public record, the personal-information warning and the content note', () => {
    const { replies } = run(sessionAt('intro'), { kind: 'start' });
    const intro = replies[0]!.text;
    expect(intro).toContain(flow.askedBy.en);
    expect(intro).toContain('March 15, 2022');
    expect(intro).toContain('11 days left');
    expect(intro).toMatch(/public record/);
    expect(intro).toMatch(/names, contact details, case details, Social Security numbers or medical information/);
    expect(intro).toMatch(/human trafficking\. You may skip any question/);
    expect(replies[0]!.actions).toEqual([
      { id: 'agree', label: 'I agree', emphasis: 'primary' },
      { id: 'language es', label: 'Español (idioma es)' },
    ]);
  });

  it('is offered in Spanish, with the deadline in Spanish', () => {
    const { session, replies } = run(sessionAt('intro'), text('idioma es'));
    expect(session.language).toBe('es');
    expect(replies[0]!.text).toContain(flow.askedBy.es);
    expect(replies[0]!.text).toContain('15 de marzo de 2022');
    expect(replies[0]!.text).toContain('registro público');
    expect(replies[0]!.actions).toEqual([
      { id: 'agree', label: 'Acepto', emphasis: 'primary' },
      { id: 'language en', label: 'English (language en)' },
    ]);
  });

  it('start on a brand-new session shows the intro; on an existing one it welcomes back', () => {
    const brandNew = run({ ...sessionAt('intro'), version: 0 }, { kind: 'start' });
    expect(brandNew.outcome).toBe('started');
    const existing = run(sessionAt('respondentType'), { kind: 'start' });
    expect(existing.outcome).toBe('resumed');
    expect(existing.replies[0]!.text).toMatch(/^Welcome back\./);
    expect(existing.replies[0]!.text).toContain('Which of these best describes you?');
  });

  it('agree records consent once', () => {
    const agreed = run(sessionAt('intro'), text('de acuerdo')).session;
    expect(agreed.step).toBe('organization');
    expect(agreed.consentedAt).toBe('2022-03-04T16:30:00.000Z');
    const again = run(run(agreed, text('back')).session, text('agree'), { now: new Date('2022-03-05T00:00:00Z') }).session;
    expect(again.consentedAt).toBe('2022-03-04T16:30:00.000Z');
  });

  it('says when the deadline has passed', () => {
    const { replies } = run(sessionAt('intro'), { kind: 'start' }, { now: new Date('2022-03-20T12:00:00Z') });
    // Some ICU versions put a narrow no-break space before "PM".
    expect(replies[0]!.text.replace(/\u202f/g, ' ')).toContain('The deadline for comments was March 15, 2022 at 11:59 PM EDT. It has passed.');
  });
});

describe('organization', () => {
  it('saves a name, trimmed', () => {
    const { session } = run(sessionAt('organization'), text('  Casa de Esperanza  '));
    expect(session.organization).toBe('Casa de Esperanza');
    expect(session.step).toBe('respondentType');
  });

  it.each(['anonymous', 'Anonymous', 'anónimo', 'anonimo', 'anónima'])('"%s" means no organization (null)', (typed) => {
    const { session, outcome } = run(sessionAt('organization'), text(typed));
    expect(session.organization).toBeNull();
    expect(outcome).toBe('answered');
  });

  it('accepts 200 characters and re-asks at 201', () => {
    expect(run(sessionAt('organization'), text('o'.repeat(200))).session.organization).toHaveLength(200);
    const before = sessionAt('organization');
    const result = run(before, text('o'.repeat(201)));
    expect(result.outcome).toBe('reasked');
    expect(result.session).toEqual(before);
    expect(result.replies[0]!.text).toContain('201 characters');
    expect(result.replies[0]!.text).toContain('200');
  });

  it('after back, next keeps the name given', () => {
    const back = run(sessionAt('respondentType'), text('back')).session;
    expect(back.step).toBe('organization');
    const { session } = run(back, text('next'));
    expect(session.step).toBe('respondentType');
    expect(session.organization).toBe('Acme Community Partners');
  });
});

describe('respondent type', () => {
  const cases: Array<[string, string]> = [
    ['1', 'survivor-led-organization'],
    ['7', 'other'],
    ['3.', 'advocacy-or-faith-based-organization'],
    ['survivor-led organization', 'survivor-led-organization'],
    ['DIRECT SERVICE PROVIDER', 'direct-service-provider'],
    ['Researcher or academic', 'researcher-or-academic'],
    ['Organización dirigida por sobrevivientes', 'survivor-led-organization'],
    ['organizacion de defensa o basada en la fe', 'advocacy-or-faith-based-organization'],
    ['Investigador o académico', 'researcher-or-academic'],
    ['gobierno', 'government'],
    ['otro', 'other'],
    ['individual', 'individual'],
    ['persona a titulo individual', 'individual'],
    // Part of one name is enough when only one type fits.
    ['direct service', 'direct-service-provider'],
    ['researcher', 'researcher-or-academic'],
    ['sobrevivientes', 'survivor-led-organization'],
  ];
  for (const language of ['en', 'es'] as const) {
    it.each(cases)(`(${language} session) "%s" → %s`, (typed, id) => {
      const { session, outcome } = run(sessionAt('respondentType', language), text(typed));
      expect(outcome).toBe('answered');
      expect(session.respondentTypeId).toBe(id);
      expect(session.step).toBe('contactEmail');
    });
  }

  it('a number button chooses by number', () => {
    expect(run(sessionAt('respondentType'), act('4')).session.respondentTypeId).toBe('researcher-or-academic');
  });

  it('lists seven numbered choices with buttons "1".."7" labelled in the session language', () => {
    const { replies } = run(sessionAt('respondentType', 'es'), text('continuar'));
    expect(replies[0]!.text).toContain('1. Organización dirigida por sobrevivientes');
    expect(replies[0]!.actions?.slice(0, 7).map((a) => a.id)).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    expect(replies[0]!.actions?.[4]).toEqual({ id: '5', label: 'Gobierno', group: 'respondentType' });
  });

  // "organization" fits three types, "or" is too short to mean anything: both are ambiguous.
  it.each(['0', '8', 'teacher', 'organization', 'or'])('"%s" is re-asked, nothing changes', (typed) => {
    const before = sessionAt('respondentType');
    const result = run(before, text(typed));
    expect(result.outcome).toBe('reasked');
    expect(result.session).toEqual(before);
    expect(result.replies[0]!.text).toContain('from 1 to 7');
  });
});

describe('contact email', () => {
  it('keeps a valid address (private) and opens question 1', () => {
    const { session, replies } = run(sessionAt('contactEmail'), text(' maria.lopez+rfi@example.org '));
    expect(session.contactEmail).toBe('maria.lopez+rfi@example.org');
    expect(session.step).toBe('question');
    expect(session.questionIndex).toBe(0);
    expect(replies[0]!.text).toContain('saved privately');
  });

  it.each(['skip', 'omitir', 'saltar'])('"%s" leaves it out (null)', (typed) => {
    const { session } = run(sessionAt('contactEmail'), text(typed));
    expect(session.contactEmail).toBeNull();
    expect(session.step).toBe('question');
  });

  const invalid: Array<[string, RegExp]> = [
    ['maria at example.org', /no spaces/],
    ['maria.example.org', /needs an @ sign/],
    ['maria@@example.org', /more than one @/],
    ['@example.org', /missing before the @/],
    ['maria@example', /after the @ sign should look like example\.org/],
    [`${'a'.repeat(250)}@example.org`, /too long/],
  ];
  it.each(invalid)('"%s" is re-asked with the reason', (typed, reason) => {
    const before = sessionAt('contactEmail');
    const result = run(before, text(typed));
    expect(result.outcome).toBe('reasked');
    expect(result.session).toEqual(before);
    expect(result.replies[0]!.text).toMatch(reason);
  });

  it('gives the reason in Spanish', () => {
    const result = run(sessionAt('contactEmail', 'es'), text('maria.example.org'));
    expect(result.replies[0]!.text).toContain('necesita el signo @');
  });
});
