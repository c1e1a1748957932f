// Web chat client for the RFI consultation bot. Plain JavaScript, no dependencies, no inline code (CSP default-src 'self').
// Server and user text is only ever put on the page with textContent, never parsed as HTML.
import { createRemindPanel } from './remind.js';
import { setPage } from './dom.js';
import { ApiError, newKey, request } from './transport.js';
import { createComposerLimits } from './composer-limits.js';
import { renderIntro } from './intro.js';
import { renderReview } from './review.js';
import { renderCopyTools } from './receipt-copy.js';

/** The page's own labels. The bot's messages come from the server in the conversation language. */
const LABELS = {
  en: {
    title: 'Request for Information – chat',
    heading: 'Share your input',
    skipToInput: 'Skip to the message box',
    startOver: 'Start over',
    confirmStartOver: 'Start over? Your current answers in this browser will be left behind and a new conversation will begin.',
    transcriptLabel: 'Conversation',
    inputLabel: 'Your message',
    send: 'Send',
    keyHint: 'Enter sends. Shift+Enter starts a new line.',
    waiting: 'Waiting for a reply…',
    bot: 'Assistant',
    you: 'You',
    choices: 'Choices',
    progressLabel: (index, total) => `Progress: question ${index} of ${total}`,
    receiptTitle: 'Your receipt number',
    receiptHint: 'Keep this number. It shows your comments were received.',
    copy: 'Copy',
    copyReceipt: 'Copy receipt number',
    copied: 'Copied.',
    copyFailed: 'Could not copy. The number is selected: press Ctrl+C (or ⌘+C) to copy it.',
    retry: 'Try again',
    newConversation: 'Start a new conversation',
    emptyMessage: 'Type a message first, then press Send.',
    networkError: 'Your message was not sent: we could not reach the server. Check your internet connection and try again. What you typed is still in the box.',
    startError: 'The chat could not start: we could not reach the server. Check your internet connection and try again.',
    timeoutError: 'The server took too long to answer. What you typed is still in the box. Please try again.',
    httpError: (message) => `Your message was not sent. ${message}`,
    genericError: 'Something went wrong. Please try again.',
    savedWhileWaiting: 'Good news: your comment could not be saved at first, and now it is.',
    trackingTitle: 'Your tracking number on regulations.gov',
    trackingHint: 'Your comment is now on the public docket. Keep this number to find it there.',
    copyTracking: 'Copy tracking number',
  },
  es: {
    title: 'Solicitud de información – chat',
    heading: 'Comparta su opinión',
    skipToInput: 'Ir al cuadro de mensaje',
    startOver: 'Empezar de nuevo',
    confirmStartOver: '¿Empezar de nuevo? Sus respuestas actuales en este navegador quedarán atrás y empezará una conversación nueva.',
    transcriptLabel: 'Conversación',
    inputLabel: 'Su mensaje',
    send: 'Enviar',
    keyHint: 'Enter envía. Mayús+Enter empieza una línea nueva.',
    waiting: 'Esperando respuesta…',
    bot: 'Asistente',
    you: 'Usted',
    choices: 'Opciones',
    progressLabel: (index, total) => `Progreso: pregunta ${index} de ${total}`,
    receiptTitle: 'Su número de recibo',
    receiptHint: 'Guarde este número. Demuestra que recibimos sus comentarios.',
    copy: 'Copiar',
    copyReceipt: 'Copiar el número de recibo',
    copied: 'Copiado.',
    copyFailed: 'No se pudo copiar. El número está seleccionado: pulse Ctrl+C (o ⌘+C) para copiarlo.',
    retry: 'Intentar de nuevo',
    newConversation: 'Empezar una conversación nueva',
    emptyMessage: 'Escriba un mensaje primero y luego pulse Enviar.',
    networkError: 'Su mensaje no se envió: no pudimos conectar con el servidor. Revise su conexión a internet e inténtelo de nuevo. Lo que escribió sigue en el cuadro.',
    startError: 'El chat no pudo empezar: no pudimos conectar con el servidor. Revise su conexión a internet e inténtelo de nuevo.',
    timeoutError: 'El servidor tardó demasiado en responder. Lo que escribió sigue en el cuadro. Inténtelo de nuevo.',
    httpError: (message) => `Su mensaje no se envió. ${message}`,
    genericError: 'Algo salió mal. Inténtelo de nuevo.',
    savedWhileWaiting: 'Buenas noticias: su comentario no se pudo guardar al principio, y ahora sí quedó guardado.',
    trackingTitle: 'Su número de seguimiento en regulations.gov',
    trackingHint: 'Su comentario ya está en el expediente público. Guarde este número para encontrarlo allí.',
    copyTracking: 'Copiar el número de seguimiento',
  },
};

