import { pipeline, Transform, type Readable, type TransformCallback } from 'node:stream';
import zlib from 'node:zlib';
import { EgressLimitError } from './egressLimitError';
import { redactUrl } from './redactUrl';

export interface BodyBounds {
  readonly maxResponseBytes: number;
  readonly maxDecompressedBytes: number;
  readonly tool: string;
  /** Redacted only if an error names it. */
  readonly url: URL;
}

// More layers than this is a decompression-bomb shape, not a real server: the body is passed on undecoded.
const MAX_CODINGS = 2;

/** The content codings SafeFetch decodes, in the order they were applied; undefined when it cannot. */
export function contentCodings(header: string | undefined): string[] | undefined {
  if (header === undefined) return [];
  const codings = header.split(',').map((coding) => coding.trim().toLowerCase()).filter((coding) => coding !== '' && coding !== 'identity');
  if (codings.length > MAX_CODINGS || !codings.every((coding) => decoderFor(coding) !== undefined)) return undefined;
  return codings;
}

/** A body ready to hand out: where to read, and a check run on every chunk the reader gets. */
export interface BoundedBody {
  readonly source: Readable;
  /** Throws an EgressLimitError when a chunk takes the body past a limit. */
  readonly inspect: (chunk: Buffer) => void;
}

/**
 * The body as the caller reads it: wire bytes counted against maxResponseBytes as they stream
 * (the transfer stops past it), then decoded by SafeFetch itself, each layer's output counted
 * against maxDecompressedBytes, so a gzip or brotli bomb is stopped after the limit, not after it
 * filled memory. An uncompressed body is counted as it is read, without a Transform
 * (stream.pipeline costs an AbortController and a DOMException per response).
 */
export function boundedBody(raw: Readable, codings: readonly string[], bounds: BodyBounds): BoundedBody {
  if (codings.length === 0) {
    let seen = 0;
    return {
      source: raw,
      inspect: (chunk) => {
        seen += chunk.length;
        if (seen > bounds.maxResponseBytes) throw limitError('max-response-bytes', bounds);
      },
    };
  }
  const stages: (Readable | Transform)[] = [raw, new ByteLimit(bounds.maxResponseBytes, 'max-response-bytes', bounds)];
  for (const coding of [...codings].reverse()) {
    stages.push((decoderFor(coding) as () => Transform)(), new ByteLimit(bounds.maxDecompressedBytes, 'max-decompressed-bytes', bounds));
  }
  // Errors surface through the last stage, which is what the reader iterates.
  const source = pipeline(stages as [Readable, ...Transform[]], () => undefined) as unknown as Readable;
  return { source, inspect: () => undefined };
}

/**
 * A Node stream as a web stream that pulls only when read (backpressure reaches the socket).
 * `onDone` runs once: at the end, on an error (already translated), or at once when the reader cancels.
 */
export function toWebStream(body: BoundedBody, translate: (error: unknown) => unknown, onDone: (error?: unknown) => void): ReadableStream<Uint8Array> {
  const { source, inspect } = body;
  const iterator = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let done = false;
  const finish = (error?: unknown): void => {
    if (done) return;
    done = true;
    onDone(error);
  };
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await iterator.next();
        if (next.done === true) {
          controller.close();
          finish();
          return;
        }
        inspect(next.value);
        controller.enqueue(next.value);
      } catch (error) {
        const translated = translate(error);
        source.destroy(translated instanceof Error ? translated : undefined);
        controller.error(translated);
        finish(translated);
      }
    },
    async cancel() {
      finish();
      // undici's body destroyed before its end emits an AbortError; the reader asked for exactly that.
      source.on('error', () => undefined);
      source.destroy();
      await iterator.return?.();
    },
  }, { highWaterMark: 0 });
}

function limitError(limit: 'max-response-bytes' | 'max-decompressed-bytes', bounds: BodyBounds, max = limit === 'max-response-bytes' ? bounds.maxResponseBytes : bounds.maxDecompressedBytes): EgressLimitError {
  const what = limit === 'max-response-bytes' ? 'the response' : 'the decompressed response';
  const field = limit === 'max-response-bytes' ? 'maxResponseBytes' : 'maxDecompressedBytes';
  return new EgressLimitError(limit, `${what} is larger than ${max} bytes (limits.${field}); the transfer was stopped.`, bounds.tool, redactUrl(bounds.url));
}

class ByteLimit extends Transform {
  private seen = 0;

  constructor(private readonly max: number, private readonly limit: 'max-response-bytes' | 'max-decompressed-bytes', private readonly bounds: BodyBounds) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.seen += chunk.length;
    if (this.seen > this.max) {
      callback(limitError(this.limit, this.bounds, this.max));
      return;
    }
    callback(null, chunk);
  }
}

function decoderFor(coding: string): (() => Transform) | undefined {
  const lenient = { flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH };
  switch (coding) {
    case 'gzip':
    case 'x-gzip':
      return () => zlib.createGunzip(lenient);
    case 'deflate':
      return () => new DeflateEither(lenient);
    case 'br':
      return () => zlib.createBrotliDecompress({ flush: zlib.constants.BROTLI_OPERATION_FLUSH, finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH });
    default:
      return undefined;
  }
}

/** "deflate" is zlib-wrapped by the standard and raw by some servers: pick by the first byte. */
class DeflateEither extends Transform {
  private inner: zlib.Inflate | zlib.InflateRaw | undefined;
  private ended: TransformCallback | undefined;

  constructor(private readonly options: zlib.ZlibOptions) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (this.inner === undefined) {
      const first = chunk[0] ?? 0;
      this.inner = (first & 0x0f) === 0x08 ? zlib.createInflate(this.options) : zlib.createInflateRaw(this.options);
      this.inner.on('data', (data: Buffer) => this.push(data));
      this.inner.on('error', (error) => this.destroy(error));
      this.inner.on('end', () => this.ended?.());
    }
    this.inner.write(chunk, () => callback());
  }

  override _flush(callback: TransformCallback): void {
    if (this.inner === undefined) {
      callback();
      return;
    }
    this.ended = callback;
    this.inner.end();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.inner?.destroy();
    callback(error);
  }
}
