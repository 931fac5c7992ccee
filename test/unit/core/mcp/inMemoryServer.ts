import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';

/**
 * A real SDK client connected to a real SDK server in this process, through the SDK's in-memory
 * transport: the protocol is the SDK's, only the pipe is short. `setup` runs before connecting
 * (capabilities and request handlers can only be installed then).
 */
export async function connectInMemory(server: McpServer | Server, setup: (client: Client) => void = () => undefined): Promise<{ client: Client; close: () => Promise<void> }> {
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: 'airlock-test', version: '1.0.0' });
  setup(client);
  await server.connect(serverSide);
  await client.connect(clientSide);
  return { client, close: async () => { await client.close(); await server.close(); } };
}

interface EverythingServer {
  readonly server: McpServer;
  readonly cleanup: () => void;
}

/** The reference server-everything, built in this process from its own code (it has no typings). */
export async function everythingServer(): Promise<EverythingServer> {
  const modulePath = '@modelcontextprotocol/server-everything/dist/server/index.js';
  const { createServer } = (await import(modulePath)) as { createServer: () => EverythingServer };
  return createServer();
}