const STORAGE_KEY = 'rfiChat.sessionId';
/** While the page offers Submit, or the docket has not answered yet, it looks at the status this often… */
const WATCH_INTERVAL_MS = 15_000;
/** …for at most this long after the partner's last message (a forgotten tab stops asking). */
const WATCH_LIMIT_MS = 30 * 60_000;

const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
const el = {
  transcript: $('transcript'),
  composer: /** @type {HTMLFormElement} */ ($('composer')),
  input: /** @type {HTMLTextAreaElement} */ ($('message')),
  send: /** @type {HTMLButtonElement} */ ($('send')),
  alert: $('alert'),
  busy: $('busy'),
  startOver: /** @type {HTMLButtonElement} */ ($('start-over')),
  progressWrap: $('progress-wrap'),
  progress: /** @type {HTMLProgressElement} */ ($('progress')),
  progressLabel: $('progress-label'),
  charCount: $('char-count'),
  limitHint: $('limit-hint'),
  inputError: $('input-error'),
  top: $('top'),
  composerWrap: $('composer-wrap'),
};

const limits = createComposerLimits(el);

const state = {
  sessionId: /** @type {string | null} */ (null),
  language: /** @type {'en' | 'es'} */ ('en'),
  busy: false,
  /** The last message that failed in a way that may have reached the server: retried with the same key. */
  pending: /** @type {{ body: object, key: string } | null} */ (null),
  progress: /** @type {{ index: number, total: number } | null} */ (null),
  receipt: /** @type {string | null} */ (null),
  /** Shown once: the docket's tracking number. */
  trackingNumber: /** @type {string | null} */ (null),
  /** The latest replies offer Submit (the review, or a submit the server could not store yet). */
  offersSubmit: false,
  /** The server said the forward to the docket is due or under way. */
  docketPending: false,
  watchTimer: /** @type {number | null} */ (null),
  lastActivityAt: Date.now(),
};

const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)');

// ---------------------------------------------------------------------------------------------------------
// Small helpers

function t(key, ...args) {
  const value = LABELS[state.language][key] ?? LABELS.en[key];
  return typeof value === 'function' ? value(...args) : value;
}

const storage = {
  get() {
    try {
      return window.localStorage.getItem(STORAGE_KEY);
    } catch {
      return null; // storage blocked (private mode, policy): the chat still works, it just won't resume
    }
  },
  set(value) {
    try {
      window.localStorage.setItem(STORAGE_KEY, value);
    } catch {
      /* see get() */
    }
  },
  remove() {
    try {
      window.localStorage.removeItem(STORAGE_KEY);
    } catch {
      /* see get() */
    }
  },
};


