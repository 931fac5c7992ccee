import type { SecretKind } from './secretKinds';

/**
 * How a name (a variable, key, header or flag) says what its value is:
 * - `password`: a password or passphrase — any literal value is a secret;
 * - `secret`: a secret, token, credential, qualified key (API key, access key, private key) or an
 *   upper-case environment variable ending in `_KEY`;
 * - `weak`: `auth`, `authorization`, `session`, `cookie`, `salt`, `signature` — a secret only when
 *   the value looks random.
 */
export type SecretNameClass = 'password' | 'secret' | 'weak';

export interface SecretName {
  readonly nameClass: SecretNameClass;
  /** The name's words, lower case (nameWords). */
  readonly words: readonly string[];
  /** Whether the name is AWS's secret access key's (aws_secret_access_key, SecretAccessKey). */
  readonly aws: boolean;
  /** A more specific kind a provider's name implies (MISTRAL_API_KEY → mistral-api-key). */
  readonly provider?: SecretKind;
}

const PASSWORD_WORDS = new Set([
  'password', 'passwd', 'pwd', 'passphrase', 'passcode',
  // keytool's -storepass and -keypass, sshpass's SSHPASS variable
  'storepass', 'keypass', 'srcstorepass', 'srckeypass', 'deststorepass', 'destkeypass', 'sshpass',
]);
/** One word ending in a password word: PGPASSWORD, dbpassword, -Dpassword, ROOTPASSWD. */
const PASSWORD_COMPOUND = /(?:password|passwd|passphrase)$/;
/** Short words that mean a password only as the last word after another (DB_PASS, smtp_pw), not in passNumber or pass-color. */
const PASSWORD_SUFFIXES = new Set(['pass', 'pw']);
const SECRET_WORDS = new Set([
  'secret', 'secrets', 'token', 'credential', 'credentials', 'creds', 'apikey', 'apitoken', 'authtoken', 'accesstoken',
  'refreshtoken', 'bearertoken', 'sessiontoken', 'idtoken', 'secretkey', 'privatekey', 'accesskey', 'signingkey', 'masterkey',
  'encryptionkey', 'clientsecret', 'appsecret', 'apisecret', 'webhooksecret', 'sessionsecret', 'jwtsecret', 'licensekey',
  'servicekey', 'authkey', 'appkey', 'privkey', 'sharedkey', 'subscriptionkey', 'connectionstring', 'sas', 'dsn', 'pat',
]);
/** `key` is a secret when one of these precedes it: api_key, ACCESS_KEY, private-key. */
const KEY_QUALIFIERS = new Set([
  'api', 'access', 'secret', 'private', 'signing', 'master', 'encryption', 'client', 'auth', 'license', 'app', 'account',
  'service', 'subscription', 'consumer', 'webhook', 'deploy', 'session', 'admin', 'integration', 'sdk', 'server', 'shared',
  'priv', 'hmac', 'crypto', 'cipher', 'aes', 'rsa', 'ssh', 'gpg', 'pgp', 'storage', 'write', 'read', 'ingest', 'management',
]);
const WEAK_WORDS = new Set(['auth', 'authorization', 'authentication', 'cookie', 'session', 'sessionid', 'salt', 'signature', 'otp', 'pin']);
/**
 * Last words that make a name describe a secret without holding one: tokenType, secretName,
 * TOKEN_URL, password_min_length, API_KEY_ID, passwordVisible.
 */
