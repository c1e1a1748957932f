import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../src/errors.js';
import { decodeSession, encodeSession } from '../../src/flow/session-codec.js';
import { OLDEST_SESSION_SCHEMA_VERSION } from '../../src/flow/session-migrations.js';
import { SESSION_SCHEMA_VERSION } from '../../src/flow/session.js';
import { DRAFT_ID, flow, NOW } from './engine-helpers.js';
import { newSession } from '../../src/flow/engine.js';

/**
 * Every session schema version ever shipped has a fixture, stored exactly as that version of the bot
 * wrote it. Each must load under the current code, keep every word the partner wrote, and save again.
 */
const FIXTURES = new URL('../fixtures/sessions/', import.meta.url);

function fixture(version: number): { raw: Record<string, unknown>; text: string } {
  const text = readFileSync(new URL(`v${version}.json`, FIXTURES), 'utf8');
  return { raw: JSON.parse(text) as Record<string, unknown>, text };
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return isAppError(error) ? error.code : 'NOT_AN_APP_ERROR';
  }
  return undefined;
}

describe('session codec: upgrades keep drafts', () => {
  it('has one fixture for every schema version from the oldest read to the current one', () => {
    const versions = readdirSync(FIXTURES)
      .map((file) => /^v(\d+)\.json$/.exec(file)?.[1])
      .filter((value): value is string => value !== undefined)
      .map(Number)
      .sort((a, b) => a - b);
    const expected = Array.from({ length: SESSION_SCHEMA_VERSION - OLDEST_SESSION_SCHEMA_VERSION + 1 }, (_, i) => OLDEST_SESSION_SCHEMA_VERSION + i);
    expect(versions).toEqual(expected);
  });

  for (let version = OLDEST_SESSION_SCHEMA_VERSION; version <= SESSION_SCHEMA_VERSION; version += 1) {
    it(`loads a schema-${version} session, keeps every answer, and saves it as schema ${SESSION_SCHEMA_VERSION}`, () => {
      const { raw, text } = fixture(version);
      expect(raw.schemaVersion).toBe(version);
      const decoded = decodeSession({ version: raw.version as number, data: text });
      expect(decoded.upgradedFrom).toBe(version < SESSION_SCHEMA_VERSION ? version : null);
      const session = decoded.session;
      expect(session.schemaVersion).toBe(SESSION_SCHEMA_VERSION);
      expect(session.version).toBe(raw.version);
      expect(session.answers).toEqual(raw.answers);
      for (const field of ['draftId', 'flowId', 'flowVersion', 'channel', 'language', 'step', 'questionIndex', 'respondentTypeId', 'skipped', 'consentedAt', 'timeZone', 'createdAt'] as const) {
        expect(session[field]).toEqual(raw[field]);
      }
      if ('organization' in raw) expect(session.organization).toBe(raw.organization);
      // Saved again under the current schema, it reads back the same.
      const saved = encodeSession(session);
      expect(saved.version).toBe(session.version);
      expect(decodeSession(saved)).toEqual({ session, upgradedFrom: null });
    });
  }

  it('schema 1 → 2: the wording the partner saw is unknown, nothing is reworded or retired yet', () => {
    const { raw, text } = fixture(1);
    const { session } = decodeSession({ version: raw.version as number, data: text });
    expect(session.seenQuestions).toBeNull();
    expect(session.reworded).toEqual([]);
    expect(session.retiredAnswers).toEqual([]);
    expect(session.flowUpdatedNotice).toBe(false);
  });

  it('refuses a session saved by a newer version of the bot (SESSION_TOO_NEW), naming both versions', () => {
    const { raw } = fixture(SESSION_SCHEMA_VERSION);
    const newer = JSON.stringify({ ...raw, schemaVersion: SESSION_SCHEMA_VERSION + 1, somethingNew: true });
    let caught: unknown;
    try {
      decodeSession({ version: 4, data: newer });
    } catch (error) {
      caught = error;
    }
    expect(isAppError(caught) && caught.code).toBe('SESSION_TOO_NEW');
    expect(String((caught as Error).message)).toContain(String(SESSION_SCHEMA_VERSION + 1));
    // The message never echoes the draft.
    expect(String((caught as Error).message)).not.toContain('Sandpiper');
  });

  it('treats broken values as SESSION_CORRUPT, never as "no session"', () => {
    const { raw } = fixture(SESSION_SCHEMA_VERSION);
    expect(codeOf(() => decodeSession({ version: 1, data: '{not json' }))).toBe('SESSION_CORRUPT');
    expect(codeOf(() => decodeSession({ version: 1, data: '[1,2]' }))).toBe('SESSION_CORRUPT');
    expect(codeOf(() => decodeSession({ version: 1, data: JSON.stringify({ ...raw, schemaVersion: 0 }) }))).toBe('SESSION_CORRUPT');
    expect(codeOf(() => decodeSession({ version: 1, data: JSON.stringify({ ...raw, schemaVersion: '2' }) }))).toBe('SESSION_CORRUPT');
    expect(codeOf(() => decodeSession({ version: 1, data: JSON.stringify({ ...raw, answers: 'oops' }) }))).toBe('SESSION_CORRUPT');
    const { answers: _dropped, ...v1WithoutAnswers } = fixture(1).raw;
    expect(codeOf(() => decodeSession({ version: 1, data: JSON.stringify(v1WithoutAnswers) }))).toBe('SESSION_CORRUPT');
  });

  it('refuses to store a session that does not match the schema (SESSION_INVALID)', () => {
    const session = newSession(flow, { draftId: DRAFT_ID, channel: 'webchat', now: NOW });
    expect(codeOf(() => encodeSession({ ...session, step: 'nowhere' as never }))).toBe('SESSION_INVALID');
    expect(codeOf(() => encodeSession(session))).toBeUndefined();
  });

  it('takes the version from the store, not the copy inside the JSON (the store counter is what compare-and-set checks)', () => {
    const { text } = fixture(SESSION_SCHEMA_VERSION);
    expect(decodeSession({ version: 12, data: text }).session.version).toBe(12);
  });
});
