/**
 * The environment a sandboxed command starts with: a few names it needs, nothing else. bwrap
 * clears everything first (--clearenv), so a credential in the editor's environment
 * (GITHUB_TOKEN, AWS_SECRET_ACCESS_KEY, NPM_TOKEN …) never reaches the command. Extra variables
 * a caller adds (the egress proxy's address) pass only if their names do not look secret.
 */
const PASSED = ['PATH', 'LANG', 'LC_ALL', 'LC_CTYPE', 'TERM', 'TZ'] as const;
const FALLBACK_PATH = '/usr/local/bin:/usr/bin:/bin';
const SECRET_NAME = /(?:TOKEN|KEY|SECRET|PASSWORD|PASSWD|CREDENTIALS?|AUTH|COOKIE|SESSION)(?:_|$)|^(?:AWS|GOOGLE|GCP|AZURE|GH|GITHUB|GITLAB|NPM|DOCKER|KUBE|OPENAI|ANTHROPIC|HF|HUGGING)_/i;

// Settings Airlock itself passes whose names only look secret (npm_config_* can hold tokens; this one cannot).
const SETTINGS: ReadonlySet<string> = new Set(['npm_config_maxsockets']);

/** Whether a variable's name says it may hold a credential. */
export function looksSecret(name: string): boolean {
  return SECRET_NAME.test(name);
}

/** The sandbox's environment from the parent's: HOME is the given home, PATH only absolute entries. */
export function sandboxEnv(parent: Readonly<Record<string, string | undefined>>, home: string, extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  const env: Record<string, string> = { HOME: home, TMPDIR: '/tmp' };
  for (const name of PASSED) {
    const value = parent[name];
    if (value !== undefined && value !== '') env[name] = value;
  }
  // A relative PATH entry would run a program from whatever folder the command is in.
  env.PATH = (env.PATH ?? FALLBACK_PATH).split(':').filter((entry) => entry.startsWith('/')).join(':') || FALLBACK_PATH;
  for (const [name, value] of Object.entries(extra)) if (!looksSecret(name) || SETTINGS.has(name)) env[name] = value;
  return env;
}
