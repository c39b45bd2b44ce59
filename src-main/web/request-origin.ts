import { isIP } from 'node:net';

// Which `Host` and `Origin` the web host accepts. Bound to loopback (the default) it answers only
// to loopback names, which defeats DNS rebinding (a foreign site resolving its name to 127.0.0.1
// still sends its own name as Host). The WebSocket also needs an `Origin` equal to the page's own
// origin, so no other site open in the browser can drive core, even with the token.

export interface OriginPolicy {
  /** True when a request's Host header names this host. */
  allowsHost(hostHeader: string | undefined): boolean;
  /** True when a WebSocket's Origin is the page's own origin (same Host, http:). */
  allowsOrigin(originHeader: string | undefined, hostHeader: string | undefined): boolean;
}

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '');
  return bare === 'localhost' || bare === '::1' || (isIP(bare) === 4 && bare.startsWith('127.'));
}

export function isWildcardHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '');
  return bare === '0.0.0.0' || bare === '::';
}

/** `host` in URL form: IPv6 addresses in brackets. */
export function urlHost(host: string): string {
  return isIP(host) === 6 ? `[${host}]` : host;
}

export function originPolicy(boundHost: string, port: number): OriginPolicy {
  const names = isLoopbackHost(boundHost) ? [...LOOPBACK_NAMES, urlHost(boundHost)] : isWildcardHost(boundHost) ? null : [urlHost(boundHost)];
  const allowed = names === null ? null : new Set(names.map((name) => `${name.toLowerCase()}:${port}`));
  const allowsHost = (hostHeader: string | undefined): boolean => {
    if (!hostHeader) return false;
    if (allowed === null) return /^[a-z0-9.[\]:-]+$/i.test(hostHeader); // bound to every interface: any well-formed Host
    return allowed.has(hostHeader.toLowerCase());
  };
  return {
    allowsHost,
    allowsOrigin: (originHeader, hostHeader) => allowsHost(hostHeader) && originHeader !== undefined && originHeader.toLowerCase() === `http://${hostHeader!.toLowerCase()}`,
  };
}
