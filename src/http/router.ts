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

/** A deliberately tiny router: adapters and pages register exact patterns; first match wins. */
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
