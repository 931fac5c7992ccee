// Hop-by-hop headers (RFC 9110 §7.6.1) end at the proxy, and so do the proxy's own credentials.
// `expect` goes too: the proxy answers 100-continue itself, and the server gets the body at once.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'proxy-authorization', 'proxy-authenticate', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'expect']);

/**
 * The headers a proxied request or response carries on, in the raw `[name, value, …]` form Node
 * reads and writes (case, order and repeated headers kept): without hop-by-hop headers, without
 * any header the `Connection` header names, and, for a request, with `Host` set to the authority
 * the policy judged (a client's own `Host` could pick another virtual host on the same address).
 */
export function forwardedHeaders(raw: readonly string[], host?: string): string[] {
  const named = new Set<string>();
  for (let i = 0; i + 1 < raw.length; i += 2) {
    if ((raw[i] as string).toLowerCase() === 'connection') for (const token of (raw[i + 1] as string).split(',')) named.add(token.trim().toLowerCase());
  }
  const out: string[] = host === undefined ? [] : ['Host', host];
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = (raw[i] as string).toLowerCase();
    if (HOP_BY_HOP.has(name) || named.has(name) || (host !== undefined && name === 'host')) continue;
    out.push(raw[i] as string, raw[i + 1] as string);
  }
  return out;
}
