import type { SecretKind } from './secretKinds';
import type { Detection } from './detection';
import { isExampleToken } from './notSecret';

/**
 * Secrets recognisable by their own shape (a vendor prefix, a fixed length).
 *
 * One regex of the literal prefixes finds candidates (V8 scans for literal alternatives far faster
 * than for patterns that open with a lookbehind); each candidate is then checked in code to start
 * a token, and the rules for its first character are tried, sticky, at that position.
 *
 * Linear time, by construction:
 * - a token may start only where a run of token characters starts (`[A-Za-z0-9_-]` is not just
 *   before it), or right after a `\n`, `\r` or `\t` escape as JSON text has them, so inside one
 *   long run at most one position is tried per run;
 * - every repetition in a rule is either bounded by a small constant or followed by a character
 *   its class excludes, so a failed attempt gives back at most the run it consumed;
 * - after a match the search resumes at its end.
 * Together each character is examined a bounded number of times (test/unit/core/redaction
 * checks it on adversarial inputs of 1 MB).
 */
interface TokenRule {
  readonly kind: SecretKind;
  /** The literal the token starts with, as regex source. */
  readonly prefix: string;
  /** The rest of the token after the prefix, ending with its own end boundary. */
  readonly body: string;
}

/** Not followed by another token character: a shorter prefix of a longer run is not a token. */
const END = '(?![A-Za-z0-9_-])';
const END_ALNUM = '(?![A-Za-z0-9])';

