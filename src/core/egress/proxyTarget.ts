import ipaddr from 'ipaddr.js';
import { targetOf, type EgressTarget } from './egressTarget';

/** What a request to the egress proxy asks to reach: a URL decide() can judge, and its target. */
export type ProxyTarget =
  | { readonly ok: true; readonly url: URL; readonly target: EgressTarget }
  | { readonly ok: false; readonly detail: string };

// Only the plain spellings: a name of letters, digits, dots and hyphens, or a bracketed IPv6
// literal. No userinfo (`user@host`), no backslash, no percent-encoding, no fragment: each is a
// way to make the proxy and the rules read different hosts out of one target.
const HOST = String.raw`([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])`;
const CONNECT_TARGET = new RegExp(`^${HOST}:(\\d{1,5})$`);
const ABSOLUTE_HTTP = new RegExp(`^http://${HOST}(?::(\\d{1,5}))?(?:[/?][^#\\s]*)?$`, 'i');
const DOTTED_QUAD = /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/**
 * The target of a CONNECT (`host:port`, decided as `https://host:port/`: a rule without a port
 * covers 443 only) or of an absolute-form request (`http://host[:port]/path`). Everything else
 * is refused: origin-form (this is a proxy, not a server), `https://` in absolute form (https goes
 * through CONNECT), userinfo, and an IP literal in any spelling but the canonical one
 * (`2130706433`, `0177.0.0.1`, `127.1`, `[::ffff:127.0.0.1]`): URL parsers and resolvers
 * disagree on those, and a rule should never have to.
 */
export function parseProxyTarget(method: string, requestTarget: string): ProxyTarget {
  if (method === 'CONNECT') {
    const match = CONNECT_TARGET.exec(requestTarget);
    if (match === null) return refused(`CONNECT needs host:port (a name or an IP address and a port number), not "${printable(requestTarget)}".`);
    return checked(`https://${match[1] ?? ''}:${match[2] ?? ''}/`, match[1] ?? '', match[2]);
  }
  if (requestTarget.startsWith('/') || requestTarget === '*') return refused('this is Airlock\'s egress proxy: send absolute-form requests (GET http://host/path) or CONNECT host:port.');
  if (/^https:/i.test(requestTarget)) return refused('https goes through CONNECT host:443, not an absolute-form https:// request.');
  const match = ABSOLUTE_HTTP.exec(requestTarget);
  if (match === null) return refused(`"${printable(requestTarget)}" is not a plain http://host[:port]/path URL (user names, backslashes and encoded hosts are refused).`);
  return checked(requestTarget, match[1] ?? '', match[2]);
}

function checked(text: string, rawHost: string, rawPort: string | undefined): ProxyTarget {
  if (rawPort !== undefined && (Number(rawPort) < 1 || Number(rawPort) > 65535 || rawPort.startsWith('0'))) return refused(`${rawPort} is not a port number.`);
  const odd = oddAddressForm(rawHost);
  if (odd !== undefined) return refused(odd);
  if (!URL.canParse(text)) return refused(`"${printable(text)}" is not a valid URL.`);
  const url = new URL(text);
  const target = targetOf(url);
  if (target === undefined) return refused(`${rawHost} is not a valid host: it has an empty label (two dots in a row, or a leading dot).`);
  // The rules judge the parser's host; refuse when that is not the host as written.
  if (url.hostname !== rawHost.toLowerCase()) return refused(`the host "${rawHost}" is written in an unusual form (it reads as ${url.hostname}); write it plainly.`);
  return { ok: true, url, target };
}

/** A sentence when `host` is an IP literal in anything but its plain form; undefined otherwise. */
function oddAddressForm(host: string): string | undefined {
  if (host.startsWith('[')) {
    const bare = host.slice(1, -1);
    if (!ipaddr.IPv6.isValid(bare)) return `${host} is not a valid IPv6 address.`;
    const parsed = ipaddr.IPv6.parse(bare);
    if (parsed.isIPv4MappedAddress()) return `${host} is an IPv4-mapped IPv6 address; write the IPv4 address ${parsed.toIPv4Address().toString()} itself.`;
    return undefined;
  }
  const name = host.endsWith('.') ? host.slice(0, -1) : host;
  // A last label of digits (or 0x…) makes the whole host an IPv4 address to URL parsers.
  const last = name.split('.').pop() ?? '';
  if ((/^\d+$/.test(last) || /^0x[0-9a-f]*$/i.test(last)) && !DOTTED_QUAD.test(name)) {
    return `${host} is an IP address in an unusual form (decimal, octal, hexadecimal or shortened); write it as four decimal numbers.`;
  }
  return undefined;
}

function refused(detail: string): ProxyTarget {
  return { ok: false, detail };
}

/** The target as it may be quoted back: at most 200 printable ASCII characters. */
function printable(text: string): string {
  const clean = text.replace(/[^\x20-\x7e]/g, '?');
  return clean.length > 200 ? `${clean.slice(0, 200)}…` : clean;
}
