import type { Language } from '../../core/types.js';
import type { FlowDefinition } from '../../flow/definition.js';
import { isFlag } from '../committees.js';
import { m, type MessageKey } from '../messages.js';
import type { AuditEntry } from '../repository.js';
import { doneText, isOrganizationTarget } from './confirm.js';

/**
 * The audit log's words for an action: the same as the confirmation the moderator saw ("Approved for the
 * docket", "Redaction saved for question 3"); actions without one keep their code. Pure.
 */
export function auditActionLabel(language: Language, flow: FlowDefinition, entry: AuditEntry): string | null {
  const t = m(language);
  const detail = (entry.detail ?? {}) as Record<string, unknown>;
  const on = /-(set|saved)$/.test(entry.action);
  if ((entry.action === 'flag-set' || entry.action === 'flag-cleared') && isFlag(detail.flag)) return doneText(language, { kind: 'flag', on, flag: detail.flag });
  if ((entry.action === 'committee-set' || entry.action === 'committee-cleared') && typeof detail.committee === 'string') {
    return doneText(language, { kind: 'committee', on, committee: detail.committee });
  }
  if ((entry.action === 'redaction-saved' || entry.action === 'redaction-removed') && typeof detail.questionId === 'string') {
    if (isOrganizationTarget(detail.questionId)) return doneText(language, { kind: 'redaction', on, target: 'organization' });
    const index = flow.questions.findIndex((q) => q.id === detail.questionId);
    return index < 0 ? null : doneText(language, { kind: 'redaction', on, target: index + 1 });
  }
  if (entry.action === 'forward-resolved') return detail.retry === true ? t.audit_forward_resolved_retry : t.audit_forward_resolved_tracking;
  const key = `audit_${entry.action.replace(/-/g, '_')}` as MessageKey;
  return key in t ? t[key] : null;
}
