import type { SqlClient } from '../../store/sql-client.js';
import type { StoreFeature } from '../../store/store-feature.js';
import { ROSTER_MIGRATIONS } from '../migrations.js';
import type { RosterRepository } from '../repository.js';
import * as deliveries from './deliveries.js';
import * as partners from './partners.js';
import * as webchatEmail from './webchat-email.js';
import * as reach from './reach.js';

/** The roster repository over the comment store's database (PGlite or Postgres). */
export function createSqlRosterRepository(db: SqlClient): RosterRepository {
  return {
    importPartners: (candidates) => partners.importPartners(db, candidates),
    recordActivity: (key, facts) => partners.recordActivity(db, key, facts),
    recordActivities: (entries) => partners.recordActivities(db, entries),
    setRemindersOptedOut: (key, optedOut, nowMs) => partners.setRemindersOptedOut(db, key, optedOut, nowMs),
    setReminderEmail: (key, contact, optedIn, nowMs) => partners.setReminderEmail(db, key, contact, optedIn, nowMs),
    emailContact: (key) => webchatEmail.emailContact(db, key),
    openReservedDraft: (key, nowMs) => webchatEmail.openReservedDraft(db, key, nowMs),
    stopEmailReminders: (key) => webchatEmail.stopEmailReminders(db, key),
    listPartners: (options) => partners.listPartners(db, options),
    progress: () => partners.progress(db),
    visitorCounts: () => reach.visitorCounts(db),
    reachRows: (progress) => reach.reachRows(db, progress),
    saveImportReport: (id, by, report) => reach.saveImportReport(db, id, by, report),
    importReport: (id) => reach.importReport(db, id),
    audienceIds: (audience) => partners.audienceIds(db, audience),
    reminderCandidates: () => partners.reminderCandidates(db),
    getPlan: () => deliveries.getPlan(db),
    savePlan: (plan, by) => deliveries.savePlan(db, plan, by),
    createSend: (send) => deliveries.createSend(db, send),
    sendProgress: (id) => deliveries.sendProgress(db, id),
    listSends: (limit) => deliveries.listSends(db, limit),
    claimDue: (options) => deliveries.claimDue(db, options),
    dueDeliveries: (options) => deliveries.dueDeliveries(db, options),
    claimOne: (stageKey, partnerId, options) => deliveries.claimOne(db, stageKey, partnerId, options),
    markSending: (delivery, options) => deliveries.markSending(db, delivery, options),
    finish: (delivery, status, code) => deliveries.finish(db, delivery, status, code),
    retryLater: (delivery, nextAttemptMs, code) => deliveries.retryLater(db, delivery, nextAttemptMs, code),
    recoverExpired: (nowMs, leaseMs) => deliveries.recoverExpired(db, nowMs, leaseMs),
    holdForConfirmation: (delivery, untilMs) => deliveries.holdForConfirmation(db, delivery, untilMs),
    markUnreachable: (partnerId, code) => partners.markUnreachable(db, partnerId, code),
    setDmChannel: (partnerId, channelId) => partners.setDmChannel(db, partnerId, channelId),
  };
}

/** The roster's tables, and its share of every submit: the partner's record says submitted at once. */
export const ROSTER_STORE_FEATURE: StoreFeature = {
  name: 'roster',
  migrations: ROSTER_MIGRATIONS,
  async onSubmit(tx, submission) {
    await partners.markSubmitted(tx, submission.conversationKey, new Date(submission.submittedAt).getTime());
  },
};
