import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { McpProcessError } from '../../../../src/core/mcp/mcpProcessError';
import { McpServerManager } from '../../../../src/core/mcp/mcpServerManager';
import { policyPackSchema } from '../../../../src/core/policy/policySchema';
import { memoryAudit } from '../egress/egressTestKit';

/** A real streamable-HTTP MCP server on loopback (the SDK's server side), one session. */
async function startHttpServer(): Promise<{ readonly url: string; readonly requests: string[]; close(): Promise<void> }> {
  const mcp = new McpServer({ name: 'loopback-fixture', version: '1.0.0' });
  mcp.registerTool('echo', { description: 'Echoes its text.', inputSchema: { text: z.string() } }, ({ text }) => ({ content: [{ type: 'text', text }] }));
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: () => randomUUID() });
  await mcp.connect(transport);
  const requests: string[] = [];
  const server: Server = createServer((request, response) => {
    requests.push(`${request.method} ${request.url} ${String(request.headers['mcp-protocol-version'] ?? '-')}`);
    void transport.handleRequest(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`,
    requests,
    close: async () => {
      await mcp.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

describe('core/mcp/safeHttpTransport: an http server is reached through SafeFetch as mcp.<server>', function () {
  this.timeout(30_000);

  it('connects to a real loopback server named by its URL, calls a tool, and every request is decided as mcp.remote', async () => {
    const server = await startHttpServer();
    const audit = memoryAudit();
    const policy = policyPackSchema.parse({ version: 1, name: 'test', mcp: { servers: { remote: { http: { url: server.url } } } } });
    const manager = new McpServerManager({ policy: () => policy, workspace: '/tmp', audit });
    try {
      const result = (await manager.use('remote', (client) => client.callTool({ name: 'echo', arguments: { text: 'over http' } }))) as CallToolResult;
      assert.deepEqual(result.content, [{ type: 'text', text: 'over http' }]);
      assert.ok(server.requests.length >= 2, server.requests.join(', '));
      // After initialize, every request names the negotiated protocol version.
      assert.match(server.requests.at(-1) ?? '', /^POST \/mcp \d{4}-\d{2}-\d{2}$/);
      assert.ok(audit.events.length > 0);
      for (const event of audit.events) assert.equal(event.detail?.tool, 'mcp.remote', JSON.stringify(event));
    } finally {
      await manager.dispose();
      await server.close();
    }
  });

  it('attack: a block rule on the server\'s host refuses the connection before any request reaches it', async () => {
    const server = await startHttpServer();
    const policy = policyPackSchema.parse({ version: 1, name: 'test', egress: { block: ['127.0.0.1'] }, mcp: { servers: { remote: { http: { url: server.url } } } } });
    const manager = new McpServerManager({ policy: () => policy, workspace: '/tmp' });
    try {
      const error = await manager.client('remote').then(
        () => undefined,
        (caught: unknown) => caught,
      );
      assert.ok(error instanceof McpProcessError, String(error));
      assert.match(error.message, /blocked by the rule "127\.0\.0\.1"/);
      assert.deepEqual(server.requests, []);
    } finally {
      await manager.dispose();
      await server.close();
    }
  });
});
