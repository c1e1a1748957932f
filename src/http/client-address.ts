import { BlockList, isIP } from 'node:net';
import type { IncomingMessage } from 'node:http';

/**
 * Who is calling, for rate limits and audit counts: the socket's address, or an address from
 * `X-Forwarded-For` when (and only when) the operator said which proxies to believe (`TRUST_PROXY`).
 *
 * - `none` (TRUST_PROXY unset or 0): X-Forwarded-For is ignored; anyone can write it.
 * - `hops` (TRUST_PROXY=N): N proxies stand in front of the bot, each appending the address it saw. The
 *   client is the N-th address counted from the right of [X-Forwarded-For…, socket address]. Entries
 *   further left were written by the client itself and are never believed.
 * - `cidrs` (TRUST_PROXY=10.0.0.0/8,fd00::/8): walking from the socket address leftwards through
 *   X-Forwarded-For, every address inside a trusted range is a proxy; the first one outside is the client.
 *
 * Keys group IPv6 clients by their /64 (one household or one server usually owns a whole /64, and
 * could otherwise rotate addresses to escape a limit); IPv4-mapped IPv6 addresses are read as IPv4.
 */
export type ProxyTrust = { kind: 'none' } | { kind: 'hops'; hops: number } | { kind: 'cidrs'; ranges: string[] };

export type ClientAddressOf = (req: IncomingMessage) => string;

export const TRUST_PROXY_HELP =
  'use a hop count such as TRUST_PROXY=1 (one proxy, e.g. Caddy or nginx, in front of the bot), or the proxies\' addresses as comma-separated CIDRs, e.g. TRUST_PROXY=10.0.0.0/8,fd00::/8; leave it unset when clients connect to the bot directly';

/** Parses TRUST_PROXY; returns the problem (for config.ts) instead of throwing. */
export function parseProxyTrust(value: string | undefined): { ok: true; value: ProxyTrust } | { ok: false; problem: string } {
  if (value === undefined || value.trim() === '' || value.trim() === '0') return { ok: true, value: { kind: 'none' } };
  const text = value.trim();
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    return hops >= 1 && hops <= 10 ? { ok: true, value: { kind: 'hops', hops } } : { ok: false, problem: `a hop count must be between 1 and 10; ${TRUST_PROXY_HELP}` };
  }
  const ranges: string[] = [];
  for (const raw of text.split(',')) {
    const entry = raw.trim();
    const parsed = parseCidr(entry);
    if (!parsed) return { ok: false, problem: `"${entry.slice(0, 60)}" is not an IPv4 or IPv6 address or CIDR range; ${TRUST_PROXY_HELP}` };
    ranges.push(`${parsed.address}/${parsed.prefix}`);
  }
  return { ok: true, value: { kind: 'cidrs', ranges } };
}

function parseCidr(entry: string): { address: string; prefix: number; family: 4 | 6 } | null {
  const [address = '', prefixText, extra] = entry.split('/');
  if (extra !== undefined) return null;
  const family = isIP(address);
  if (family !== 4 && family !== 6) return null;
  const max = family === 4 ? 32 : 128;
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return null;
  const prefix = prefixText === undefined ? max : Number(prefixText);
  if (prefix > max) return null;
  return { address, prefix, family };
}

export function clientAddressResolver(trust: ProxyTrust): ClientAddressOf {
  if (trust.kind === 'none') return (req) => clientKey(socketAddress(req));
  if (trust.kind === 'hops') {
    return (req) => {
      const chain = [...forwardedFor(req), socketAddress(req)];
      const chosen = chain[Math.max(0, chain.length - 1 - trust.hops)] as string;
      return clientKey(isIP(chosen) ? chosen : socketAddress(req));
    };
  }
  const trusted = new BlockList();
  for (const range of trust.ranges) {
    const parsed = parseCidr(range);
    if (parsed) trusted.addSubnet(parsed.address, parsed.prefix, parsed.family === 4 ? 'ipv4' : 'ipv6');
  }
  const isTrusted = (address: string) => {
    const family = isIP(address);
    return family !== 0 && trusted.check(address, family === 4 ? 'ipv4' : 'ipv6');
  };
  return (req) => {
    const chain = [...forwardedFor(req), socketAddress(req)];
    let index = chain.length - 1;
    while (index > 0 && isTrusted(chain[index] as string)) index -= 1;
    const chosen = chain[index] as string;
    // A garbled entry left of a trusted proxy: the proxy's own view (one to its right) is the best we know.
    return clientKey(isIP(chosen) ? chosen : (chain[index + 1] ?? socketAddress(req)));
  };
}

function socketAddress(req: IncomingMessage): string {
  return unmapped(req.socket.remoteAddress ?? 'unknown');
}

/** Every X-Forwarded-For entry, left to right (Node joins repeated headers with ", "). */
function forwardedFor(req: IncomingMessage): string[] {
  const header = req.headers['x-forwarded-for'];
  const text = Array.isArray(header) ? header.join(',') : (header ?? '');
  if (text.length > 4096) return [];
  return text
    .split(',')
    .map((part) => unmapped(stripPort(part.trim())))
    .filter((part) => part.length > 0);
}

/** "1.2.3.4:5678" and "[::1]:5678" → the address alone (some proxies add the port). */
function stripPort(entry: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(entry);
  if (bracketed?.[1]) return bracketed[1];
  const v4WithPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(entry);
  return v4WithPort?.[1] ?? entry;
}

function unmapped(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  return mapped?.[1] ?? address;
}

/** The rate-limit key of an address: IPv4 as is, IPv6 as its /64. */
export function clientKey(address: string): string {
  if (isIP(address) !== 6) return address;
  const groups = expandIpv6(address);
  return groups ? `${groups.slice(0, 4).join(':')}::/64` : address;
}

function expandIpv6(address: string): string[] | null {
  let text = address.split('%')[0] ?? address;
  // An embedded IPv4 tail (::ffff:1.2.3.4, 64:ff9b::1.2.3.4) becomes two hex groups.
  const v4 = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const missing = 8 - left.length - right.length;
  if (missing < 0 || (tail === undefined && missing !== 0)) return null;
  return [...left, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...right].map((group) => group.toLowerCase().replace(/^0+(?=.)/, ''));
}
