// The message box and its limit (issue 19, item 4): the counter shows the limit before it is reached,
// the limit is stated at each question, and an answer over the limit is not sent: it stays in the box
// with the reason beside it.
import { answerLimitChars, pageText } from './dom.js';

/** Show the counter once an answer gets this long. */
const COUNT_FROM_CHARS = 200;

/** Characters as the server counts them (code points, after trimming). */
export function charCountOf(text) {
  return [...text.trim()].length;
}

/**
 * @param {{ input: HTMLTextAreaElement, charCount: HTMLElement, limitHint: HTMLElement, inputError: HTMLElement }} el
 */
export function createComposerLimits(el) {
  let atQuestion = false;

  function update() {
    const count = charCountOf(el.input.value);
    const limit = answerLimitChars();
    el.charCount.textContent = count >= COUNT_FROM_CHARS && limit ? pageText('counter', { count, limit }) : '';
    el.charCount.classList.toggle('over', Boolean(limit) && count > limit);
    el.limitHint.textContent = atQuestion && limit ? pageText('answerLimit', { limit }) : '';
    el.limitHint.hidden = !el.limitHint.textContent;
    // The reason for a refusal stays until the text fits (or is sent).
    if (el.inputError.textContent && (!limit || count <= limit)) clearError();
  }

  function clearError() {
    el.inputError.textContent = '';
    el.input.removeAttribute('aria-invalid');
  }

  /** Refuses text over the limit before it is sent: true when refused (the text stays in the box). */
  function refuseIfTooLong(text) {
    const limit = answerLimitChars();
    const count = charCountOf(text);
    if (!limit || count <= limit) return false;
    el.inputError.textContent = pageText('tooLong', { count, limit });
    el.input.setAttribute('aria-invalid', 'true');
    el.input.focus();
    return true;
  }

  return {
    update,
    clearError,
    refuseIfTooLong,
    /** The limit is stated while a question is on screen. */
    setAtQuestion(value) {
      atQuestion = value;
      update();
    },
  };
}