function make(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function sameBody(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

// ---------------------------------------------------------------------------------------------------------
// Language

function guessLanguage() {
  const fromUrl = new URLSearchParams(window.location.search).get('lang');
  if (fromUrl === 'es' || fromUrl === 'en') return fromUrl;
  const preferred = navigator.languages?.[0] ?? navigator.language ?? 'en';
  return preferred.toLowerCase().startsWith('es') ? 'es' : 'en';
}

function applyLanguage(language) {
  if (language !== 'en' && language !== 'es') return;
  state.language = language;
  document.documentElement.lang = language;
  document.title = t('title');
  for (const node of document.querySelectorAll('[data-i18n]')) {
    node.textContent = t(node.getAttribute('data-i18n'));
  }
  for (const node of document.querySelectorAll('[data-i18n-label]')) {
    node.setAttribute('aria-label', t(node.getAttribute('data-i18n-label')));
  }
  renderProgress();
  limits.update();
}

/** Does this message ask to change the conversation language? Then the page asks the server which one is in force. */
function looksLikeLanguageChange(body) {
  const value = (body.action ?? body.text ?? '').trim().toLowerCase();
  return /^(language|idioma|lang)\b/.test(value) || /^(espa(n|ñ)ol|spanish|english|ingl(e|é)s)$/.test(value);
}

// ---------------------------------------------------------------------------------------------------------
// API

const api = (method, path, body, idempotencyKey, sessionId) => request(method, path, body, idempotencyKey, sessionId, state.language);
/** A request about one conversation: `/chat/api/session{suffix}`, the session id in the Authorization header. */
const sessionApi = (method, suffix, sessionId, body, idempotencyKey) => api(method, `/session${suffix}`, body, idempotencyKey, sessionId);

// ---------------------------------------------------------------------------------------------------------
// Rendering

function whoLabel(key) {
  const label = make('p', 'msg-who');
  label.setAttribute('data-i18n', key);
  label.textContent = t(key);
  return label;
}

function renderUserMessage(text) {
  const item = make('div', 'msg msg-user');
  item.lang = state.language;
  item.append(whoLabel('you'), make('p', 'msg-text', text));
  el.transcript.append(item);
  scrollIntoViewIfNeeded(item);
  return item;
}

function removeOldActions() {
  for (const group of el.transcript.querySelectorAll('.actions')) group.remove();
}

function renderReceipt(receipt) {
  return renderNumberBox(receipt, { title: 'receiptTitle', hint: 'receiptHint', copyLabel: 'copyReceipt', codeClass: 'receipt-code' });
}

/** A number to keep (receipt, docket tracking number) with a Copy button; its labels follow the page language. */
function renderNumberBox(number, labels) {
  const box = make('div', 'receipt');
  box.setAttribute('role', 'group');
  const title = make('p', 'receipt-title');
  title.setAttribute('data-i18n', labels.title);
  title.textContent = t(labels.title);
  title.id = `number-title-${el.transcript.querySelectorAll('.receipt').length + 1}`;
  box.setAttribute('aria-labelledby', title.id);

  const row = make('p', 'receipt-row');
  const code = make('code', labels.codeClass, number);
  const copy = make('button', 'copy-button', t('copy'));
  copy.type = 'button';
  copy.setAttribute('data-i18n', 'copy');
  copy.setAttribute('data-i18n-label', labels.copyLabel);
  copy.setAttribute('aria-label', t(labels.copyLabel));
  const status = make('span', 'copy-status');
  status.setAttribute('role', 'status');
  copy.addEventListener('click', () => copyReceipt(number, code, status));
  row.append(code, copy);

  const hint = make('p', 'receipt-hint');
  hint.setAttribute('data-i18n', labels.hint);
  hint.textContent = t(labels.hint);
  box.append(title, row, hint, status);
  return box;
}

/** The docket's tracking number, once, as a bot message. */
function showTrackingNumber(trackingNumber) {
  if (state.trackingNumber === trackingNumber) return;
  state.trackingNumber = trackingNumber;
  const item = make('div', 'msg msg-bot');
  item.lang = state.language;
  item.append(whoLabel('bot'));
  item.append(renderNumberBox(trackingNumber, { title: 'trackingTitle', hint: 'trackingHint', copyLabel: 'copyTracking', codeClass: 'tracking-code' }));
  el.transcript.append(item);
  scrollIntoViewIfNeeded(item);
}

async function copyReceipt(receipt, codeNode, statusNode) {
  statusNode.textContent = '';
  let copied = false;
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(receipt);
      copied = true;
    }
  } catch {
    copied = false;
  }
  selectText(codeNode);
  if (!copied) {
    try {
      copied = document.execCommand('copy');
    } catch {
      copied = false;
    }
  }
  statusNode.textContent = copied ? t('copied') : t('copyFailed');
}

