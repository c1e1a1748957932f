/**
 * botframework-connector reports every refused token (expired, unknown signing key…) with
 * `console.error`, straight to stderr: unstructured, outside our logs and their throttle, a flood under
 * attack. We already log each refusal ourselves (code only, throttled), so those two console.error
 * shapes are turned into one debug line naming the kind of failure. Everything else written to
 * console.error passes through unchanged.
 *
 * Matched by shape rather than by call site: scoping by async context (AsyncLocalStorage) would turn on
 * promise hooks for the whole process (roughly 8% slower in a trial run of `npm run bench:teams`).
 * Only the SDK's token check uses jsonwebtoken in this process.
 */
const JWT_ERROR_NAMES = new Set(['TokenExpiredError', 'JsonWebTokenError', 'NotBeforeError']);
const UNKNOWN_KEY_PREFIX = 'Error finding key for token.';

/** What kind of SDK token-check report this console.error call is, or null if it is none. */
export function sdkTokenReport(args: readonly unknown[]): string | null {
  const [first] = args;
  if (typeof first === 'string' && first.startsWith(UNKNOWN_KEY_PREFIX)) return 'unknown-signing-key';
  if (first instanceof Error && JWT_ERROR_NAMES.has(first.name)) return first.name;
  return null;
}

let onReport: ((kind: string) => void) | null = null;

/** Installs the console.error filter once per process; the latest `report` callback receives the kinds. */
export function quietSdkTokenReports(report: (kind: string) => void): void {
  if (onReport === null) {
    const original = console.error.bind(console);
    console.error = (...args: unknown[]) => {
      const kind = sdkTokenReport(args);
      if (kind === null) original(...args);
      else onReport?.(kind);
    };
  }
  onReport = report;
}
