import { redact } from '../redaction';

/**
 * The URL as the audit log and error messages show it: scheme, host, port and path only. Userinfo,
 * query and fragment are dropped; secrets in the path are replaced, first by the shared redaction
 * module (known secret shapes, named by kind), then by a path-segment check of its own (key
 * prefixes, long hex and long mixed-case tokens), since a path segment has no context words.
 */
export function redactUrl(input: URL | string): string {
  let url: URL;
  try {
    url = typeof input === 'string' ? new URL(input) : input;
  } catch {
    return '[unparsable URL]';
  }
  // A scheme without a host (mailto:, data:, javascript:) is all payload; one with a host (ftp:,
  // ws:) is shown like http, so a refusal names what was refused.
  if (url.host === '') return `${url.protocol}[redacted]`;
  const path = redact(url.pathname).text.split('/').map(redactSegment).join('/');
  const marks = `${url.search === '' ? '' : '?[redacted]'}${url.hash === '' ? '' : '#[redacted]'}`;
  return `${url.protocol}//${url.host}${path}${marks}`;
}

// Known secret shapes (OpenAI, GitHub, Slack, AWS, Google, Stripe, JWT, Telegram bot tokens).
const SECRET_PREFIX = /^(?:sk-|ghp_|gho_|ghs_|ghu_|github_pat_|xox[abprs]-|AKIA|ASIA|AIza|sk_live_|rk_live_|eyJ|bot\d+:)/;
const HEX_TOKEN = /^[0-9a-f]{32,}$/i;
// Long opaque tokens mix upper case, lower case and digits; slugs ("a-long-post-title") do not.
const OPAQUE_TOKEN = /^(?=.*[A-Z])(?=.*[a-z])(?=.*\d)[A-Za-z0-9_\-+=%.~]{24,}$/;

function redactSegment(segment: string): string {
  return SECRET_PREFIX.test(segment) || HEX_TOKEN.test(segment) || OPAQUE_TOKEN.test(segment) ? '[redacted]' : segment;
}