function selectText(node) {
  const selection = window.getSelection();
  if (!selection) return;
  const range = document.createRange();
  range.selectNodeContents(node);
  selection.removeAllRanges();
  selection.addRange(range);
}

function renderActions(actions) {
  const group = make('div', 'actions');
  group.setAttribute('role', 'group');
  group.setAttribute('data-i18n-label', 'choices');
  group.setAttribute('aria-label', t('choices'));
  for (const action of actions) {
    if (!action || typeof action.id !== 'string') continue;
    const emphasis = action.emphasis === 'primary' || action.emphasis === 'secondary' ? ` action-${action.emphasis}` : '';
    const button = make('button', `action${emphasis}`, typeof action.label === 'string' && action.label ? action.label : action.id);
    button.type = 'button';
    button.value = action.id;
    button.disabled = state.busy;
    button.addEventListener('click', () => {
      void send({ action: action.id }, button.textContent ?? action.id, { fromInput: false });
    });
    group.append(button);
  }
  return group;
}

function renderBotMessage(reply) {
  const item = make('div', 'msg msg-bot');
  item.lang = state.language;
  item.append(whoLabel('bot'));
  if (reply.intro && typeof reply.intro === 'object') {
    item.classList.add('msg-intro');
    for (const line of Array.isArray(reply.lead) ? reply.lead : []) item.append(make('p', 'msg-text', line));
    item.append(renderIntro(reply.intro));
  } else if (reply.review && typeof reply.review === 'object') {
    item.classList.add('msg-review');
    for (const line of Array.isArray(reply.lead) ? reply.lead : []) item.append(make('p', 'msg-text', line));
    item.append(renderReview(reply.review));
  } else if (typeof reply.text === 'string' && reply.text) {
    item.append(make('p', 'msg-text', reply.text));
  }
  if (typeof reply.receipt === 'string' && reply.receipt) {
    item.classList.add('msg-receipt');
    item.append(renderReceipt(reply.receipt));
    item.append(renderCopyTools(() => state.sessionId));
  }
  if (Array.isArray(reply.actions) && reply.actions.length > 0) {
    item.append(renderActions(reply.actions));
  }
  el.transcript.append(item);
  return item;
}

/** Adds a batch of bot replies. Buttons of earlier messages are removed: only the latest choices apply. */
function renderReplies(replies) {
  const list = Array.isArray(replies) ? replies : [];
  if (list.length === 0) return;
  state.offersSubmit = list.some((reply) => Array.isArray(reply?.actions) && reply.actions.some((action) => action?.id === 'submit'));
  removeOldActions();
  let first = null;
  for (const reply of list) {
    if (!reply || typeof reply !== 'object') continue;
    const item = renderBotMessage(reply);
    first ??= item;
    if (isProgress(reply.progress)) setProgress(reply.progress);
    if (isProgress(reply.progress)) setAtQuestion(reply.progress.index >= 1 && !reply.review);
    else if (reply.review || reply.receipt || reply.intro) setAtQuestion(false);
    if (typeof reply.receipt === 'string' && reply.receipt) {
      state.receipt = reply.receipt;
      setProgress(null);
    }
  }
  if (first) scrollIntoViewIfNeeded(first);
}

function isProgress(value) {
  return Boolean(value) && Number.isFinite(value.index) && Number.isFinite(value.total) && value.total > 0;
}

/** Shown from the first question on (index is 1-based; 0 means the questions have not started). */
function setProgress(progress) {
  state.progress = isProgress(progress) && progress.index >= 1 ? { index: progress.index, total: progress.total } : null;
  renderProgress();
}

function renderProgress() {
  const progress = state.progress;
  if (!progress) {
    el.progressWrap.hidden = true;
    return;
  }
  const index = Math.min(Math.max(progress.index, 0), progress.total);
  el.progress.max = progress.total;
  el.progress.value = index;
  el.progressLabel.textContent = t('progressLabel', index, progress.total);
  el.progressWrap.hidden = false;
}

/** The limit is stated at each question (the step the server reports, or a reply with a question's progress). */
function setAtQuestion(value) {
  limits.setAtQuestion(value);
}

