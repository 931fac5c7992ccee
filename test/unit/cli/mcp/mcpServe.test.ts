import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { CreateMessageRequestSchema, ElicitRequestSchema, type CreateMessageRequest, type CreateMessageResult, type ElicitRequest, type ElicitResult } from '@modelcontextprotocol/sdk/types.js';
import { readFileSync } from 'node:fs';
import { locateAuditLog } from '../../../../src/core/audit/auditLocation';
import { PolicyWorkspace } from '../policyCliFixtures';

const CLI = resolve(__dirname, '../../../../dist/cli.js');
const MEMORY_SERVER = createRequire(import.meta.url).resolve('@modelcontextprotocol/server-memory/dist/index.js');
const EVERYTHING_SERVER = createRequire(import.meta.url).resolve('@modelcontextprotocol/server-everything/dist/index.js');
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

/** The built `airlock mcp serve`, started the way an MCP client (VS Code, another agent) starts it; `sample` declares sampling. */
async function connectGateway(ws: PolicyWorkspace, elicit?: (request: ElicitRequest) => ElicitResult, sample?: (request: CreateMessageRequest) => CreateMessageResult): Promise<Client> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [CLI, 'mcp', 'serve', '--workspace', ws.folder],
    env: { ...ws.env, PATH: process.env.PATH ?? '/usr/bin:/bin', MEMORY_FILE_PATH: '/tmp/memory.jsonl' },
    stderr: 'pipe',
  });
  const client = new Client({ name: 'test-client', version: '0' }, { capabilities: { ...(elicit ? { elicitation: {} } : {}), ...(sample ? { sampling: {} } : {}) } });
  if (elicit) client.setRequestHandler(ElicitRequestSchema, (request) => elicit(request));
  if (sample) client.setRequestHandler(CreateMessageRequestSchema, (request) => sample(request));
  await client.connect(transport);
  return client;
}

async function approve(ws: PolicyWorkspace, server: string): Promise<void> {
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin' };
  const sha256 = /--sha256 ([0-9a-f]{64})/.exec((await ws.run(['mcp', 'diff', server], { env })).stdout)?.[1] ?? '';
  assert.equal((await ws.run(['mcp', 'approve', server, '--sha256', sha256], { env })).code, 0);
}

const approveMemory = (ws: PolicyWorkspace): Promise<void> => approve(ws, 'memory');

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
      ['a tool the policy does not allow', 'mcp.memory.delete_entities', {}, /The tool "mcp\.memory\.delete_entities" is not available/],
      ['a high-risk tool, and nobody to ask (fail closed)', 'mcp.memory.create_entities', { entities: [] }, /Not approved: nobody answered the approval \(the MCP client cannot ask you: it declared no elicitation\)/],
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
    assert.match(text(result), /The user denied this \(declined\)/);
  });

  it('a high-risk tool the user allows: arguments off the pinned schema are refused, valid ones run', async () => {
    await approveMemory(ws);
    client = await connectGateway(ws, () => ({ action: 'accept', content: { decision: 'allow' } }));
    const invalid = await client.callTool({ name: 'mcp.memory.create_entities', arguments: { entities: 'not a list' } });
    assert.equal(invalid.isError, true);
    assert.match(text(invalid), /Invalid arguments for mcp\.memory\.create_entities/);
    const result = await client.callTool({ name: 'mcp.memory.create_entities', arguments: { entities: [{ name: 'airlock', entityType: 'project', observations: ['guards MCP'] }] } });
    assert.equal(result.isError, undefined, text(result));
    assert.match(text(result), /airlock/);
  });
});

const EVERYTHING_OVERLAY = `version: 1
mcp:
  servers:
    everything:
      stdio: { command: ${JSON.stringify(process.execPath)}, args: [${JSON.stringify(EVERYTHING_SERVER)}] }
      tools:
        allow: [trigger-sampling-request]
        risk: { trigger-sampling-request: low }
      sampling: true
`;

