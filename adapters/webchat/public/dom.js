// Small DOM helpers shared by the page's modules. Text only ever goes in with textContent.

/** @returns {HTMLElement} */
export function make(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * The page's own words from the server (`page.labels` on POST /chat/api/sessions and GET /chat/api/session,
 * from the message catalogs in the conversation language) and the answer limit.
 */
const page = { labels: /** @type {Record<string, string>} */ ({}), answerLimitChars: /** @type {number | null} */ (null), language: 'en' };

export function setPage(value, language) {
  if (!value || typeof value !== 'object') return;
  if (value.labels && typeof value.labels === 'object') page.labels = value.labels;
  if (Number.isFinite(value.answerLimitChars) && value.answerLimitChars > 0) page.answerLimitChars = value.answerLimitChars;
  if (language === 'en' || language === 'es') page.language = language;
}

export function answerLimitChars() {
  return page.answerLimitChars;
}

export function formatNumber(value) {
  return new Intl.NumberFormat(page.language === 'es' ? 'es-US' : 'en-US').format(value);
}

/** A page label with its {placeholders} filled in (numbers are formatted for the page language). */
export function pageText(key, vars = {}) {
  const template = typeof page.labels[key] === 'string' ? page.labels[key] : '';
  return template.replace(/\{(\w+)\}/g, (_match, name) => {
    const value = vars[name];
    return typeof value === 'number' ? formatNumber(value) : String(value ?? '');
  });
}
