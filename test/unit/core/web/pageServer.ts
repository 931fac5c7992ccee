import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

/** A canned response, or a handler that writes its own (streams, slow drips, endless bodies). */
export type PageRoute = { readonly status?: number; readonly headers?: Readonly<Record<string, string>>; readonly body: string | Buffer } | ((response: ServerResponse) => void);

export interface PageServer {
  readonly origin: string;
  url(path: string): string;
  /** Every request path (with its query) in the order the server saw them. */
  readonly hits: string[];
  readonly headers: IncomingHttpHeaders[];
  close(): Promise<void>;
}

const TESTDATA = join(import.meta.dirname, 'testdata');

/** The bytes of a page in testdata/. */
export function testdata(name: string): Buffer {
  return readFileSync(join(TESTDATA, name));
}

/** A real HTTP server on 127.0.0.1 (port chosen by the OS) serving the given routes; anything else is a 404. */
export async function startPageServer(routes: Readonly<Record<string, PageRoute>>): Promise<PageServer> {
  const hits: string[] = [];
  const headers: IncomingHttpHeaders[] = [];
  const server = createServer((request, response) => {
    const path = request.url ?? '/';
    hits.push(path);
    headers.push(request.headers);
    const route = routes[path] ?? routes[path.split('?')[0] ?? path];
    if (route === undefined) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    } else if (typeof route === 'function') {
      route(response);
    } else {
      response.writeHead(route.status ?? 200, route.headers ?? {}).end(route.body);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: (path) => `${origin}${path}`,
    hits,
    headers,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const HTML = { 'content-type': 'text/html; charset=utf-8' } as const;
