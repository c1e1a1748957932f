import { parseEml } from '../../src/email/outbox.js';
import type { ReceivedMail } from './smtp.js';

/** A captured email, decoded: its headers (by lowercase name), subject, text and every http(s) link in its text. */
export interface ReadMail {
  to: string[];
  subject: string;
  header(name: string): string | undefined;
  text: string;
  links: string[];
}

export function readMail(mail: ReceivedMail): ReadMail {
  const parsed = parseEml(mail.raw);
  return {
    to: mail.to,
    subject: parsed.subject,
    header: (name) => parsed.headers.find((h) => h.name.toLowerCase() === name.toLowerCase())?.value,
    text: parsed.text,
    links: [...parsed.text.matchAll(/https?:\/\/\S+/g)].map((match) => match[0]),
  };
}

/** The one link of `mail` whose path is `path` (e.g. "/email/confirm"); throws when there is not exactly one. */
export function linkTo(mail: ReadMail, path: string | RegExp): string {
  const found = mail.links.filter((link) => (typeof path === 'string' ? new URL(link).pathname === path : path.test(link)));
  if (found.length !== 1) throw new Error(`expected one link to ${String(path)}, found ${found.length}: ${mail.links.join(' ')}`);
  return found[0] as string;
}
