import ipaddr from 'ipaddr.js';
import { allow, deny, type EgressDecision, type EgressPolicy } from './egressDecision';

const LOCALHOST_NAMES = /^(?:localhost|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.localhost)$/;

/** WHATWG keeps IPv6 literals in brackets; the address checks want them bare. */
export function bareHost(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
}

/** True for 127.0.0.0/8 and ::1, also when written as an IPv4-mapped IPv6 address. */
export function isLoopbackAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  const parsed = ipaddr.process(address);
  return parsed.range() === 'loopback';
}

/**
 * The model endpoint policy until policy packs exist: only this machine.
 * Checks, in order: scheme (http/https), no credentials in the URL, host is a loopback
 * literal or a *.localhost name (resolved later, every answer must be loopback).
 * Any other host name is refused without a DNS lookup, so a refused URL sends nothing anywhere.
 */
export function loopbackOnlyPolicy(): EgressPolicy {
  return {
    decideUrl(url: URL): EgressDecision {
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        return deny('scheme-not-allowed', `${url.protocol.replace(/:$/, '')} is not allowed; use http or https.`);
      }
      if (url.username !== '' || url.password !== '') {
        return deny('credentials-in-url', 'URLs with credentials are refused; set the API key with "Airlock: Set Model API Key…".');
      }
      const host = bareHost(url.hostname);
      if (isLoopbackAddress(host) || LOCALHOST_NAMES.test(host)) {
        return allow('loopback-endpoint', `${host} is on this machine.`);
      }
      return deny('host-not-loopback', `${host} is not a loopback address; Airlock sends model traffic only to this machine (127.0.0.1, ::1, localhost).`);
    },
    decideAddress(address: string, host: string): EgressDecision {
      return isLoopbackAddress(address)
        ? allow('loopback-endpoint', `${host} resolved to ${address}, on this machine.`)
        : deny('address-not-loopback', `${host} resolved to ${address}, which is not a loopback address.`);
    },
  };
}