const TOKEN_RULES: readonly TokenRule[] = [
  { kind: 'aws-access-key-id', prefix: '(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)', body: `[A-Z0-9]{16}${END_ALNUM}` },
  { kind: 'github-token', prefix: 'gh[pousr]_', body: `[A-Za-z0-9]{36,251}${END}` },
  { kind: 'github-token', prefix: 'github_pat_', body: `[A-Za-z0-9_]{22,255}${END}` },
  { kind: 'gitlab-token', prefix: 'gl(?:pat|ptt|dt|rt|oas|soat|ft|cbt)-', body: `[A-Za-z0-9_-]{20,64}${END}` },
  { kind: 'npm-token', prefix: 'npm_', body: `[A-Za-z0-9]{36}${END}` },
  { kind: 'anthropic-api-key', prefix: 'sk-ant-', body: `[A-Za-z0-9_-]{20,300}${END}` },
  { kind: 'openrouter-api-key', prefix: 'sk-or-v1-', body: `[a-f0-9]{64}${END}` },
  { kind: 'openai-api-key', prefix: 'sk-(?:proj|svcacct|admin|None)-', body: `[A-Za-z0-9_-]{20,300}${END}` },
  // Legacy OpenAI keys (48 characters) and the many providers that copied the shape (DeepSeek, …).
  { kind: 'openai-api-key', prefix: 'sk-', body: `[A-Za-z0-9]{32,250}${END}` },
  { kind: 'google-api-key', prefix: 'AIza', body: `[0-9A-Za-z_-]{35}${END}` },
  { kind: 'huggingface-token', prefix: '(?:hf_|api_org_)', body: `[A-Za-z0-9]{30,40}${END}` },
  { kind: 'groq-api-key', prefix: 'gsk_', body: `[A-Za-z0-9]{48,60}${END}` },
  { kind: 'replicate-api-token', prefix: 'r8_', body: `[A-Za-z0-9]{36,40}${END}` },
  { kind: 'xai-api-key', prefix: 'xai-', body: `[A-Za-z0-9]{70,90}${END}` },
  { kind: 'perplexity-api-key', prefix: 'pplx-', body: `[A-Za-z0-9]{40,60}${END}` },
  { kind: 'slack-token', prefix: 'xox[abposre]-', body: `[0-9]{1,20}-[0-9A-Za-z-]{8,250}${END}` },
  { kind: 'slack-token', prefix: 'xapp-', body: `[0-9]{1,4}-[0-9A-Za-z-]{8,250}${END}` },
  // The whole path after the host is the credential; nothing follows the greedy class.
  { kind: 'slack-webhook', prefix: 'https://hooks\\.slack\\.com/', body: '(?:services|workflows|triggers)/[A-Za-z0-9_/+-]{16,}' },
  // Secret and restricted keys; publishable keys (pk_) are public by design.
  { kind: 'stripe-key', prefix: '(?:sk|rk)_(?:live|test)_', body: `[0-9A-Za-z]{10,247}${END}` },
  { kind: 'stripe-key', prefix: 'whsec_', body: `[A-Za-z0-9+/=]{24,100}${END}` },
  { kind: 'sendgrid-api-key', prefix: 'SG\\.', body: `[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}${END}` },
  { kind: 'shopify-token', prefix: 'shp(?:at|ca|pa|ss)_', body: `[a-fA-F0-9]{32}${END}` },
  { kind: 'atlassian-api-token', prefix: 'ATATT3', body: `[A-Za-z0-9_=-]{150,300}${END}` },
  // dp.st.<config>.<token> for service tokens, dp.pt.<token> for personal ones.
  { kind: 'doppler-token', prefix: 'dp\\.(?:pt|st|ct|sa|scim|audit)\\.', body: `(?:[a-z0-9_-]{1,40}\\.)?[A-Za-z0-9]{40,44}${END}` },
  { kind: 'pulumi-token', prefix: 'pul-', body: `[a-f0-9]{40}${END}` },
  { kind: 'digitalocean-token', prefix: 'do[opr]_v1_', body: `[a-f0-9]{64}${END}` },
  { kind: 'linear-api-key', prefix: 'lin_(?:api|oauth)_', body: `[A-Za-z0-9]{40}${END}` },
  { kind: 'postman-api-key', prefix: 'PMAK-', body: `[a-f0-9]{24}-[a-f0-9]{34}${END}` },
  { kind: 'databricks-token', prefix: 'dapi', body: `[a-f0-9]{32}(?:-[0-9]{1,2})?${END}` },
  { kind: 'sentry-token', prefix: 'sntry[su]_', body: '[A-Za-z0-9+/=_]{40,400}(?![A-Za-z0-9+/=_-])' },
  { kind: 'grafana-token', prefix: 'glsa_', body: `[A-Za-z0-9]{32}_[a-fA-F0-9]{8}${END}` },
  { kind: 'grafana-token', prefix: 'glc_', body: '[A-Za-z0-9+/]{32,400}={0,2}(?![A-Za-z0-9+/=_-])' },
  { kind: 'new-relic-key', prefix: 'NR(?:AK|II|JS|RA|AA)-', body: `[A-Za-z0-9]{19,42}${END}` },
  { kind: 'vault-token', prefix: 'hv[sbr]\\.', body: `[A-Za-z0-9_-]{24,400}${END}` },
  { kind: 'pypi-token', prefix: 'pypi-AgEIcHlwaS5vcmc', body: `[A-Za-z0-9_-]{50,1000}${END}` },
  { kind: 'rubygems-token', prefix: 'rubygems_', body: `[a-f0-9]{48}${END}` },
  { kind: 'docker-hub-token', prefix: 'dckr_(?:pat|oat)_', body: `[A-Za-z0-9_-]{27,80}${END}` },
  { kind: 'supabase-token', prefix: 'sbp_', body: `[a-f0-9]{40}${END}` },
  { kind: 'supabase-token', prefix: 'sb_secret_', body: `[A-Za-z0-9_-]{20,80}${END}` },
  { kind: 'netlify-token', prefix: 'nfp_', body: `[A-Za-z0-9]{36,40}${END}` },
  { kind: 'notion-token', prefix: 'ntn_', body: `[A-Za-z0-9]{40,50}${END}` },
  { kind: 'notion-token', prefix: 'secret_', body: `[A-Za-z0-9]{43}${END}` },
  { kind: 'tailscale-key', prefix: 'tskey-(?:auth|api|client|scim|webhook)-', body: `[A-Za-z0-9]{6,24}-[A-Za-z0-9]{16,64}${END}` },
  { kind: 'private-key', prefix: 'AGE-SECRET-KEY-1', body: `[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}${END}` },
  { kind: 'google-oauth-token', prefix: 'GOCSPX-', body: `[A-Za-z0-9_-]{28}${END}` },
  { kind: 'google-oauth-token', prefix: 'ya29\\.', body: `[A-Za-z0-9_-]{30,2000}${END}` },
  { kind: 'langsmith-api-key', prefix: 'lsv2_(?:pt|sk)_', body: `[a-f0-9]{32}_[a-f0-9]{10}${END}` },
  { kind: 'nvidia-api-key', prefix: 'nvapi-', body: `[A-Za-z0-9_-]{64}${END}` },
  { kind: 'twilio-api-key', prefix: 'SK', body: `[0-9a-fA-F]{32}${END}` },
  { kind: 'mailgun-api-key', prefix: 'key-', body: `[0-9a-f]{32}${END}` },
  { kind: 'heroku-api-key', prefix: 'HRKU-', body: `[A-Za-z0-9_-]{40,80}${END}` },
  { kind: 'figma-token', prefix: 'figd_', body: `[A-Za-z0-9_-]{40,60}${END}` },
  { kind: 'elevenlabs-api-key', prefix: 'sk_', body: `[a-f0-9]{48}${END}` },
  { kind: 'planetscale-token', prefix: 'pscale_(?:tkn|pw|oauth)_', body: `[A-Za-z0-9_-]{32,64}${END}` },
  // The whole path after the host is the credential, as for Slack's.
  { kind: 'discord-webhook', prefix: 'https://(?:ptb\\.|canary\\.)?discord(?:app)?\\.com/api/webhooks/', body: `[0-9]{17,20}/[A-Za-z0-9_-]{60,80}${END}` },
  { kind: 'square-token', prefix: 'sq0(?:atp|csp)-', body: `[A-Za-z0-9_-]{22,43}${END}` },
  { kind: 'onepassword-token', prefix: 'ops_eyJ', body: '[A-Za-z0-9+/=_-]{100,2000}(?![A-Za-z0-9+/=_-])' },
  { kind: 'fly-token', prefix: 'fo1_', body: `[A-Za-z0-9_-]{43}${END}` },
  // header.payload.signature, base64url of JSON objects; the signature may be empty (alg none).
  { kind: 'jwt', prefix: 'eyJ', body: '[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*' },
];

