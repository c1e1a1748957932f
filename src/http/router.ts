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

/** A deliberately tiny router: adapters and pages register exact patterns; first match wins. */
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
      pathMatched = true;
      if (route.method === method || (route.method === 'GET' && method === 'HEAD')) {
        return { handler: route.handler, params: { ...(found.groups ?? {}) } };
      }
    }
    return pathMatched ? 'method-not-allowed' : null;
  }
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
