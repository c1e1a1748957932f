// "Remind me by email" (web chat). Shown only when the server says so (email configured, after consent,
// before submit); every word comes from the server in the conversation's language. Double opt-in: saving
// a new address sends it a confirmation message, and the status says so until its link is followed.

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** @param {{ sessionId: () => string | null }} options */
export function createRemindPanel(options) {
  const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
  const panel = $('remind-panel');
  const form = /** @type {HTMLFormElement} */ ($('remind'));
  const email = /** @type {HTMLInputElement} */ ($('remind-email'));
  const check = /** @type {HTMLInputElement} */ ($('remind-check'));
  const status = $('remind-status');
  /** @type {Record<string, string> | null} */
  let labels = null;
  let busy = false;

  // The session id travels in the Authorization header, never in the URL that proxies log.
  async function call(method, body) {
    const response = await fetch('/chat/api/session/reminders', {
      method,
      headers: {
        Accept: 'application/json',
        Authorization: `Bearer ${options.sessionId() ?? ''}`,
        ...(body ? { 'Content-Type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
      credentials: 'same-origin',
      cache: 'no-store',
    });
    let data = null;
    try {
      data = await response.json();
    } catch {
      data = null;
    }
    return { ok: response.ok, data };
  }

  function applyLabels(next) {
    if (!next || typeof next !== 'object') return;
    labels = next;
    $('remind-title').textContent = next.title ?? '';
    $('remind-purpose').textContent = next.purpose ?? '';
    $('remind-email-label').textContent = next.emailLabel ?? '';
    $('remind-check-label').textContent = next.check ?? '';
    $('remind-save').textContent = next.save ?? '';
  }

  /** The server's state: the box, the address, and what reminders the partner would get now. */
  function applyState(data) {
    if (typeof data.statusText === 'string') status.textContent = data.statusText;
    if (typeof data.email === 'string' && data.email && !email.value) email.value = data.email;
    if (data.state === 'stopped') check.checked = false;
    else if (data.state === 'on' || data.state === 'pending') check.checked = true;
  }

  async function refresh() {
    if (!options.sessionId()) {
      panel.hidden = true;
      return;
    }
    try {
      const { ok, data } = await call('GET');
      if (!ok || !data) {
        panel.hidden = true;
        return;
      }
      applyLabels(data.labels);
      panel.hidden = data.show !== true;
      applyState(data);
    } catch {
      /* offline for a moment: the box keeps what it showed */
    }
  }

  async function save() {
    if (busy || !options.sessionId()) return;
    const address = email.value.trim();
    if (!EMAIL_PATTERN.test(address)) {
      status.textContent = labels?.badEmail ?? '';
      email.focus();
      return;
    }
    let timeZone;
    try {
      timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    } catch {
      timeZone = undefined;
    }
    busy = true;
    try {
      const { ok, data } = await call('PUT', { email: address, remind: check.checked, ...(timeZone ? { timeZone } : {}) });
      if (ok && data) applyState(data);
      else status.textContent = (data && data.error && typeof data.error.message === 'string' ? data.error.message : labels?.failed) ?? '';
    } catch {
      status.textContent = labels?.failed ?? '';
    } finally {
      busy = false;
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void save();
  });

  return { refresh };
}
