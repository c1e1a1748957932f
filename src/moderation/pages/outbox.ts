import type { Language } from '../../core/types.js';
import type { OutboxMessage } from '../../email/outbox.js';
import { m } from '../messages.js';
import { escapeHtml, html, SafeHtml } from './html.js';

/** The development outbox: a list of the emails written, and one email with its links clickable. Pure. */
export function outboxListBody(language: Language, messages: readonly OutboxMessage[]): SafeHtml {
  const t = m(language);
  const rows = messages.map(
    (message) =>
      html`<tr><td>${message.date}</td><td>${message.to}</td><td><a href="/moderate/outbox/${message.name}">${message.subject || message.name}</a></td></tr>`,
  );
  return html`<p>${t.outboxIntro}</p>${
    messages.length === 0
      ? html`<p>${t.outboxEmpty}</p>`
      : html`<table><thead><tr><th scope="col">${t.outboxWhen}</th><th scope="col">${t.outboxTo}</th><th scope="col">${t.outboxSubject}</th></tr></thead><tbody>${rows}</tbody></table>`
  }`;
}

export function outboxMessageBody(language: Language, message: OutboxMessage): SafeHtml {
  const t = m(language);
  const headers = message.headers.map((header) => html`<dt>${header.name}</dt><dd>${linkify(header.value.replace(/^<(.*)>$/, '$1'))}</dd>`);
  return html`<p><a href="/moderate/outbox">${t.outboxBack}</a></p>
<h2>${t.outboxHeaders}</h2><dl>${headers}</dl>
<h2>${t.outboxBody}</h2><pre class="outbox-text">${linkify(message.text)}</pre>`;
}

/** Text with every http(s) URL as a link; everything else escaped. */
export function linkify(text: string): SafeHtml {
  const parts: string[] = [];
  let last = 0;
  for (const match of text.matchAll(/https?:\/\/[^\s<>"']+/g)) {
    const index = match.index ?? 0;
    parts.push(escapeHtml(text.slice(last, index)));
    const url = escapeHtml(match[0]);
    parts.push(`<a href="${url}">${url}</a>`);
    last = index + match[0].length;
  }
  parts.push(escapeHtml(text.slice(last)));
  return new SafeHtml(parts.join(''));
}
