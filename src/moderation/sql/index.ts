import type { SqlClient, SqlQueryable } from '../../store/sql-client.js';
import type { ModerationRepository } from '../repository.js';
import { audit, listAudit } from './audit.js';
import { closeSession, findSession, openSession } from './sessions.js';
import { readStats } from './stats.js';
import { countForExport, getSubmission, listSubmissions, neighbours, setCommittee, setFlag, setRedaction } from './submissions.js';
import { backfillPublicRecord } from './backfill.js';
import { createToken, findActorByToken, listTokens, revokeToken, upsertFixedToken } from './tokens.js';

/**
 * What other features do in the transaction of a moderator's decision: `onCleared` runs when a
 * submission is marked `cleared` (reviewed and approved), e.g. writing the forward-to-docket intent.
 */
export interface ModerationHooks {
  onCleared?: (tx: SqlQueryable, submissionId: string) => Promise<void>;
}

/** The moderation repository over the comment store's database (PGlite or Postgres). */
export function createSqlModerationRepository(db: SqlClient, hooks: ModerationHooks = {}): ModerationRepository {
  const onCleared = hooks.onCleared;
  return {
    listSubmissions: (filters, options) => listSubmissions(db, filters, options),
    getSubmission: (id, withContact) => getSubmission(db, id, withContact),
    neighbours: (id, filters, sort) => neighbours(db, id, filters, sort),
    setFlag: (id, flag, on, by) =>
      flag === 'cleared' && on && onCleared
        ? db.transaction(async (tx) => {
            const found = await setFlag(tx, id, flag, on, by);
            if (found) await onCleared(tx, id);
            return found;
          })
        : setFlag(db, id, flag, on, by),
    setCommittee: (id, committeeId, on, by) => setCommittee(db, id, committeeId, on, by),
    setRedaction: (id, questionId, text, by) => db.transaction((tx) => setRedaction(tx, id, questionId, text, by)),
    countForExport: (filters, options) => countForExport(db, filters, options),
    backfillPublicRecord: (limit) => db.transaction((tx) => backfillPublicRecord(tx, limit)),
    readStats: () => readStats(db),
    audit: (actor, action, submissionId, detail) => audit(db, actor, action, submissionId, detail),
    listAudit: (options) => listAudit(db, options),
    createToken: (role, name, expiresAt) => createToken(db, role, name, expiresAt ?? null),
    upsertFixedToken: (id, token, role, name) => upsertFixedToken(db, id, token, role, name),
    revokeToken: (idOrPrefix) => revokeToken(db, idOrPrefix),
    listTokens: () => listTokens(db),
    findActorByToken: (token, nowMs) => findActorByToken(db, token, nowMs ?? Date.now()),
    openSession: (actor, nowMs) => openSession(db, actor, nowMs),
    findSession: (sessionId, nowMs) => findSession(db, sessionId, nowMs),
    closeSession: (sessionId) => closeSession(db, sessionId),
  };
}