/**
 * Shows new content: everything new if it fits above the message box, otherwise its beginning, so a long
 * question is read from the top.
 */
function scrollIntoViewIfNeeded(first) {
  const behavior = reducedMotion.matches ? 'auto' : 'smooth';
  const scroller = document.scrollingElement ?? document.documentElement;
  const bottom = scroller.scrollHeight - window.innerHeight;
  // The header (with the progress bar) stays at the top: new content starts below it.
  const headerHeight = getComputedStyle(el.top).position === 'sticky' ? el.top.getBoundingClientRect().height : 0;
  const firstTop = first.getBoundingClientRect().top + window.scrollY - 12 - headerHeight;
  // The first screen starts at the very top (nothing above it to keep in view).
  if (first === el.transcript.firstElementChild) {
    window.scrollTo({ top: 0, behavior });
    return;
  }
  window.scrollTo({ top: Math.max(0, Math.min(bottom, firstTop)), behavior });
}


// ---------------------------------------------------------------------------------------------------------
// Alerts

function clearAlert() {
  el.alert.replaceChildren();
}

/** Shows an error in plain words, with an optional button to retry or to start again. */
function showAlert(message, button) {
  const text = make('p', 'alert-text', message);
  const children = [text];
  if (button) {
    const node = make('button', 'alert-button', button.label);
    node.type = 'button';
    node.addEventListener('click', () => {
      clearAlert();
      button.onClick();
    });
    children.push(node);
  }
  el.alert.replaceChildren(...children);
}

function describeError(error, context) {
  if (error instanceof ApiError) {
    if (error.kind === 'timeout') return t('timeoutError');
    if (error.kind === 'network') return context === 'start' ? t('startError') : t('networkError');
    const message = error.serverMessage ?? t('genericError');
    return context === 'send' ? t('httpError', message) : message;
  }
  return t('genericError');
}

// ---------------------------------------------------------------------------------------------------------
// Busy state

function setBusy(busy) {
  state.busy = busy;
  el.composer.dataset.busy = busy ? 'true' : 'false';
  el.send.disabled = busy;
  el.startOver.disabled = busy;
  el.input.readOnly = busy;
  el.transcript.setAttribute('aria-busy', busy ? 'true' : 'false');
  el.busy.hidden = !busy;
  for (const button of el.transcript.querySelectorAll('.actions button')) button.disabled = busy;
}

// ---------------------------------------------------------------------------------------------------------
// Conversation

async function startNewSession() {
  setBusy(true);
  clearAlert();
  try {
    const data = await api('POST', '/sessions', state.language === 'es' ? { language: 'es' } : {});
    if (typeof data.sessionId !== 'string') throw new ApiError('http', 500);
    setPage(data.page, state.language);
    state.sessionId = data.sessionId;
    storage.set(data.sessionId);
    renderReplies(data.replies);
    void remindPanel.refresh();
  } catch (error) {
    showAlert(describeError(error, 'start'), { label: t('retry'), onClick: () => void startNewSession() });
  } finally {
    setBusy(false);
    el.input.focus();
  }
}

/** Reads the server's view of the conversation (language, progress, receipt); null if it no longer exists. */
async function fetchState(sessionId) {
  try {
    return await sessionApi('GET', '', sessionId);
  } catch (error) {
    if (error instanceof ApiError && error.kind === 'http' && error.status === 404) return null;
    throw error;
  }
}

function applyState(info) {
  if (!info || typeof info !== 'object') return;
  setPage(info.page, info.language);
  if (info.language === 'en' || info.language === 'es') applyLanguage(info.language);
  if (typeof info.step === 'string') setAtQuestion(/^question\b/.test(info.step));
  state.docketPending = info.docketPending === true;
  if (info.receipt) {
    state.receipt = info.receipt;
    setProgress(null);
  } else if (typeof info.step === 'string' && /^question\b/.test(info.step)) {
    // step is "question" or "question:N"
    if (isProgress(info.progress)) setProgress(info.progress);
  } else if (typeof info.step === 'string') {
    setProgress(null);
  }
}

