/**
 * The content guard: untrusted text (files, web pages, tool output) is sanitized, scanned for
 * prompt injection by category, scored against thresholds from the policy, and wrapped as data
 * before it reaches the model. Pure TypeScript without Node APIs (it runs in a webview too).
 */
export {
  CONTENT_CATEGORIES,
  DEFAULT_THRESHOLDS,
  REMOVAL_KINDS,
  type ContentCategory,
  type ContentFlag,
  type ContentGuardThresholds,
  type ContentVerdict,
  type EncodingKind,
  type RemovalCounts,
  type RemovalKind,
  type ScanOptions,
  type ScanResult,
} from './contentTypes';
export { sanitize, type SanitizeOptions, type SanitizeResult } from './sanitize';
export { ContentScanner, scanContent, verdictOf } from './scan';
export { defaultRandomId, wrapUntrusted, type UntrustedKind, type WrapOptions, type WrappedContent } from './spotlight';
export { UNTRUSTED_CONTENT_SYSTEM_PROMPT } from './untrustedPrompt';
