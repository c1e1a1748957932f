// After submitting (issue 19, item 5): "Download a copy" (plain text from GET /chat/api/session/copy,
// with the session id in the Authorization header, saved through a Blob) and "Print".
import { make, pageText } from './dom.js';

const COPY_URL = '/chat/api/session/copy';
const FILE_NAME = 'my-comment.txt';

/** @param {() => string | null} sessionId */
export function renderCopyTools(sessionId) {
  const row = make('p', 'copy-tools');
  const download = make('button', 'copy-download', pageText('downloadCopy'));
  download.type = 'button';
  const print = make('button', 'copy-print', pageText('print'));
  print.type = 'button';
  const status = make('span', 'copy-tools-status');
  status.setAttribute('role', 'status');
  download.addEventListener('click', () => void downloadCopy(sessionId(), status));
  print.addEventListener('click', () => window.print());
  row.append(download, print, status);
  return row;
}

async function downloadCopy(sessionId, status) {
  status.textContent = '';
  try {
    if (!sessionId) throw new Error('no session');
    const response = await fetch(COPY_URL, { headers: { Authorization: `Bearer ${sessionId}`, Accept: 'text/plain' }, cache: 'no-store', credentials: 'same-origin' });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const blob = new Blob([await response.text()], { type: 'text/plain;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const link = make('a');
    link.href = url;
    link.download = FILE_NAME;
    link.hidden = true;
    document.body.append(link);
    link.click();
    link.remove();
    window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
  } catch {
    status.textContent = pageText('downloadFailed');
  }
}