/**
 * Looks at the status now and then while something may change without the partner doing anything: a
 * submit the server could not store yet (it stores it by itself once it can), or a forward to the
 * public docket. Only while the page is visible, and not forever.
 */
function scheduleWatch() {
  if (state.watchTimer !== null) window.clearTimeout(state.watchTimer);
  state.watchTimer = null;
  const waitingForReceipt = state.offersSubmit && !state.receipt;
  const waitingForDocket = Boolean(state.receipt) && !state.trackingNumber && state.docketPending;
  if (!state.sessionId || !(waitingForReceipt || waitingForDocket)) return;
  if (Date.now() - state.lastActivityAt > WATCH_LIMIT_MS) return;
  state.watchTimer = window.setTimeout(() => void watchOnce(), WATCH_INTERVAL_MS);
}

async function watchOnce() {
  state.watchTimer = null;
  if (document.hidden || state.busy || !state.sessionId) {
    scheduleWatch();
    return;
  }
  const hadReceipt = state.receipt;
  try {
    const info = await fetchState(state.sessionId);
    if (info) showStatusNews(info, hadReceipt);
  } catch {
    /* offline for a moment: look again later */
  }
  scheduleWatch();
}

/** What the status says that the transcript does not show yet: a receipt stored meanwhile, a tracking number. */
function showStatusNews(info, hadReceipt) {
  applyState(info);
  if (!hadReceipt && state.receipt) {
    removeOldActions();
    state.offersSubmit = false;
    renderReplies([{ text: t('savedWhileWaiting'), receipt: state.receipt }]);
  }
  if (typeof info.trackingNumber === 'string' && info.trackingNumber) showTrackingNumber(info.trackingNumber);
}

document.addEventListener('visibilitychange', () => {
  if (!document.hidden && state.watchTimer === null) scheduleWatch();
});

/** A private resume link (`/#session=…`, or `/chat/#session=…` in older emails) continues that draft in this browser. */
function takeSessionFromLink() {
  const match = /^#session=([A-Za-z0-9_-]{32})$/.exec(window.location.hash);
  if (!match) return;
  storage.set(match[1]);
  // The session id is a credential: keep it out of the address bar, the history and shared screenshots.
  window.history.replaceState(null, '', window.location.pathname + window.location.search);
}

/** "Remind me by email" (remind.js): looked at again after every exchange (consent, submit, stop reminders change it). */
const remindPanel = createRemindPanel({ sessionId: () => state.sessionId });

async function boot() {
  takeSessionFromLink();
  const stored = storage.get();
  if (stored) {
    setBusy(true);
    let info;
    /** The server no longer knows this draft: its 404 says so, in the page's language (shown, not hidden). */
    let lostDraft = null;
    try {
      info = await sessionApi('GET', '', stored);
    } catch (error) {
      if (error instanceof ApiError && error.kind === 'http' && error.status === 404) {
        info = null;
        lostDraft = describeError(error, 'session');
      } else {
        setBusy(false);
        showAlert(describeError(error, 'start'), { label: t('retry'), onClick: () => void boot() });
        return;
      }
    }
    setBusy(false);
    if (info) {
      state.sessionId = stored;
      applyState(info);
      await send({ action: 'resume' }, null, { fromInput: false });
      if (state.receipt && !el.transcript.querySelector('.receipt')) {
        renderReplies([{ text: '', receipt: state.receipt }]);
      }
      if (typeof info.trackingNumber === 'string' && info.trackingNumber) showTrackingNumber(info.trackingNumber);
      scheduleWatch();
      return;
    }
    storage.remove();
    await startNewSession();
    if (lostDraft && state.sessionId) showAlert(lostDraft);
    return;
  }
  await startNewSession();
}

async function startOver() {
  if (state.busy) return;
  if (!window.confirm(t('confirmStartOver'))) return;
  storage.remove();
  state.sessionId = null;
  state.pending = null;
  state.receipt = null;
  state.trackingNumber = null;
  state.offersSubmit = false;
  state.docketPending = false;
  if (state.watchTimer !== null) window.clearTimeout(state.watchTimer);
  state.watchTimer = null;
  setProgress(null);
  clearAlert();
  el.transcript.replaceChildren();
  await startNewSession();
}

