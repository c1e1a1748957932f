import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { OUTBOX_FILE_PATTERN } from './mailer.js';

/**
 * Reading the development outbox (DATA_DIR/outbox/*.eml, written by the outbox mailer) for
 * /moderate/outbox. The messages are the bot's own (single-part text/plain, as nodemailer writes them), so
 * this reads just that: headers, RFC 2047 subjects, quoted-printable or base64 bodies.
 */
export interface OutboxMessage {
  name: string;
  to: string;
  subject: string;
  date: string;
  headers: Array<{ name: string; value: string }>;
  text: string;
}

export async function listOutbox(dir: string, limit: number): Promise<OutboxMessage[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => OUTBOX_FILE_PATTERN.test(name));
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return [];
    throw error;
  }
  names.sort().reverse();
  const messages: OutboxMessage[] = [];
  for (const name of names.slice(0, limit)) {
    const message = await readOutboxMessage(dir, name);
    if (message) messages.push(message);
  }
  return messages;
}

/** One message by file name; null for a name that is not an outbox file (nothing from the URL reaches the disk otherwise). */
export async function readOutboxMessage(dir: string, name: string): Promise<OutboxMessage | null> {
  if (!OUTBOX_FILE_PATTERN.test(name)) return null;
  let raw: string;
  try {
    raw = await readFile(join(dir, name), 'utf8');
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return null;
    throw error;
  }
  return { name, ...parseEml(raw) };
}

export function parseEml(raw: string): Omit<OutboxMessage, 'name'> {
  const normalized = raw.replace(/\r\n/g, '\n');
  const split = normalized.indexOf('\n\n');
  const head = split === -1 ? normalized : normalized.slice(0, split);
  const body = split === -1 ? '' : normalized.slice(split + 2);
  const headers = head
    .replace(/\n[ \t]+/g, ' ')
    .split('\n')
    .filter((line) => line.includes(':'))
    .map((line) => {
      const index = line.indexOf(':');
      return { name: line.slice(0, index).trim(), value: decodeWords(line.slice(index + 1).trim()) };
    });
  const header = (name: string) => headers.find((h) => h.name.toLowerCase() === name.toLowerCase())?.value ?? '';
  const encoding = header('Content-Transfer-Encoding').toLowerCase();
  const text = encoding === 'quoted-printable' ? decodeQuotedPrintable(body) : encoding === 'base64' ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8') : body;
  return { to: header('To'), subject: header('Subject'), date: header('Date'), headers, text };
}

function decodeQuotedPrintable(text: string): string {
  const joined = text.replace(/=\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i += 1) {
    const char = joined[i] as string;
    const hex = joined.slice(i + 1, i + 3);
    if (char === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(char, 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** `=?UTF-8?Q?…?=` and `=?UTF-8?B?…?=` words (nodemailer encodes non-ASCII subjects so). */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_whole, _charset: string, kind: string, data: string) =>
      kind.toUpperCase() === 'B' ? Buffer.from(data, 'base64').toString('utf8') : decodeQuotedPrintable(data.replace(/_/g, ' ')),
    );
}
