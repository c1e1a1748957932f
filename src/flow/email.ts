import type { Catalog } from '../i18n/catalog.js';

export type EmailProblem = keyof Catalog['emailReasons'];

/**
 * A light check of a contact email: enough to catch typos and explain them in plain words. It does not
 * try to be RFC 5322; the address is only used by staff to write back.
 */
export function checkEmail(input: string): { ok: true; email: string } | { ok: false; problem: EmailProblem } {
  const email = input.trim();
  if (email.length === 0) return { ok: false, problem: 'empty' };
  if (email.length > 254) return { ok: false, problem: 'tooLong' };
  if (/\s/.test(email)) return { ok: false, problem: 'spaces' };
  const parts = email.split('@');
  if (parts.length === 1) return { ok: false, problem: 'missingAt' };
  if (parts.length > 2) return { ok: false, problem: 'manyAt' };
  const [local = '', domain = ''] = parts;
  if (local.length === 0) return { ok: false, problem: 'missingLocal' };
  // Labels of letters/digits/dashes (any script), a dot, and a top-level domain of 2+ letters.
  if (!/^(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+\p{L}{2,}$/u.test(domain)) return { ok: false, problem: 'missingDomain' };
  return { ok: true, email };
}
