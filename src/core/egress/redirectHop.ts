/** One request in a redirect chain, as SafeFetch sends it. */
export interface Hop {
  readonly url: URL;
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer | undefined;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** Credentials meant for one origin; never carried to another. */
const ORIGIN_BOUND_HEADERS = ['authorization', 'cookie', 'cookie2', 'proxy-authorization'];
const BODY_HEADERS = ['content-type', 'content-encoding', 'content-language', 'content-location'];

export function isRedirect(status: number): boolean {
  return REDIRECT_STATUSES.has(status);
}

/**
 * The request a redirect asks for, as browsers make it: 303 (and 301/302 after a POST) turns into
 * a body-less GET; 307/308 resend method and body. Crossing to another origin (scheme, host or
 * port) drops Authorization and Cookie. Undefined when the Location cannot be parsed.
 */
export function nextHop(current: Hop, status: number, location: string): Hop | undefined {
  if (!URL.canParse(location, current.url.href)) return undefined;
  const url = new URL(location, current.url);
  const headers: Record<string, string> = { ...current.headers };
  let method = current.method;
  let body = current.body;
  if ((status === 303 && method !== 'HEAD') || ((status === 301 || status === 302) && method === 'POST')) {
    method = 'GET';
    body = undefined;
    for (const name of BODY_HEADERS) delete headers[name];
  }
  if (url.origin !== current.url.origin) for (const name of ORIGIN_BOUND_HEADERS) delete headers[name];
  return { url, method, headers, body };
}