interface CompiledRule {
  readonly kind: SecretKind;
  readonly sticky: RegExp;
}

const CANDIDATES = new RegExp(TOKEN_RULES.map((rule) => rule.prefix).join('|'), 'g');
/** Rules by the first character their prefix can start with, in table order. */
const RULES_BY_FIRST = groupByFirstCharacter();

/** Finds every shaped token; appends to `into`. */
export function findShapedTokens(text: string, into: Detection[]): void {
  const candidates = new RegExp(CANDIDATES);
  for (let candidate = candidates.exec(text); candidate !== null; candidate = candidates.exec(text)) {
    const at = candidate.index;
    if (!startsToken(text, at)) continue;
    for (const rule of RULES_BY_FIRST.get(text.charAt(at)) ?? []) {
      rule.sticky.lastIndex = at;
      const match = rule.sticky.exec(text);
      if (match === null) continue;
      // An example or filler is skipped whole, so no part of it is taken for another token.
      if (!isExampleToken(match[0], match[1] ?? '')) into.push({ kind: rule.kind, start: at, end: at + match[0].length });
      candidates.lastIndex = at + match[0].length;
      break;
    }
  }
}

/** Not inside a run of token characters, or right after a JSON escape (`\n`, `\r`, `\t`). */
function startsToken(text: string, at: number): boolean {
  if (at === 0) return true;
  const before = text.charCodeAt(at - 1);
  const tokenChar = (before >= 48 && before <= 57) || (before >= 65 && before <= 90) || (before >= 97 && before <= 122) || before === 95 || before === 45;
  if (!tokenChar) return true;
  return (before === 110 || before === 114 || before === 116) && at >= 2 && text.charCodeAt(at - 2) === 92;
}

function groupByFirstCharacter(): Map<string, CompiledRule[]> {
  const groups = new Map<string, CompiledRule[]>();
  for (const rule of TOKEN_RULES) {
    // The body is captured: filler is judged on it, without the vendor prefix.
    const compiled = { kind: rule.kind, sticky: new RegExp(`(?:${rule.prefix})(${rule.body})`, 'y') };
    for (const first of firstCharacters(rule.prefix)) groups.set(first, [...(groups.get(first) ?? []), compiled]);
  }
  return groups;
}

/** The characters a prefix can start with: its first letter, or the first letters of its alternatives. */
function firstCharacters(prefix: string): string[] {
  if (!prefix.startsWith('(?:')) return [prefix.charAt(0)];
  return prefix.slice(3, prefix.indexOf(')')).split('|').map((alternative) => alternative.charAt(0));
}
