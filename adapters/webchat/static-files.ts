import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { Router } from '../../src/index.js';

const PUBLIC_DIR = fileURLToPath(new URL('./public/', import.meta.url));

/** Only these files are served: no path from the URL ever reaches the file system. */
const FILES: Record<string, string> = {
  'index.html': 'text/html; charset=utf-8',
  'chat.js': 'text/javascript; charset=utf-8',
  'chat.css': 'text/css; charset=utf-8',
  'remind.js': 'text/javascript; charset=utf-8',
  // The page's modules (native ES modules, one concern each).
  'transport.js': 'text/javascript; charset=utf-8',
  'dom.js': 'text/javascript; charset=utf-8',
  'composer-limits.js': 'text/javascript; charset=utf-8',
  'intro.js': 'text/javascript; charset=utf-8',
  'review.js': 'text/javascript; charset=utf-8',
  'receipt-copy.js': 'text/javascript; charset=utf-8',
};

export function mountStaticFiles(router: Router): void {
  const serve = (name: string) => async ({ res }: { res: ServerResponse }) => {
    const body = await readFile(`${PUBLIC_DIR}${name}`);
    res.writeHead(200, {
      'content-type': FILES[name] ?? 'application/octet-stream',
      'content-length': body.length,
      'cache-control': name === 'index.html' ? 'no-cache' : 'public, max-age=300',
    });
    res.end(body);
  };
  router.add('GET', '/', serve('index.html'));
  // Resume links in reminder emails sent before the chat moved to `/` point at /chat/#session=…: the
  // same page answers there, so those emails keep working.
  router.add('GET', '/chat/', serve('index.html'));
  router.add('GET', '/chat', ({ res }) => {
    res.writeHead(308, { location: '/chat/', 'cache-control': 'public, max-age=86400' });
    res.end();
  });
  // Browsers ask for it on every page load; answer "no icon" instead of a logged 404.
  router.add('GET', '/favicon.ico', ({ res }) => {
    res.writeHead(204, { 'cache-control': 'public, max-age=86400' });
    res.end();
  });
  for (const name of Object.keys(FILES)) router.add('GET', `/chat/static/${name}`, serve(name));
}
