/** Stable codes for the ways reading a page can fail (a firewall block is EgressBlockedError). */
export type WebReadErrorCode =
  | 'WEB_INVALID_URL'
  | 'WEB_HTTP_STATUS'
  | 'WEB_UNSUPPORTED_TYPE'
  | 'WEB_BINARY_CONTENT';

/** Thrown by readWebPage when the page cannot or must not be read; the message is a sentence for the model and the user. */
export class WebReadError extends Error {
  constructor(
    readonly code: WebReadErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'WebReadError';
  }
}

/**
 * By shape as well as by class: the reader is built as a chunk loaded on first use, with its own
 * copy of this class, so an error it throws is not an instance of the copy in the main bundle.
 */
export function isWebReadError(value: unknown): value is WebReadError {
  return value instanceof WebReadError || (value instanceof Error && value.name === 'WebReadError' && typeof (value as { code?: unknown }).code === 'string');
}
