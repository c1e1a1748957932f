import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandId, parseCommand } from '../../src/flow/commands.js';
import { daysLeft, describeStep, newSession, progressOf, receiptFor, step } from '../../src/flow/engine.js';
import { sessionSchema } from '../../src/flow/session.js';
import { DRAFT_ID, LATER, NOW, ctx, drive, flow, run, sessionAt, text } from './engine-helpers.js';

describe('receiptFor', () => {
  it('is deterministic, human-friendly Crockford base32', () => {
    expect(receiptFor(DRAFT_ID)).toBe(receiptFor(DRAFT_ID));
    expect(receiptFor(DRAFT_ID)).toMatch(/^RFI-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(receiptFor(`${DRAFT_ID}.1`)).not.toBe(receiptFor(DRAFT_ID));
  });

  it('spreads over many drafts without collisions', () => {
    const receipts = new Set(Array.from({ length: 5000 }, (_, i) => receiptFor(`draft-${i}`)));
    expect(receipts.size).toBe(5000);
  });
});

describe('daysLeft (calendar days in the flow time zone)', () => {
  const deadline = new Date('2022-03-15T23:59:59-04:00');
  const zone = 'America/New_York';
  it.each([
    ['2022-03-14T12:00:00-04:00', 1],
    ['2022-03-15T00:00:01-04:00', 0],
    ['2022-03-15T23:59:59-04:00', 0],
    ['2022-03-16T00:30:00-04:00', -1],
    // 02:00 UTC on the 15th is still the 14th in New York.
    ['2022-03-15T02:00:00Z', 1],
    ['2022-02-15T09:00:00-05:00', 28],
  ])('%s → %i', (now, expected) => {
    expect(daysLeft(deadline, new Date(now), zone)).toBe(expected);
  });
});

describe('progressOf and describeStep', () => {
  it.each([
    ['intro', 'intro', 0],
    ['organization', 'organization', 0],
    ['respondentType', 'respondentType', 0],
    ['contactEmail', 'contactEmail', 0],
    ['question', 'question:3', 3],
    ['review', 'review', 5],
    ['submitted', 'submitted', 5],
  ] as const)('%s → %s, index %i of 5', (where, described, index) => {
    const session = sessionAt(where);
    expect(describeStep(session)).toBe(described);
    expect(progressOf(flow, session)).toEqual({ index, total: 5 });
  });
});

describe('parseCommand', () => {
  it.each([
    ['AGREE', 'agree'],
    ['De Acuerdo', 'agree'],
    ['atras', 'back'],
    ['Atrás', 'back'],
    ['saltar', 'skip'],
    ['SI', 'yes'],
    ['Sí', 'yes'],
    ['anonimo', 'anonymous'],
    ['Editar 3', 'edit 3'],
    ['edit question 4', 'edit 4'],
    ['editar pregunta 2', 'edit 2'],
    ['idioma ES', 'language es'],
    ['language español', 'language es'],
    ['Language English', 'language en'],
    ['continuar', 'resume'],
    ['borrar', 'clear'],
  ])('%j → %s', (typed, id) => {
    const command = parseCommand(typed);
    expect(command).not.toBeNull();
    expect(commandId(command!)).toBe(id);
  });

  it.each(['agree with that', 'next time', 'yes, and more', '', 'editorial'])('%j is not a command', (typed) => {
    expect(parseCommand(typed)).toBeNull();
  });
});

describe('newSession and purity', () => {
  it('starts at the intro, version 0, valid against the session schema', () => {
    const session = newSession(flow, { channel: 'slack', draftId: DRAFT_ID, now: NOW, language: 'es' });
    expect(sessionSchema.parse(session)).toEqual(session);
    expect(session).toMatchObject({ version: 0, step: 'intro', language: 'es', channel: 'slack', createdAt: NOW.toISOString() });
  });

  it('every parked session is valid against the session schema', () => {
    for (const where of ['intro', 'organization', 'respondentType', 'contactEmail', 'question', 'review', 'review+pendingCancel', 'submitted'] as const) {
      expect(() => sessionSchema.parse(sessionAt(where, 'es'))).not.toThrow();
    }
  });

  it('gives the same result for the same input', () => {
    const session = sessionAt('review');
    expect(step(flow, session, text('submit'), LATER, ctx)).toEqual(step(flow, session, text('submit'), LATER, ctx));
  });

  it('keeps the language across steps once switched', () => {
    const session = drive(sessionAt('organization'), [text('idioma es'), text('Org'), text('1')]);
    expect(session.language).toBe('es');
    expect(run(session, text('help')).replies[0]!.text).toContain('Lo que puede escribir aquí');
  });

  it('the language switch re-shows the current step in the new language', () => {
    const result = run(sessionAt('contactEmail'), text('idioma es'));
    expect(result.replies[0]!.text).toMatch(/^Si quiere que el equipo pueda comunicarse/);
  });

  it('the engine source never reads the clock or randomness', () => {
    // Every file under src/flow/, sub-folders (the PII scanner's) included.
    const dir = new URL('../../src/flow/', import.meta.url);
    const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
    expect(files.length).toBeGreaterThan(20);
    for (const entry of files) {
      const path = join(entry.parentPath, entry.name);
      expect(readFileSync(path, 'utf8'), path).not.toMatch(/Date\.now\(|new Date\(\)|Math\.random|randomBytes|randomUUID/);
    }
  });
});