/** The workspace's audit log as the gateway wrote it. */
function auditEntries(ws: PolicyWorkspace): { action: string; decision: string; reason?: string; target?: string; detail?: Record<string, unknown> }[] {
  const { file } = locateAuditLog({ configDir: ws.configDir, workspaceFolder: ws.folder });
  return readFileSync(file, 'utf8').split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as { action: string; decision: string });
}

describe('airlock mcp serve: a server allowed to sample asks the gateway\'s client (the real server-everything behind it)', function () {
  this.timeout(90_000);
  let ws: PolicyWorkspace;
  let client: Client | undefined;
  beforeEach(async () => {
    ws = new PolicyWorkspace();
    await ws.writeTrustedOverlay(EVERYTHING_OVERLAY);
    await approve(ws, 'everything');
  });
  afterEach(async () => {
    await client?.close();
    client = undefined;
    ws.remove();
  });

  const rows: { name: string; answer?: ElicitResult['action'] | 'allow'; sampling: boolean; sampled: number; asked: number; says: RegExp; audited: { decision: string; reason: RegExp } }[] = [
    { name: 'the user allows: the request goes to the client\'s model and its answer back to the server', answer: 'allow', sampling: true, sampled: 1, asked: 1, says: /the client's model says hello/, audited: { decision: 'allow', reason: /the user allowed it/ } },
    { name: 'the user declines: refused, the client\'s model is never called', answer: 'decline', sampling: true, sampled: 0, asked: 1, says: /the sampling request was not approved: the user refused, or nobody answered/, audited: { decision: 'deny', reason: /^not approved: the user refused, or nobody answered$/ } },
    { name: 'a client that cannot elicit: refused unasked (fail closed)', sampling: true, sampled: 0, asked: 0, says: /the sampling request was not approved: the user refused, or nobody answered/, audited: { decision: 'deny', reason: /^not approved: the user refused, or nobody answered$/ } },
    { name: 'a client without sampling: refused with the reason, nobody asked', answer: 'allow', sampling: false, sampled: 0, asked: 0, says: /declared no sampling/, audited: { decision: 'deny', reason: /declared no sampling/ } },
  ];
  for (const row of rows) {
    it(row.name, async () => {
      const asked: string[] = [];
      const sampled: CreateMessageRequest[] = [];
      const elicit = row.answer === undefined ? undefined : (request: ElicitRequest): ElicitResult => {
        asked.push(request.params.message);
        return row.answer === 'allow' ? { action: 'accept', content: { decision: 'allow' } } : { action: row.answer as ElicitResult['action'] };
      };
      const sample = row.sampling ? (request: CreateMessageRequest): CreateMessageResult => {
        sampled.push(request);
        return { role: 'assistant', model: 'client-model', content: { type: 'text', text: 'the client\'s model says hello' } };
      } : undefined;
      client = await connectGateway(ws, elicit, sample);
      const result = await client.callTool({ name: 'mcp.everything.trigger-sampling-request', arguments: { prompt: 'Say hello', maxTokens: 20 } });
      assert.match(text(result), row.says);
      assert.equal(sampled.length, row.sampled);
      assert.equal(asked.length, row.asked);
      if (row.asked > 0) assert.match(asked[0] ?? '', /^Airlock: MCP server "everything" asks to use your model\n\nSystem prompt: You are a helpful test server\.[\s\S]*Say hello/);
      if (row.sampled > 0) {
        const forwarded = sampled[0]?.params;
        assert.deepEqual(forwarded?.messages.map((message) => message.role), ['user']);
        assert.equal(forwarded?.maxTokens, 20);
        assert.equal(forwarded?.includeContext, undefined);
      }
      await client.close();
      client = undefined;
      const sampling = auditEntries(ws).filter((entry) => entry.action === 'mcp.sampling');
      assert.equal(sampling.length, 1, JSON.stringify(sampling));
      assert.equal(sampling[0]?.decision, row.audited.decision);
      assert.match(sampling[0]?.reason ?? '', row.audited.reason);
      if (row.asked > 0) assert.ok(auditEntries(ws).some((entry) => entry.action === 'approval.answer' && entry.target === 'mcp.everything'), 'the question and its answer are in the log');
    });
  }
});
