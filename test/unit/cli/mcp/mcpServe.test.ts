import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ElicitRequestSchema, type ElicitResult } from '@modelcontextprotocol/sdk/types.js';
import { PolicyWorkspace } from '../policyCliFixtures';

const CLI = resolve(__dirname, '../../../../dist/cli.js');
const MEMORY_SERVER = createRequire(import.meta.url).resolve('@modelcontextprotocol/server-memory/dist/index.js');
const OVERLAY = `version: 1
mcp:
  servers:
    memory:
      stdio: { command: ${JSON.stringify(process.execPath)}, args: [${JSON.stringify(MEMORY_SERVER)}], env: [MEMORY_FILE_PATH] }
      tools:
        allow: [read_graph, create_entities]
        risk: { read_graph: low }
`;

function text(result: Awaited<ReturnType<Client['callTool']>>): string {
  return (result.content as { text?: string }[]).map((block) => block.text ?? '').join('');
}

/** The built `airlock mcp serve`, started the way an MCP client (VS Code, another agent) starts it. */
async function connectGateway(ws: PolicyWorkspace, elicit?: () => ElicitResult): Promise<Client> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [CLI, 'mcp', 'serve', '--workspace', ws.folder],
    env: { ...ws.env, PATH: process.env.PATH ?? '/usr/bin:/bin', MEMORY_FILE_PATH: '/tmp/memory.jsonl' },
    stderr: 'pipe',
  });
  const client = new Client({ name: 'test-client', version: '0' }, elicit ? { capabilities: { elicitation: {} } } : {});
  if (elicit) client.setRequestHandler(ElicitRequestSchema, () => elicit());
  await client.connect(transport);
  return client;
}

async function approveMemory(ws: PolicyWorkspace): Promise<void> {
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin' };
  const sha256 = /--sha256 ([0-9a-f]{64})/.exec((await ws.run(['mcp', 'diff', 'memory'], { env })).stdout)?.[1] ?? '';
  assert.equal((await ws.run(['mcp', 'approve', 'memory', '--sha256', sha256], { env })).code, 0);
}

describe('airlock mcp serve (the built CLI as a gateway, the real server-memory behind it in the sandbox)', function () {
  this.timeout(60_000);
  let ws: PolicyWorkspace;
  let client: Client | undefined;
  beforeEach(async () => {
    ws = new PolicyWorkspace();
    await ws.writeTrustedOverlay(OVERLAY);
  });
  afterEach(async () => {
    await client?.close();
    client = undefined;
    ws.remove();
  });

  it('a server whose tools were never approved: the gateway offers nothing', async () => {
    client = await connectGateway(ws);
    assert.deepEqual((await client.listTools()).tools, []);
  });

  it('a client that cannot ask: offers only the approved tools the policy allows; a low-risk tool runs; others are refused with a reason', async () => {
    await approveMemory(ws);
    client = await connectGateway(ws);
    assert.deepEqual((await client.listTools()).tools.map((tool) => tool.name).sort(), ['mcp.memory.create_entities', 'mcp.memory.read_graph']);
    const read = await client.callTool({ name: 'mcp.memory.read_graph', arguments: {} });
    assert.equal(read.isError, undefined, text(read));
    assert.match(text(read), /untrusted/i, 'the output comes back marked as untrusted data');
    assert.match(text(read), /"entities"/);
    const refusals: readonly [string, string, Record<string, unknown>, RegExp][] = [
      ['a tool the policy does not allow', 'mcp.memory.delete_entities', {}, /not an approved MCP tool of this workspace/],
      ['a high-risk tool, and nobody to ask (fail closed)', 'mcp.memory.create_entities', { entities: [] }, /needs your approval \(risk high\), and it was denied or could not be asked/],
    ];
    for (const [name, tool, args, error] of refusals) {
      const result = await client.callTool({ name: tool, arguments: args });
      assert.equal(result.isError, true, name);
      assert.match(text(result), error, name);
    }
  });

  it('a high-risk tool the user denies through the client: refused', async () => {
    await approveMemory(ws);
    client = await connectGateway(ws, () => ({ action: 'decline' }));
    const result = await client.callTool({ name: 'mcp.memory.create_entities', arguments: { entities: [] } });
    assert.equal(result.isError, true);
    assert.match(text(result), /was not allowed/);
  });

  it('a high-risk tool the user allows: arguments off the pinned schema are refused, valid ones run', async () => {
    await approveMemory(ws);
    client = await connectGateway(ws, () => ({ action: 'accept', content: { decision: 'allow' } }));
    const invalid = await client.callTool({ name: 'mcp.memory.create_entities', arguments: { entities: 'not a list' } });
    assert.equal(invalid.isError, true);
    assert.match(text(invalid), /invalid arguments for mcp\.memory\.create_entities/);
    const result = await client.callTool({ name: 'mcp.memory.create_entities', arguments: { entities: [{ name: 'airlock', entityType: 'project', observations: ['guards MCP'] }] } });
    assert.equal(result.isError, undefined, text(result));
    assert.match(text(result), /airlock/);
  });
});
