import { randomBytes } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';

/**
 * Mailer — where an email goes: an SMTP server (SMTP_URL), or, in development without one, a `.eml` file
 * in DATA_DIR/outbox/ that admins read at /moderate/outbox (Rails' letter_opener, Django's console backend).
 *
 * Contract: `send` resolves once the message is accepted (by the SMTP server, or written in full: a file
 * appears under its final name only when complete) and rejects otherwise, with nodemailer's error
 * (`responseCode` 5xx = refused for good). Plain text only: every link is a URL on a line of its own.
 */
export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  headers?: Record<string, string>;
}

export interface Mailer {
  readonly transport: 'smtp' | 'outbox';
  send(email: OutgoingEmail): Promise<void>;
  close(): void;
}

export function createSmtpMailer(options: { url: string; from: string }): Mailer {
  const transport = nodemailer.createTransport(options.url, { from: options.from });
  return {
    transport: 'smtp',
    async send(email) {
      await transport.sendMail({ to: email.to, subject: email.subject, text: email.text, ...(email.headers ? { headers: email.headers } : {}) });
    },
    close: () => transport.close(),
  };
}

/** File names in the outbox: a sortable time, then random characters (never anything from the message). */
export const OUTBOX_FILE_PATTERN = /^\d{8}T\d{6}\d{3}Z-[a-f0-9]{8}\.eml$/;

export function createOutboxMailer(options: { dir: string; from: string; nowMs: () => number }): Mailer {
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    transport: 'outbox',
    async send(email) {
      const info = await composer.sendMail({ from: options.from, to: email.to, subject: email.subject, text: email.text, ...(email.headers ? { headers: email.headers } : {}) });
      const raw = info.message as unknown as Buffer;
      await mkdir(options.dir, { recursive: true, mode: 0o700 });
      const stamp = new Date(options.nowMs()).toISOString().replace(/[-:.]/g, '');
      const name = `${stamp}-${randomBytes(4).toString('hex')}.eml`;
      const partial = join(options.dir, `.${name}.partial`);
      await writeFile(partial, raw, { mode: 0o600 });
      await rename(partial, join(options.dir, name));
    },
    close: () => composer.close(),
  };
}
