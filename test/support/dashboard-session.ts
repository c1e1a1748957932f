import type { RunningApp } from '../../src/app.js';

/**
 * A staff member signed in to the dashboard, as a browser would be: the session cookie from POST
 * /moderate/login, pages fetched with it, forms posted with the page's CSRF token, redirects not followed
 * (tests check the 303 and follow it themselves, as a browser's refresh would).
 */
export async function signIn(app: RunningApp, token: string, language = 'en') {
  const response = await fetch(`${app.url}/moderate/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token, next: '/moderate' }).toString(),
    redirect: 'manual',
  });
  if (response.status !== 303) throw new Error(`login answered ${response.status}`);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] as string;
  const headers = (extra: Record<string, string> = {}) => ({ cookie, 'accept-language': language, ...extra });
  const get = (path: string) => fetch(`${app.url}${path}`, { headers: headers(), redirect: 'manual' });
  return {
    cookie,
    get,
    async page(path: string): Promise<string> {
      const answer = await get(path);
      if (answer.status !== 200) throw new Error(`GET ${path} → ${answer.status}`);
      return answer.text();
    },
    /** Posts a urlencoded form (the fields as the page's form would send them). */
    postForm: (path: string, fields: Record<string, string>) =>
      fetch(`${app.url}${path}`, { method: 'POST', headers: headers({ 'content-type': 'application/x-www-form-urlencoded' }), body: new URLSearchParams(fields).toString(), redirect: 'manual' }),
    /** Posts multipart/form-data, as a form with a file input does. */
    postMultipart: (path: string, form: FormData) => fetch(`${app.url}${path}`, { method: 'POST', headers: headers(), body: form, redirect: 'manual' }),
  };
}

/** The hidden inputs of the first form posting to `action` on a page: what a browser would submit. */
export function formFields(page: string, action: string): Record<string, string> {
  const start = page.indexOf(`action="${action}"`);
  if (start < 0) throw new Error(`no form posting to ${action} on the page`);
  const form = page.slice(start, page.indexOf('</form>', start));
  const fields: Record<string, string> = {};
  for (const match of form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    fields[match[1] as string] = (match[2] as string).replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  }
  return fields;
}
