// The review as a structured view (issue 19, item 3): the personal-information warning first, as a
// callout with an icon and words; each question's wording apart from the answer; the length budget.
import { make, pageText } from './dom.js';

export function renderReview(review) {
  const box = make('div', 'review');
  box.append(make('h2', 'review-heading', review.heading));
  if (review.pii) box.append(renderWarning(review.pii));
  if (review.from) box.append(make('p', 'review-from', review.from));

  const list = make('ol', 'review-items');
  for (const item of review.items ?? []) {
    const entry = make('li', 'review-item');
    entry.append(make('h3', 'review-label', item.label), make('p', 'review-question', item.question));
    if (item.note) entry.append(make('p', 'review-note', item.note));
    const answerLabel = pageText('reviewAnswer');
    if (answerLabel) entry.append(make('p', 'review-answer-label', answerLabel));
    entry.append(
      item.answer === null
        ? make('p', 'review-answer review-placeholder', item.placeholder ?? '')
        : make('blockquote', 'review-answer', item.answer),
    );
    list.append(entry);
  }
  box.append(list);

  if (review.retired) {
    const retired = make('div', 'review-retired');
    retired.append(make('h3', 'review-label', review.retired.heading));
    for (const item of review.retired.items) retired.append(make('p', 'review-question', item.label), make('blockquote', 'review-answer', item.answer));
    box.append(retired);
  }

  const length = make('p', `review-length${review.length?.overLimit ? ' over' : ''}`, review.length?.text ?? '');
  box.append(length);
  if (review.publicReminder) box.append(make('p', 'review-public', review.publicReminder));
  if (review.howTo) box.append(make('p', 'review-howto', review.howTo));
  return box;
}

function renderWarning(pii) {
  const callout = make('div', 'callout callout-warning');
  callout.setAttribute('role', 'note');
  const title = make('p', 'callout-title');
  // The icon is drawn by CSS; its meaning is also in words for screen readers and when icons fail.
  const icon = make('span', 'callout-icon');
  icon.setAttribute('aria-hidden', 'true');
  icon.textContent = '⚠';
  const word = make('span', 'visually-hidden', `${pageText('warningIcon')}: `);
  title.append(icon, word, make('strong', undefined, pii.title));
  callout.append(title);
  if (pii.heading) callout.append(make('p', 'callout-heading', pii.heading));
  if (Array.isArray(pii.lines) && pii.lines.length > 0) {
    const list = make('ul', 'callout-lines');
    for (const line of pii.lines) list.append(make('li', undefined, line));
    callout.append(list);
  }
  if (pii.advice) callout.append(make('p', 'callout-advice', pii.advice));
  return callout;
}
