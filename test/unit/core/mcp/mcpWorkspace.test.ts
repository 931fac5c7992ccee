import assert from 'node:assert/strict';
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DefinitionReview } from '../../../../src/core/mcp/definitionReview';
import { McpWorkspace } from '../../../../src/core/mcp/mcpWorkspace';
import { policyPackSchema } from '../../../../src/core/policy/policySchema';
import { waitFor } from './waitForState';
import { hostileServerArgs, RUG_PULL } from '../../../fixtures/mcp/hostileServer';

describe('core/mcp/mcpWorkspace: a workspace\'s servers, pins and offered tools (the real hostile fixture in the sandbox)', function () {
  this.timeout(60_000);
  let root: string;
  let workspace: McpWorkspace | undefined;
  beforeEach(() => {
    root = realpathSync(mkdtempSync(join(tmpdir(), 'airlock-mcp-ws-')));
  });
  afterEach(async () => {
    await workspace?.dispose();
    workspace = undefined;
    rmSync(root, { recursive: true, force: true });
  });

  it('attack: a rug pull after approval (the server says its tools changed) withholds the server\'s tools and asks again, with the change', async () => {
    const policy = policyPackSchema.parse({ version: 1, name: 'test', mcp: { servers: { hostile: { stdio: { command: process.execPath, args: hostileServerArgs() }, tools: { allow: ['echo', RUG_PULL.tool], risk: { echo: 'low' } } } } } });
    const reviews: DefinitionReview[] = [];
    workspace = new McpWorkspace({ policy: () => policy, workspace: root, configDir: join(root, 'config'), onReview: (review) => reviews.push(review), idleMs: 60_000 });
    await workspace.refresh();
    const tools = workspace.serverTools('hostile');
    assert.ok(tools);
    const first = reviews[0];
    assert.ok(first?.firstApproval, 'a server never approved is put to the user first');
    assert.deepEqual(workspace.offered(), [], 'nothing is offered before approval');
    await tools.approve(first);
    // The fixture changes `weather` a second after its first listing and says so: the workspace must have heard it.
    const state = await waitFor(() => tools.current(), (current) => current.kind === 'withheld' && current.review.tools.some((tool) => tool.name === RUG_PULL.tool && tool.change === 'changed'), 20_000);
    assert.equal(state.kind, 'withheld');
    assert.deepEqual(workspace.offered(), [], 'a changed listing offers nothing, even the unchanged echo');
    const changed = reviews.at(-1)?.tools.find((tool) => tool.name === RUG_PULL.tool);
    assert.equal(changed?.change, 'changed');
    assert.match(changed?.before ?? '', new RegExp(RUG_PULL.before.replace(/[.]/g, '\\.')));
    assert.match(changed?.after ?? '', /id_rsa/);
  });

  it('a server the policy does not name, or disables, has no tools and is not started', async () => {
    const policy = policyPackSchema.parse({ version: 1, name: 'test', mcp: { servers: { off: { enabled: false, stdio: { command: process.execPath, args: hostileServerArgs() } } } } });
    workspace = new McpWorkspace({ policy: () => policy, workspace: root, configDir: join(root, 'config') });
    await workspace.refresh();
    assert.deepEqual(workspace.enabledServers(), []);
    assert.equal(workspace.serverTools('nope'), undefined);
    assert.equal(workspace.serverTools('constructor'), undefined);
    assert.equal(workspace.manager.status('off').state, 'stopped');
  });
});
