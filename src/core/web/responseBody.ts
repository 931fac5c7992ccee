import { isEgressLimitError } from '../egress/egressLimitError';

export interface BodyBytes {
  readonly bytes: Uint8Array;
  /** True when the body went on past `maxBytes` and the rest was not read. */
  readonly cut: boolean;
}

/**
 * Reads at most `maxBytes` of a response body, then cancels the rest: a page cannot make
 * the reader hold more than that, whatever the fetch function's own limits are. When the
 * fetch function's own size limit (SafeFetch's EgressLimitError) ends the body first, what
 * arrived is kept as a cut body. Honours the signal even when the fetch function does not.
 */
export async function readBodyBounded(response: Response, maxBytes: number, signal: AbortSignal | undefined): Promise<BodyBytes> {
  if (!response.body) return { bytes: new Uint8Array(0), cut: false };
  // Node types a body's chunks as any; a fetch body is a byte stream.
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  let cut = false;
  let finished = false;
  const onAbort = (): void => {
    reader.cancel(signal?.reason).catch(() => undefined);
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    for (;;) {
      signal?.throwIfAborted();
      const { done, value } = await reader.read().catch((error: unknown) => {
        if (total > 0 && isSizeLimit(error)) return { done: 'cut' as const, value: undefined };
        throw error;
      });
      signal?.throwIfAborted();
      if (done === 'cut') {
        cut = true;
        break;
      }
      if (done) {
        finished = true;
        break;
      }
      const room = maxBytes - total;
      if (value.byteLength >= room) {
        if (value.byteLength > room) cut = true;
        chunks.push(value.subarray(0, room));
        total += room;
        if (cut) break;
        continue;
      }
      chunks.push(value);
      total += value.byteLength;
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    // Whatever was not read (past the limit, or after an abort or error) is cancelled, not left open.
    if (finished) reader.releaseLock();
    else await reader.cancel().catch(() => undefined);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { bytes, cut };
}

function isSizeLimit(error: unknown): boolean {
  return isEgressLimitError(error) && (error.limit === 'max-response-bytes' || error.limit === 'max-decompressed-bytes');
}