/**
 * Sends one message (typed text or a button's action) and shows the replies.
 * A message that may have reached the server (network error, timeout, 5xx) keeps its Idempotency-Key, so
 * sending the same message again is not processed twice.
 */
async function send(body, echoText, { fromInput }) {
  if (state.busy) return;
  if (!state.sessionId) {
    await startNewSession();
    return;
  }
  const key = state.pending && sameBody(state.pending.body, body) ? state.pending.key : newKey();
  state.pending = { body, key };
  setBusy(true);
  clearAlert();
  const echo = echoText ? renderUserMessage(echoText) : null;
  try {
    let data = await sessionApi('POST', '/messages', state.sessionId, body, key);
    state.pending = null;
    if (fromInput) {
      el.input.value = '';
      limits.update();
    }
    if (looksLikeLanguageChange(body)) {
      try {
        applyState(await fetchState(state.sessionId));
      } catch {
        /* the replies still show; only the page labels stay in the old language */
      }
    }
    if (data.duplicate === true && (!Array.isArray(data.replies) || data.replies.length === 0)) {
      // The first try had already arrived (its answer was lost on the way back): show where we are now.
      try {
        data = await sessionApi('POST', '/messages', state.sessionId, { action: 'resume' }, newKey());
      } catch {
        data = { replies: [] }; // the message itself went through; typing "status" shows where things stand
      }
    }
    const hadReceipt = state.receipt;
    renderReplies(data.replies);
    void remindPanel.refresh();
    state.lastActivityAt = Date.now();
    if (!hadReceipt && state.receipt) {
      // Just submitted: with FORWARD_MODE=auto the docket's answer follows shortly.
      try {
        applyState(await fetchState(state.sessionId));
      } catch {
        /* the receipt is shown; the tracking number can wait for the next visit */
      }
    }
    scheduleWatch();
  } catch (error) {
    echo?.remove();
    const mayHaveArrived = !(error instanceof ApiError) || error.kind !== 'http' || error.status >= 500;
    if (!mayHaveArrived) state.pending = null;
    if (error instanceof ApiError && error.kind === 'http' && error.status === 404) {
      storage.remove();
      state.sessionId = null;
      showAlert(describeError(error, 'session'), { label: t('newConversation'), onClick: () => void startOver() });
    } else {
      showAlert(describeError(error, fromInput || echoText ? 'send' : 'start'), {
        label: t('retry'),
        onClick: () => void (fromInput ? submitInput() : send(body, echoText, { fromInput })),
      });
    }
  } finally {
    setBusy(false);
    el.input.focus();
  }
}

function submitInput() {
  const text = el.input.value.trim();
  if (!text) {
    showAlert(t('emptyMessage'));
    el.input.focus();
    return;
  }
  // Over the answer limit: not sent, nothing echoed; the text stays in the box with the reason beside it.
  if (limits.refuseIfTooLong(text)) return;
  void send({ text }, text, { fromInput: true });
}

// ---------------------------------------------------------------------------------------------------------
// Wiring

el.composer.addEventListener('submit', (event) => {
  event.preventDefault();
  submitInput();
});

el.input.addEventListener('keydown', (event) => {
  // Enter sends; Shift+Enter inserts a line break; nothing is sent while an input method is composing text.
  if (event.key !== 'Enter' || event.shiftKey || event.isComposing || event.keyCode === 229) return;
  event.preventDefault();
  if (!state.busy) submitInput();
});

el.input.addEventListener('input', () => limits.update());

// The intro's "I agree" stays in view above the message box: the box's height is known to the CSS.
if ('ResizeObserver' in window) {
  new ResizeObserver(() => {
    document.documentElement.style.setProperty('--composer-height', `${Math.ceil(el.composerWrap.getBoundingClientRect().height)}px`);
  }).observe(el.composerWrap);
}
el.startOver.addEventListener('click', () => void startOver());

applyLanguage(guessLanguage());
void boot();
