import nodemailer from 'nodemailer';
import { describe, expect, it } from 'vitest';
import { parseEml } from '../../src/email/outbox.js';
import { linkify } from '../../src/moderation/pages/outbox.js';

/** Reading the development outbox: what nodemailer writes comes back as it was sent, and shows safely. */
describe('development outbox', () => {
  it('reads back a message as nodemailer writes it (encoded subject, quoted-printable text, long lines)', async () => {
    const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
    const text = `Recordatorio: ¿quiere continuar? ${'palabra '.repeat(30)}\nhttps://rfi.example.org/email/unsubscribe?token=${'a'.repeat(43)}`;
    const info = await composer.sendMail({ from: 'RFI <rfi@example.org>', to: 'ana@example.org', subject: 'Un recordatorio: Equidad racial – RFI', text, headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } });
    const parsed = parseEml((info.message as unknown as Buffer).toString('utf8'));
    expect(parsed.subject).toBe('Un recordatorio: Equidad racial – RFI');
    expect(parsed.to).toBe('ana@example.org');
    expect(parsed.text.trim()).toBe(text);
    expect(parsed.headers).toContainEqual({ name: 'List-Unsubscribe-Post', value: 'List-Unsubscribe=One-Click' });
  });

  it('makes http(s) links clickable and escapes everything else', () => {
    const shown = linkify('A note: <script>alert(1)</script> see https://rfi.example.org/#session=abc and javascript:alert(2)').value;
    expect(shown).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(shown).toContain('<a href="https://rfi.example.org/#session=abc">https://rfi.example.org/#session=abc</a>');
    expect(shown).not.toContain('href="javascript');
  });
});
