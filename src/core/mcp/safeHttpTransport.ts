import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { FetchLike } from '@modelcontextprotocol/sdk/shared/transport.js';

/**
 * The SDK's streamable HTTP transport with every request, redirect hop and session end made by
 * the given fetch (SafeFetch under `mcp.<server>`); never the global fetch. The only file that
 * may import the SDK's HTTP client transports (lint-enforced).
 */
export function safeHttpTransport(url: string, fetch: FetchLike): StreamableHTTPClientTransport {
  return new StreamableHTTPClientTransport(new URL(url), { fetch });
}
