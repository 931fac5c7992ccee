/** The fetch signature SafeFetch offers: what the openai SDK and the web tools call. */
export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** A fetch call reduced to what SafeFetch sends: a buffered body, so a redirect can resend it. */
export interface OutgoingRequest {
  /** The URL as given; decide() judges it (an unparsable one is refused, not thrown). */
  readonly url: string;
  readonly method: string;
  /** Lower-case names; hop-by-hop and routing headers removed. */
  readonly headers: Record<string, string>;
  readonly body: Buffer | undefined;
  readonly signal: AbortSignal | undefined;
  readonly redirect: NonNullable<RequestInit['redirect']>;
}

/**
 * Headers a caller may not set: they would change where or how the request goes (`Host` picks a
 * virtual host the policy did not judge), or belong to the connection, which SafeFetch owns.
 */
const FORBIDDEN_HEADERS = new Set(['host', 'connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'te', 'trailer', 'expect', 'proxy-authorization', 'proxy-connection', 'content-length', 'http2-settings']);

/** Normalises fetch's arguments; a Request's body and an exotic init body are read into memory. */
export async function toOutgoingRequest(input: string | URL | Request, init: RequestInit = {}): Promise<OutgoingRequest> {
  const request = input instanceof Request ? input : undefined;
  const method = (init.method ?? request?.method ?? 'GET').toUpperCase();
  const headers = new Headers(request?.headers);
  for (const [name, value] of new Headers(init.headers)) headers.set(name, value);
  const body = init.body !== undefined ? await bodyBytes(init.body, headers) : request?.body ? Buffer.from(await request.arrayBuffer()) : undefined;
  if (body !== undefined && (method === 'GET' || method === 'HEAD')) throw new TypeError(`a ${method} request cannot have a body`);
  const record: Record<string, string> = {};
  for (const [name, value] of headers) if (!FORBIDDEN_HEADERS.has(name)) record[name] = value;
  return {
    url: request?.url ?? (typeof input === 'string' ? input : (input as URL).href),
    method,
    headers: record,
    body,
    signal: init.signal ?? request?.signal ?? undefined,
    redirect: init.redirect ?? request?.redirect ?? 'follow',
  };
}

async function bodyBytes(body: NonNullable<RequestInit['body']> | null, headers: Headers): Promise<Buffer | undefined> {
  if (body === null) return undefined;
  if (typeof body === 'string') {
    if (!headers.has('content-type')) headers.set('content-type', 'text/plain;charset=UTF-8');
    return Buffer.from(body, 'utf8');
  }
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  // Blob, FormData, URLSearchParams, streams: let the platform serialise it (and pick the content type).
  const serialised = new Request('http://body.invalid/', { method: 'POST', body, duplex: 'half' });
  const type = serialised.headers.get('content-type');
  if (type !== null && !headers.has('content-type')) headers.set('content-type', type);
  return Buffer.from(await serialised.arrayBuffer());
}
