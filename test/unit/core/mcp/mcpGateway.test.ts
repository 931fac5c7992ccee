import assert from 'node:assert/strict';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { ElicitRequestSchema, type ElicitResult } from '@modelcontextprotocol/sdk/types.js';
import { createMcpGateway, type GatewayBackend, type GatewayCallResult } from '../../../../src/core/mcp/mcpGateway';

/** A backend that records what reached it and answers as told; the gateway under test is real, as is the SDK client. */
function recordingBackend(answer: (args: Readonly<Record<string, unknown>>, asked: boolean | undefined) => GatewayCallResult, ask = false) {
  const calls: { id: string; args: Readonly<Record<string, unknown>>; asked: boolean | undefined }[] = [];
  const backend: GatewayBackend = {
    tools: () => Promise.resolve([{ id: 'mcp.memory.read_graph', description: 'Read the graph', inputSchema: { type: 'object', properties: { depth: { type: 'number' } } } }]),
    call: async (id, args, context) => {
      const asked = ask ? await context.ask({ title: `${id}?`, detail: 'details' }) : undefined;
      calls.push({ id, args, asked });
      return answer(args, asked);
    },
  };
  return { backend, calls };
}

async function connect(backend: GatewayBackend, elicit?: () => ElicitResult | Promise<ElicitResult>): Promise<Client> {
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await createMcpGateway(backend, '0.0.0-test').connect(serverSide);
  const client = new Client({ name: 'test-client', version: '0' }, elicit ? { capabilities: { elicitation: {} } } : {});
  if (elicit) client.setRequestHandler(ElicitRequestSchema, async () => elicit());
  await client.connect(clientSide);
  return client;
}

function text(result: Awaited<ReturnType<Client['callTool']>>): string {
  const content = result.content as { type: string; text?: string }[];
  return content.map((block) => block.text ?? '').join('');
}

describe('core/mcp/mcpGateway', () => {
  it('offers the approved tools under their Airlock ids, with their input schema', async () => {
    const client = await connect(recordingBackend(() => ({ ok: true, text: '' })).backend);
    const listed = await client.listTools();
    assert.deepEqual(listed.tools.map((tool) => [tool.name, tool.description, tool.inputSchema.type]), [['mcp.memory.read_graph', 'Read the graph', 'object']]);
    await client.close();
  });

  const calls: [string, GatewayCallResult | Error, string, boolean][] = [
    ['a call the backend runs: its text comes back', { ok: true, text: 'graph: 3 nodes' }, 'graph: 3 nodes', false],
    ['a call the backend refuses: an error result, not a crash', { ok: false, error: 'mcp.memory.read_graph is not allowed' }, 'mcp.memory.read_graph is not allowed', true],
    ['a backend that throws: an error result naming the tool', new Error('server crashed'), 'Airlock could not run mcp.memory.read_graph: server crashed', true],
  ];
  for (const [name, outcome, expected, isError] of calls) {
    it(name, async () => {
      const { backend, calls: seen } = recordingBackend(() => { if (outcome instanceof Error) throw outcome; return outcome; });
      const client = await connect(backend);
      const result = await client.callTool({ name: 'mcp.memory.read_graph', arguments: { depth: 2 } });
      assert.equal(text(result), expected);
      assert.equal(result.isError === true, isError);
      if (!(outcome instanceof Error)) assert.deepEqual(seen, [{ id: 'mcp.memory.read_graph', args: { depth: 2 }, asked: undefined }]);
      await client.close();
    });
  }

  const approvals: [string, (() => ElicitResult | Promise<ElicitResult>) | undefined, boolean][] = [
    ['a client that cannot elicit: every question is a no (fail closed)', undefined, false],
    ['the user picks "Allow once"', () => ({ action: 'accept', content: { decision: 'allow' } }), true],
    ['the user accepts the form but leaves "Deny"', () => ({ action: 'accept', content: { decision: 'deny' } }), false],
    ['the user declines the form', () => ({ action: 'decline' }), false],
    ['the user cancels the form', () => ({ action: 'cancel' }), false],
    ['the client answers with a value it was not offered', () => ({ action: 'accept', content: { decision: 'yes' } }), false],
    ['the client fails while asking', () => { throw new Error('no UI'); }, false],
  ];
  for (const [name, elicit, allowed] of approvals) {
    it(`asks through the client: ${name}`, async () => {
      const { backend, calls: seen } = recordingBackend((_args, asked) => (asked ? { ok: true, text: 'ran' } : { ok: false, error: 'not allowed by you' }), true);
      const client = await connect(backend, elicit);
      const result = await client.callTool({ name: 'mcp.memory.read_graph', arguments: {} });
      assert.equal(seen[0]?.asked, allowed);
      assert.equal(text(result), allowed ? 'ran' : 'not allowed by you');
      await client.close();
    });
  }
});
