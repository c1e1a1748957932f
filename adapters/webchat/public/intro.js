// The first screen (issue 19, item 2): the consultation's title as a heading, who asks and why, a way to
// check it (the official notice, the organizer's contact), the notes as a list. Words come from the server.
import { make, pageText } from './dom.js';

/** @param {{ title: string, askedBy: string, purpose: string, deadline: string, notesHeading: string, notes: string[], noticeUrl: string | null, contact: { name: string, email: string | null, url: string | null } | null, howTo: string[] }} intro */
export function renderIntro(intro) {
  const box = make('div', 'intro');
  box.append(make('h2', 'intro-title', intro.title));
  const lead = make('div', 'intro-lead');
  lead.append(make('p', 'intro-who', intro.askedBy), make('p', 'intro-why', intro.purpose), make('p', 'intro-deadline', intro.deadline));
  box.append(lead);

  const check = [];
  if (isHttps(intro.noticeUrl)) {
    const link = make('a', 'intro-notice', pageText('introNotice') || intro.noticeUrl);
    link.href = intro.noticeUrl;
    link.rel = 'noopener noreferrer';
    link.target = '_blank';
    check.push(make('p', 'intro-check-line'));
    check[check.length - 1].append(link);
  }
  if (intro.contact && typeof intro.contact.name === 'string') {
    const line = make('p', 'intro-check-line', `${pageText('introContact', { name: intro.contact.name })} `);
    const ways = [];
    if (typeof intro.contact.email === 'string') {
      const mail = make('a', 'intro-contact-email', intro.contact.email);
      mail.href = `mailto:${intro.contact.email}`;
      ways.push(mail);
    }
    if (isHttps(intro.contact.url)) {
      const web = make('a', 'intro-contact-url', intro.contact.url);
      web.href = intro.contact.url;
      web.rel = 'noopener noreferrer';
      web.target = '_blank';
      ways.push(web);
    }
    ways.forEach((way, index) => {
      if (index > 0) line.append(' · ');
      line.append(way);
    });
    check.push(line);
  }
  if (check.length > 0) {
    const wrap = make('div', 'intro-check');
    wrap.append(...check);
    box.append(wrap);
  }

  box.append(make('h3', 'intro-notes-heading', pageText('introNotesHeading') || intro.notesHeading));
  const list = make('ul', 'intro-notes');
  for (const note of intro.notes) list.append(make('li', undefined, note));
  box.append(list);
  for (const line of intro.howTo) box.append(make('p', 'intro-howto', line));
  return box;
}

function isHttps(value) {
  return typeof value === 'string' && /^https:\/\//.test(value);
}
