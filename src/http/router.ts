import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Language } from '../core/types.js';

export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  /** Named groups of the route pattern. */
  params: Record<string, string>;
  /** Preferred language of the caller (Accept-Language), for error messages. */
  language: Language;
}

export type RouteHandler = (ctx: RequestContext) => Promise<void> | void;

interface Route {
  method: string;
  pattern: RegExp;
  /** The path as people write it: `/moderate/submissions/{id}` (named groups become `{name}`). */
  template: string;
  handler: RouteHandler;
}

/**
 * One path segment holding an id, as a named group: anything but '/', percent-encoded as needed. The
 * router decodes it, so any id the stores can hold ("3f…9a.1" after a cancelled draft, ids with ':' or
 * '%') is reachable at the address built with `encodeURIComponent(id)`. Handlers look the id up as a SQL
 * parameter, never splice it, so no character needs refusing here.
 */
export function idSegment(name = 'id'): string {
  return `(?<${name}>[^/]{1,500})`;
}

/** A deliberately tiny router: adapters and pages register exact patterns; first match wins.
 * Named groups arrive percent-decoded in `params`; a malformed escape ("%zz") matches no route (404). */
export class Router {
  private readonly routes: Route[] = [];

  add(method: string, path: string | RegExp, handler: RouteHandler): void {
    const pattern = typeof path === 'string' ? new RegExp(`^${escapeRegExp(path)}$`) : path;
    this.routes.push({ method: method.toUpperCase(), pattern, template: typeof path === 'string' ? path : templateOf(path), handler });
  }

  /** Every registered route, in order: what the docs test checks against the guides. */
  list(): Array<{ method: string; path: string }> {
    return this.routes.map((route) => ({ method: route.method, path: route.template }));
  }

  match(method: string, pathname: string): { handler: RouteHandler; params: Record<string, string> } | 'method-not-allowed' | null {
    let pathMatched = false;
    for (const route of this.routes) {
      const found = route.pattern.exec(pathname);
      if (!found) continue;
      const params = decodeParams(found.groups ?? {});
      if (!params) continue;
      pathMatched = true;
      if (route.method === method || (route.method === 'GET' && method === 'HEAD')) {
        return { handler: route.handler, params };
      }
    }
    return pathMatched ? 'method-not-allowed' : null;
  }
}

function decodeParams(groups: Record<string, string | undefined>): Record<string, string> | null {
  const params: Record<string, string> = {};
  for (const [name, raw] of Object.entries(groups)) {
    if (raw === undefined) continue;
    try {
      params[name] = decodeURIComponent(raw);
    } catch {
      return null;
    }
  }
  return params;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * `^/moderate/submissions/(?<id>[a-z0-9.]+)/(?<kind>flags|committees)$` → `/moderate/submissions/{id}/{kind}`:
 * each named group (with whatever it nests) becomes `{name}`, anchors and escapes are dropped.
 */
export function templateOf(pattern: RegExp): string {
  const source = pattern.source.replace(/^\^/, '').replace(/\$$/, '');
  let out = '';
  for (let index = 0; index < source.length; index += 1) {
    const char = source[index] as string;
    if (char === '\\') {
      out += source[index + 1] ?? '';
      index += 1;
      continue;
    }
    const group = /^\(\?<([A-Za-z_][A-Za-z0-9_]*)>/.exec(source.slice(index));
    if (group) {
      let depth = 0;
      let end = index;
      for (; end < source.length; end += 1) {
        if (source[end] === '\\') end += 1;
        else if (source[end] === '(') depth += 1;
        else if (source[end] === ')' && --depth === 0) break;
      }
      out += `{${group[1]}}`;
      index = end;
      continue;
    }
    out += char;
  }
  return out;
}
