import { canonicalAddress } from './addressClass';

/**
 * Where a request would really go, as the WHATWG URL parser reads it: every IPv4 spelling
 * (`2130706433`, `0x7f.1`, `0177.0.0.1`, `127.1`) is already a dotted quad, IDN is punycode,
 * backslashes and `@` in odd places are resolved. Brackets and a trailing dot are dropped here.
 */
export interface EgressTarget {
  readonly scheme: 'http' | 'https';
  /** Lowercase name without the trailing dot, or the canonical IP literal without brackets. */
  readonly host: string;
  /** Set when the host is an IP literal (IPv4-mapped IPv6 unwrapped to IPv4). */
  readonly address: string | undefined;
  readonly port: number;
}

export function defaultPort(scheme: EgressTarget['scheme']): number {
  return scheme === 'https' ? 443 : 80;
}

/** WHATWG keeps IPv6 literals in brackets; the address checks want them bare. */
export function bareHost(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
}

/**
 * The target of an http(s) URL; undefined for any other scheme, an empty host, or a name with an
 * empty label (`example.com..`, `a..b`, `.a`): rules would read it as the name without the
 * extra dots, while resolvers disagree on what it is.
 */
export function targetOf(url: URL): EgressTarget | undefined {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  const bare = bareHost(url.hostname);
  const host = bare.length > 1 && bare.endsWith('.') ? bare.slice(0, -1) : bare;
  if (host === '' || host === '.' || (!bare.includes(':') && host.split('.').includes(''))) return undefined;
  const scheme = url.protocol === 'https:' ? 'https' : 'http';
  const port = url.port === '' ? defaultPort(scheme) : Number(url.port);
  const address = canonicalAddress(host);
  return { scheme, host: address ?? host, address, port };
}

/** `host:port` as messages show it, IPv6 in brackets. */
export function formatTarget(target: Pick<EgressTarget, 'host' | 'port'>): string {
  return `${target.host.includes(':') ? `[${target.host}]` : target.host}:${target.port}`;
}
