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
    this.routes.push({ method: method.toUpperCase(), pattern, handler });
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
