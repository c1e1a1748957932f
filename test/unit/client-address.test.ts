import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientAddressResolver, clientKey, parseProxyTrust } from '../../src/http/client-address.js';
import { ConfigError, loadConfig } from '../../src/config.js';

function request(socket: string, forwardedFor?: string): IncomingMessage {
  return { socket: { remoteAddress: socket }, headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor } } as unknown as IncomingMessage;
}

describe('TRUST_PROXY and the client address', () => {
  it('unset: X-Forwarded-For is never believed', () => {
    const of = clientAddressResolver({ kind: 'none' });
    expect(of(request('203.0.113.9', '198.51.100.1'))).toBe('203.0.113.9');
    expect(of(request('::ffff:203.0.113.9'))).toBe('203.0.113.9');
  });

  it('a hop count believes only the entries the proxies wrote', () => {
    const one = clientAddressResolver({ kind: 'hops', hops: 1 });
    // The client wrote "6.6.6.6" itself; the proxy (the socket) appended the real address.
    expect(one(request('10.0.0.2', '6.6.6.6, 198.51.100.7'))).toBe('198.51.100.7');
    expect(one(request('10.0.0.2'))).toBe('10.0.0.2');
    const two = clientAddressResolver({ kind: 'hops', hops: 2 });
    expect(two(request('10.0.0.2', '6.6.6.6, 198.51.100.7, 10.0.0.9'))).toBe('198.51.100.7');
    // Garbage where the proxy's entry should be: the socket address, never the garbage.
    expect(one(request('10.0.0.2', 'not-an-ip'))).toBe('10.0.0.2');
  });

  it('CIDRs: walks left past trusted proxies to the first untrusted address', () => {
    const parsed = parseProxyTrust('10.0.0.0/8, fd00::/8, 192.0.2.1');
    expect(parsed.ok).toBe(true);
    const of = clientAddressResolver(parsed.ok ? parsed.value : { kind: 'none' });
    expect(of(request('10.1.2.3', '6.6.6.6, 198.51.100.7, 10.9.9.9'))).toBe('198.51.100.7');
    expect(of(request('fd12::1', '2001:db8:1:2:3:4:5:6'))).toBe('2001:db8:1:2::/64');
    expect(of(request('192.0.2.1', '198.51.100.8:4711'))).toBe('198.51.100.8');
    // Not from a trusted proxy: the header is ignored.
    expect(of(request('198.51.100.50', '6.6.6.6'))).toBe('198.51.100.50');
  });

  it('groups IPv6 clients by /64', () => {
    expect(clientKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientKey('2001:db8:0:0:ffff::9')).toBe('2001:db8:0:0::/64');
    expect(clientKey('::1')).toBe('0:0:0:0::/64');
    expect(clientKey('198.51.100.1')).toBe('198.51.100.1');
  });

  it('config fails fast with a message saying how to fix TRUST_PROXY', () => {
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toEqual({ kind: 'hops', hops: 1 });
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8,::1' }).trustProxy).toEqual({ kind: 'cidrs', ranges: ['10.0.0.0/8', '::1/128'] });
    expect(loadConfig({}).trustProxy).toEqual({ kind: 'none' });
    for (const bad of ['yes', '10.0.0.0/33', '99', '10.0.0.0/8,nginx']) {
      let thrown: unknown;
      try {
        loadConfig({ TRUST_PROXY: bad });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(ConfigError);
      expect((thrown as ConfigError).problems.join('\n')).toMatch(/TRUST_PROXY=.*e\.g\. TRUST_PROXY=10\.0\.0\.0\/8/);
    }
  });
});
