import { z } from 'zod';

/**
 * A host pattern as users write it in the firewall: `example.com`, `*.example.com`, an IP
 * literal (`127.0.0.1`, `[::1]`), each with an optional `:port`. Lowercase, ASCII (punycode for
 * IDN). Over-broad patterns (`*`, `*.com`) are refused: an allow-everything rule is a mistake.
 */
export interface HostPattern {
  /** `example.com`, or the suffix `example.com` for `*.example.com`, or the bare IP literal. */
  readonly host: string;
  readonly wildcard: boolean;
  readonly port: number | undefined;
}

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const IPV4 = /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6_BRACKETED = /^\[[0-9a-f:.]+\]$/;

export type HostPatternResult = { ok: true; pattern: HostPattern } | { ok: false; error: string };

/** Parses and validates one pattern; the error says what is wrong in a sentence. */
export function parseHostPattern(raw: string): HostPatternResult {
  const text = raw.trim().toLowerCase();
  if (text === '') return { ok: false, error: 'a host pattern must not be empty' };
  if (/[/?#@\s\\]/.test(text)) return { ok: false, error: `"${raw}" is not a host pattern: give a host name such as example.com or *.example.com, without scheme, path or credentials` };
  const { host, port, error } = splitPort(text);
  if (error) return { ok: false, error: `"${raw}": ${error}` };
  if (IPV4.test(host) || IPV6_BRACKETED.test(host)) return { ok: true, pattern: { host: host.replace(/^\[|\]$/g, ''), wildcard: false, port } };
  if (host === '*' || host === '*.') return { ok: false, error: `"${raw}" would allow every host; name the hosts instead` };
  const wildcard = host.startsWith('*.');
  const name = wildcard ? host.slice(2) : host;
  if (name.includes('*')) return { ok: false, error: `"${raw}": a wildcard is only allowed as the whole first label (*.example.com)` };
  const labels = name.replace(/\.$/, '').split('.');
  if (!labels.every((label) => LABEL.test(label))) return { ok: false, error: `"${raw}" is not a valid host name (use punycode for international names)` };
  // URL parsers read a name ending in a number as IPv4 ("127.1" is 127.0.0.1): only the canonical form may name an address.
  if (/^(?:\d+|0x[0-9a-f]*)$/.test(labels.at(-1) ?? '')) return { ok: false, error: `"${raw}" looks like an IPv4 address in a short or hex form; write it as four decimal numbers (a.b.c.d)` };
  if (wildcard && labels.length < 2) return { ok: false, error: `"${raw}" is too broad: a wildcard must keep at least two labels (*.example.com)` };
  return { ok: true, pattern: { host: labels.join('.'), wildcard, port } };
}

function splitPort(text: string): { host: string; port: number | undefined; error?: string } {
  const match = /^(.*?)(?::(\d{1,5}))?$/.exec(text.startsWith('[') ? text.replace(/^(\[[^\]]*\])(.*)$/, '$1$2') : text);
  const host = match?.[1] ?? text;
  const portText = match?.[2];
  if (!text.startsWith('[') && host.includes(':')) return { host, port: undefined, error: 'IPv6 literals must be written in brackets, e.g. [::1]:8080' };
  if (portText === undefined) return { host, port: undefined };
  const port = Number(portText);
  if (port < 1 || port > 65535) return { host, port: undefined, error: `port ${portText} is out of range` };
  return { host, port };
}

/** The canonical text of a pattern, as stored in policy files. */
export function formatHostPattern(pattern: HostPattern): string {
  const host = pattern.host.includes(':') ? `[${pattern.host}]` : pattern.host;
  return `${pattern.wildcard ? '*.' : ''}${host}${pattern.port === undefined ? '' : `:${pattern.port}`}`;
}

/** True when `host` (lowercase, brackets removed) and `port` fall under the pattern. */
export function hostMatches(pattern: HostPattern, host: string, port: number): boolean {
  if (pattern.port !== undefined && pattern.port !== port) return false;
  const name = host.replace(/\.$/, '');
  return pattern.wildcard ? name.endsWith(`.${pattern.host}`) : name === pattern.host;
}

/** zod type for a host pattern string, normalised to its canonical text. */
export const hostPatternSchema = z.string().transform((value, ctx) => {
  const parsed = parseHostPattern(value);
  if (!parsed.ok) {
    ctx.addIssue({ code: 'custom', message: parsed.error });
    return z.NEVER;
  }
  return formatHostPattern(parsed.pattern);
});
