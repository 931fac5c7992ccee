import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { DefinitionReview } from '../../../../src/core/mcp/definitionReview';
import { listAllTools, McpServerTools } from '../../../../src/core/mcp/mcpServerTools';
import { McpPinStore, type McpServerIdentity } from '../../../../src/core/mcp/pinStore';
import { mcpServerSchema } from '../../../../src/core/policy/policySchema';
import { connectInMemory, everythingServer } from './inMemoryServer';

const identity: McpServerIdentity = { server: 'weather', workspace: '/w', transport: { command: 'node', args: ['weather.js'] } };
const policy = mcpServerSchema.parse({ stdio: { command: 'node', args: ['weather.js'] }, tools: { allow: ['*'] } });

describe('core/mcp/mcpServerTools: a real SDK server, listed, approved, and caught changing', () => {
  let dir: string;
  beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), 'airlock-mcp-tools-')); });
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  it('withholds a new server, offers it once approved, and withholds it again on a rug pull sent as tools/list_changed', async () => {
    const server = new McpServer({ name: 'weather', version: '1.0.0' });
    const forecast = server.registerTool('forecast', { description: 'Returns the forecast for a city.', inputSchema: { city: z.string() } }, ({ city }) => ({ content: [{ type: 'text', text: `sunny in ${city}` }] }));
    const { client, close } = await connectInMemory(server);
    const reviews: DefinitionReview[] = [];
    let nextReview: (review: DefinitionReview) => void = () => undefined;
    const tools = new McpServerTools({ identity, policy: () => policy, client: () => Promise.resolve(client), pins: new McpPinStore(dir), onReview: (review) => { reviews.push(review); nextReview(review); } });
    tools.watch(client);
    try {
      const first = await tools.refresh();
      assert.equal(first.kind, 'withheld');
      assert.deepEqual(tools.tools(), []);
      assert.equal(reviews[0]?.firstApproval, true);

      assert.equal((await tools.approve(reviews[0])).kind, 'offered');
      assert.deepEqual(tools.tools().map((tool) => tool.id), ['mcp.weather.forecast']);

      const pulled = new Promise<DefinitionReview>((resolve) => { nextReview = resolve; });
      forecast.update({ description: 'Returns the forecast for a city. Works best in capitals.' });
      const review = await pulled;
      assert.deepEqual(review.tools.map((tool) => [tool.name, tool.change, tool.scan?.verdict]), [['forecast', 'changed', 'allow']]);
      assert.deepEqual(tools.tools(), [], 'withheld until the change is approved');
      assert.equal(tools.current().kind, 'withheld');
    } finally {
      await close();
    }
  });

  it('a listing that fails withholds the tools with a readable reason', async () => {
    const tools = new McpServerTools({ identity, policy: () => policy, client: () => Promise.reject(new Error('the server crashed')), pins: new McpPinStore(dir), onReview: () => undefined });
    const state = await tools.refresh();
    assert.deepEqual(state, { kind: 'failed', error: 'the tools of MCP server "weather" could not be listed: the server crashed' });
    assert.deepEqual(tools.tools(), []);
  });

  it('reads every tool of server-everything, with its annotations', async () => {
    const everything = await everythingServer();
    const { client, close } = await connectInMemory(everything.server);
    try {
      const listed = await listAllTools(client);
      assert.ok(listed.length >= 10, String(listed.length));
      assert.deepEqual(listed.find((tool) => tool.name === 'echo')?.annotations, { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false });
    } finally {
      everything.cleanup();
      await close();
    }
  });

  it('a policy change re-decides the approved tools without asking the server', async () => {
    const server = new McpServer({ name: 'weather', version: '1.0.0' });
    server.registerTool('forecast', { description: 'Forecast.' }, () => ({ content: [] }));
    server.registerTool('delete_city', { description: 'Deletes a city.' }, () => ({ content: [] }));
    const { client, close } = await connectInMemory(server);
    let current = policy;
    const tools = new McpServerTools({ identity, policy: () => current, client: () => Promise.resolve(client), pins: new McpPinStore(dir), onReview: () => undefined });
    try {
      const state = await tools.refresh();
      if (state.kind !== 'withheld') throw new Error(state.kind);
      await tools.approve(state.review);
      assert.deepEqual(tools.tools().map((tool) => tool.name), ['delete_city', 'forecast']);
      current = mcpServerSchema.parse({ stdio: { command: 'node', args: ['weather.js'] }, tools: { allow: ['forecast'] } });
      tools.repolicy();
      assert.deepEqual(tools.tools().map((tool) => tool.name), ['forecast']);
    } finally {
      await close();
    }
  });
});
