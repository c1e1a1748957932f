import { SESSION_SCHEMA_VERSION } from './session.js';

/**
 * Ordered upgrades of stored sessions, one per schema version ever shipped: `UPGRADES[n]` turns a
 * version-n session into a version-(n+1) one. Rules:
 * - never edit a step that has shipped; a new shape adds a step and bumps SESSION_SCHEMA_VERSION;
 * - a step adds what the new version needs with values that keep the draft meaning what it meant
 *   (nothing the partner wrote is dropped or moved);
 * - every version keeps a fixture under test/fixtures/sessions/v<n>.json, upgraded by the test suite.
 * Steps work on plain JSON; the result of the last one is checked against the current schema by the codec.
 */
export type RawSession = Record<string, unknown>;

const UPGRADES: Readonly<Record<number, (session: RawSession) => RawSession>> = {
  /**
   * 1 → 2: flow upgrades. v1 did not record which wording the partner saw, so `seenQuestions` is
   * unknown (null); nothing reworded or retired yet.
   */
  1: (session) => ({
    ...session,
    schemaVersion: 2,
    seenQuestions: null,
    reworded: [],
    retiredAnswers: [],
    flowUpdatedNotice: false,
  }),
};

/** The oldest schema version this code still reads. */
export const OLDEST_SESSION_SCHEMA_VERSION = 1;

/** Upgrades `session` from `fromVersion` to SESSION_SCHEMA_VERSION, one step at a time. */
export function upgradeSession(session: RawSession, fromVersion: number): RawSession {
  let current = session;
  for (let version = fromVersion; version < SESSION_SCHEMA_VERSION; version += 1) {
    const upgrade = UPGRADES[version];
    if (!upgrade) throw new Error(`no session upgrade from schema version ${version}`);
    current = upgrade(current);
  }
  return current;
}
