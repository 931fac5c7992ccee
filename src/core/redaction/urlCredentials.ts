import type { Detection } from './detection';
import { isPlaceholder } from './placeholders';

/** Schemes of database and message-broker URIs: their password is a connection-string secret. */
const CONNECTION_SCHEMES = new Set([
  'postgres', 'postgresql', 'mysql', 'mariadb', 'mongodb', 'mongodb+srv', 'redis', 'rediss', 'amqp', 'amqps',
  'mssql', 'sqlserver', 'oracle', 'jdbc:postgresql', 'jdbc:mysql', 'jdbc:sqlserver', 'cockroachdb', 'clickhouse',
  'couchdb', 'neo4j', 'neo4j+s', 'bolt', 'nats', 'kafka', 'memcached', 'ldap', 'ldaps', 'mqtt', 'mqtts',
]);
const MAX_SCHEME_CHARS = 32;
const MAX_AUTHORITY_CHARS = 2048;

/**
 * The password of `scheme://user:password@host` URLs. Only the password is redacted: the user and
 * host stay readable, which is what a reader of a log needs. Linear: each `://` is visited once,
 * the scheme scan is bounded and authorities end at the next `/`, so they are disjoint.
 */
export function findUrlPasswords(text: string, into: Detection[]): void {
  for (let at = text.indexOf('://'); at >= 0; at = text.indexOf('://', at + 3)) {
    const scheme = schemeBefore(text, at);
    if (scheme === undefined) continue;
    const authorityStart = at + 3;
    const limit = Math.min(text.length, authorityStart + MAX_AUTHORITY_CHARS);
    let colon = -1;
    let userInfoEnd = -1;
    for (let index = authorityStart; index < limit; index++) {
      const code = text.charCodeAt(index);
      if (endsAuthority(code)) break;
      if (code === 0x40) userInfoEnd = index;
      else if (code === 0x3a && colon < 0) colon = index;
    }
    if (userInfoEnd < 0 || colon < 0 || colon > userInfoEnd) continue;
    const password = text.slice(colon + 1, userInfoEnd);
    if (password === '' || isPlaceholder(password)) continue;
    into.push({ kind: CONNECTION_SCHEMES.has(scheme.toLowerCase()) ? 'connection-string-password' : 'url-password', start: colon + 1, end: userInfoEnd });
  }
}

function schemeBefore(text: string, at: number): string | undefined {
  let start = at;
  while (start > 0 && at - start < MAX_SCHEME_CHARS && isSchemeChar(text.charCodeAt(start - 1))) start--;
  // A scheme starts with a letter; `jdbc:mysql` keeps its inner colon.
  while (start < at && !isLetter(text.charCodeAt(start))) start++;
  return start < at ? text.slice(start, at) : undefined;
}

/** Where the authority (`user:pass@host:port`) ends: `/ ? # " ' \` < > \` or a blank. A `/` ends it, so two authorities never overlap. */
function endsAuthority(code: number): boolean {
  return code <= 0x20 || code === 0x2f || code === 0x3f || code === 0x23 || code === 0x22 || code === 0x27 || code === 0x60 || code === 0x3c || code === 0x3e || code === 0x5c || code === 0x7f || code === 0x85 || code === 0xa0 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x3000;
}

function isLetter(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

/** Letters, digits, `+ . : -`. */
function isSchemeChar(code: number): boolean {
  return isLetter(code) || (code >= 0x30 && code <= 0x39) || code === 0x2b || code === 0x2e || code === 0x3a || code === 0x2d;
}
