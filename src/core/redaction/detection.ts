import type { SecretKind } from './secretKinds';

/** One span a detector wants redacted: `text.slice(start, end)` is the secret. */
export interface Detection {
  readonly kind: SecretKind;
  readonly start: number;
  readonly end: number;
}
