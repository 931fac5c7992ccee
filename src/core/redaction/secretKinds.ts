/**
 * Every kind of secret the redactor names, in the order of precedence used when two detections
 * overlap: the earlier kind names the merged span (a GitHub token inside an `.env` assignment is
 * reported as `github-token`, not `env-secret`). The kind is what `[REDACTED:<kind>]` shows.
 */
export const SECRET_KINDS = [
  'private-key',
  'aws-access-key-id',
  'aws-secret-access-key',
  'github-token',
  'gitlab-token',
  'npm-token',
  'anthropic-api-key',
  'openrouter-api-key',
  'openai-api-key',
  'google-api-key',
  'huggingface-token',
  'groq-api-key',
  'replicate-api-token',
  'xai-api-key',
  'perplexity-api-key',
  'mistral-api-key',
  'cohere-api-key',
  'slack-token',
  'slack-webhook',
  'stripe-key',
  'sendgrid-api-key',
  'shopify-token',
  'atlassian-api-token',
  'doppler-token',
  'pulumi-token',
  'digitalocean-token',
  'linear-api-key',
  'postman-api-key',
  'databricks-token',
  'sentry-token',
  'grafana-token',
  'new-relic-key',
  'vault-token',
  'pypi-token',
  'rubygems-token',
  'docker-hub-token',
  'supabase-token',
  'netlify-token',
  'notion-token',
  'tailscale-key',
  'google-oauth-token',
  'langsmith-api-key',
  'nvidia-api-key',
  'twilio-api-key',
  'mailgun-api-key',
  'heroku-api-key',
  'figma-token',
  'elevenlabs-api-key',
  'planetscale-token',
  'discord-webhook',
  'square-token',
  'onepassword-token',
  'fly-token',
  'jwt',
  'connection-string-password',
  'url-password',
  'authorization-header',
  'command-line-password',
  'password-assignment',
  'env-secret',
  'high-entropy-secret',
  /** Text past the scan limit: withheld because it was not scanned. */
  'unscanned',
] as const;

export type SecretKind = (typeof SECRET_KINDS)[number];

const PRECEDENCE: ReadonlyMap<SecretKind, number> = new Map(SECRET_KINDS.map((kind, index) => [kind, index]));

/** Lower is stronger; used to name a span that several detectors found. */
export function kindPrecedence(kind: SecretKind): number {
  return PRECEDENCE.get(kind) ?? SECRET_KINDS.length;
}

/** The text that replaces a secret. */
export function redactionMarker(kind: SecretKind): string {
  return `[REDACTED:${kind}]`;
}