const META_LAST_WORDS = new Set([
  'length', 'len', 'size', 'limit', 'ttl', 'expiry', 'expires', 'expiration', 'expire', 'timeout', 'age', 'type', 'types',
  'name', 'names', 'id', 'ids', 'path', 'file', 'filename', 'dir', 'url', 'uri', 'endpoint', 'header', 'headers', 'field',
  'param', 'prefix', 'suffix', 'format', 'kind', 'mode', 'enabled', 'enable', 'disabled', 'required', 'policy', 'rotation',
  'store', 'manager', 'provider', 'method', 'scheme', 'strategy', 'backend', 'host', 'user', 'username', 'email', 'label',
  'placeholder', 'hint', 'regex', 'pattern', 'version', 'index', 'location', 'ref', 'source', 'usage', 'used', 'reset',
  'forgot', 'changed', 'update', 'input', 'visible', 'visibility', 'show', 'hide', 'toggle', 'strength', 'rules',
  'validator', 'validation', 'error', 'errors', 'message', 'class', 'style', 'icon', 'env', 'var', 'variable', 'keys',
  'tokens', 'count', 'budget', 'estimate', 'cost', 'price', 'fingerprint', 'algorithm', 'alg', 'bits', 'column',
]);
/** Words anywhere in the name that make it a non-secret: PUBLIC_KEY, MAX_TOKEN_AGE. */
const META_ANY_WORDS = new Set(['public', 'pub', 'publishable', 'max', 'min', 'num']);
const PROVIDERS: readonly { readonly word: string; readonly kind: SecretKind }[] = [
  { word: 'mistral', kind: 'mistral-api-key' },
  { word: 'cohere', kind: 'cohere-api-key' },
  { word: 'co', kind: 'cohere-api-key' },
];

/** Splits an identifier into lower-case words: `AWS_SECRET_ACCESS_KEY`, `apiKey`, `x-api-key`, `db.password`. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== '')
    .map((word) => word.toLowerCase());
}

/** Names repeat (in code, in logs); their classification is kept, up to a bound. */
const CLASSIFIED = new Map<string, SecretName | null>();
const MAX_CLASSIFIED = 4096;

/** What the name says about its value, or undefined when it does not look like a secret's name. */
export function classifySecretName(name: string): SecretName | undefined {
  const known = CLASSIFIED.get(name);
  if (known !== undefined) return known ?? undefined;
  const result = classify(name);
  if (CLASSIFIED.size >= MAX_CLASSIFIED) CLASSIFIED.clear();
  CLASSIFIED.set(name, result ?? null);
  return result;
}

/** A name that describes a secret rather than holding one: tokenType, secret_name, client_id, PUBLIC_KEY. */
export function isMetaName(name: string): boolean {
  const words = nameWords(name.slice(name.lastIndexOf('.') + 1));
  return META_LAST_WORDS.has(words[words.length - 1] ?? '') || words.some((word) => META_ANY_WORDS.has(word));
}

function classify(name: string): SecretName | undefined {
  // A member path is named by its last member: spring.datasource.password, config.apiKey — but token.markup is not a secret.
  const words = nameWords(name.slice(name.lastIndexOf('.') + 1));
  if (words.length === 0 || words.length > 12) return undefined;
  if (isMetaName(name)) return undefined;
  const provider = PROVIDERS.find((entry) => words.includes(entry.word) && words.includes('key'))?.kind;
  const aws = isAwsSecretName(words);
  const withProvider = (nameClass: SecretNameClass): SecretName => (provider === undefined ? { nameClass, words, aws } : { nameClass, words, aws, provider });
  // PWD alone is the shell's working directory; Pwd= in an ODBC string is caught by its context (see decide).
  if (words.length === 1 && words[0] === 'pwd') return withProvider('password');
  if (words.some((word) => PASSWORD_WORDS.has(word) || PASSWORD_COMPOUND.test(word)) || (words.length > 1 && PASSWORD_SUFFIXES.has(words[words.length - 1] ?? ''))) return withProvider('password');
  if (words.some((word) => SECRET_WORDS.has(word))) return withProvider('secret');
  if (words.some((word, index) => word === 'key' && index > 0 && KEY_QUALIFIERS.has(words[index - 1] ?? ''))) return withProvider('secret');
  // An environment variable named like STRIPE_KEY or SENDGRID_KEY: upper case, ending in KEY.
  if (/^[A-Z][A-Z0-9_]*_KEY$/.test(name)) return withProvider('secret');
  if (words.some((word) => WEAK_WORDS.has(word))) return withProvider('weak');
  return undefined;
}

/** AWS secret access keys are 40 base64 characters under a name mentioning AWS or a secret access key. */
function isAwsSecretName(words: readonly string[]): boolean {
  return (words.includes('aws') && (words.includes('secret') || words.includes('secretaccesskey'))) || (words.includes('secret') && words.includes('access') && words.includes('key'));
}
