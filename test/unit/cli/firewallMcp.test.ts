import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { PolicyWorkspace } from './policyCliFixtures';

const SEARCH_OVERLAY = `version: 1
mcp:
  servers:
    search:
      stdio: { command: npx, args: [-y, brave-search-mcp], env: [BRAVE_API_KEY] }
      tools:
        allow: [web_search]
`;

interface ShownPolicy {
  readonly policy: { readonly egress: { readonly tools: Record<string, { allow: string[] }> } };
}

describe('airlock firewall and policy with MCP tool ids (mcp.<server>, mcp.<server>.<tool>)', () => {
  let ws: PolicyWorkspace;
  beforeEach(() => {
    ws = new PolicyWorkspace();
  });
  afterEach(() => ws.remove());

  async function shownEgressTools(): Promise<ShownPolicy['policy']['egress']['tools']> {
    const show = await ws.run(['policy', 'show', '--json']);
    assert.equal(show.code, 0, show.stderr);
    return (JSON.parse(show.stdout) as ShownPolicy).policy.egress.tools;
  }

  it('allow --tool mcp.search.web_search: written, listed, and in force after reload', async () => {
    await ws.writeTrustedOverlay(SEARCH_OVERLAY);
    const run = await ws.run(['firewall', 'allow', '--tool', 'mcp.search.web_search', 'api.search.brave.com']);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, 'allowed: api.search.brave.com for mcp.search.web_search in .airlock/policy/default.yaml\n');
    const list = JSON.parse((await ws.run(['firewall', 'list', '--json', '--tool', 'mcp.search.web_search'])).stdout) as { tool: string; pattern: string; source: string }[];
    assert.ok(list.some((row) => row.tool === 'mcp.search.web_search' && row.pattern === 'api.search.brave.com' && row.source === 'overlay'), JSON.stringify(list));
    assert.deepEqual((await shownEgressTools())['mcp.search.web_search']?.allow, ['api.search.brave.com']);
  });

  it('allow --tool mcp.search (the server itself, its egress proxy tool): accepted', async () => {
    await ws.writeTrustedOverlay(SEARCH_OVERLAY);
    const run = await ws.run(['firewall', 'allow', '--tool', 'mcp.search', 'api.search.brave.com']);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual((await shownEgressTools())['mcp.search']?.allow, ['api.search.brave.com']);
  });

  const refused: readonly { name: string; overlay?: string; repositoryOverlay?: string; tool: string }[] = [
    { name: 'no policy file names any MCP server', tool: 'mcp.search.web_search' },
    { name: 'the policy names another server (a typo, or a server not yet added)', overlay: SEARCH_OVERLAY, tool: 'mcp.serach.web_search' },
    { name: 'the server is named only by an overlay waiting for approval', repositoryOverlay: SEARCH_OVERLAY, tool: 'mcp.search.web_search' },
  ];
  for (const c of refused) {
    it(`refused when ${c.name}: usage error naming the server, exit 2, nothing written`, async () => {
      if (c.overlay !== undefined) await ws.writeTrustedOverlay(c.overlay);
      if (c.repositoryOverlay !== undefined) ws.writeRepositoryOverlay(c.repositoryOverlay);
      const before = existsSync(ws.overlay) ? readFileSync(ws.overlay, 'utf8') : undefined;
      const run = await ws.run(['firewall', 'allow', '--tool', c.tool, 'api.search.brave.com']);
      assert.equal(run.code, 2, run.stderr);
      const server = c.tool.split('.')[1] ?? '';
      assert.match(run.stderr, new RegExp(`is a tool of the MCP server "${server}", which the policy does not name`));
      assert.equal(existsSync(ws.overlay) ? readFileSync(ws.overlay, 'utf8') : undefined, before);
    });
  }

  it('firewall list --tool of an unnamed MCP server: listed (the shared rules) with a note, exit 0', async () => {
    const run = await ws.run(['firewall', 'list', '--tool', 'mcp.nope.x']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /^note: "mcp\.nope\.x" is a tool of the MCP server "nope", which the policy does not name/);
  });

  it('policy validate: an egress rule for a named server\'s tool is clean; one for an unnamed server is a warning with its line', async () => {
    await ws.writeTrustedOverlay(`${SEARCH_OVERLAY}egress:\n  tools:\n    mcp.search.web_search:\n      allow: [api.search.brave.com]\n    mcp.memory.read_graph:\n      allow: [api.example.com]\n`);
    const run = await ws.run(['policy', 'validate']);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stderr, 'warning: .airlock/policy/default.yaml:13:7: egress.tools["mcp.memory.read_graph"]: "mcp.memory.read_graph" is a tool of the MCP server "memory", which no policy file names under mcp.servers, so this entry has no effect for now\n');
  });

  it('policy validate FILE: an overlay server without a transport fails the merge, with file, line and field', async () => {
    const file = ws.file('.airlock/policy/default.yaml', 'version: 1\nmcp:\n  servers:\n    search:\n      tools: { allow: [web_search] }\n');
    const run = await ws.run(['policy', 'validate', file]);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /default\.yaml:5:7: mcp\.servers\.search: the merged policy is invalid: an MCP server needs exactly one of stdio or http/);
  });

  it('mcp.constructor.__proto__: a server and tool named like Object.prototype members take a rule, in force after reload', async () => {
    await ws.writeTrustedOverlay('version: 1\nmcp:\n  servers:\n    constructor:\n      stdio: { command: node }\n      tools: { allow: [__proto__] }\n');
    const run = await ws.run(['firewall', 'allow', '--tool', 'mcp.constructor.__proto__', 'api.example.com']);
    assert.equal(run.code, 0, run.stderr);
    const tools = await shownEgressTools();
    assert.deepEqual(tools['mcp.constructor.__proto__']?.allow, ['api.example.com']);
    const validate = await ws.run(['policy', 'validate']);
    assert.equal(validate.code, 0, validate.stderr);
    assert.equal(validate.stderr, '');
  });

  it('policy show: an overlay from the repository that adds a server waits for approval, and says what it would run and allow', async () => {
    ws.writeRepositoryOverlay(SEARCH_OVERLAY);
    const run = await ws.run(['policy', 'show']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /It would:\n {4}- mcp: adds the server "search", which runs `npx -y brave-search-mcp` in the sandbox; gets the environment variables BRAVE_API_KEY; offers the tools web_search; gets 100 MB of its own storage\n/);
  });

  it('the managed file switches the server off: a rule may still be written for it (named), and the server stays off', async () => {
    await ws.writeTrustedOverlay(SEARCH_OVERLAY);
    const managed = ws.file('../managed.yaml', 'version: 1\nmcp:\n  servers:\n    search: { enabled: false }\n');
    const env = { AIRLOCK_MANAGED_POLICY: managed };
    const run = await ws.run(['firewall', 'allow', '--tool', 'mcp.search.web_search', 'api.search.brave.com'], { env });
    assert.equal(run.code, 0, run.stderr);
    const show = await ws.run(['policy', 'show', '--json'], { env });
    const shown = JSON.parse(show.stdout) as { policy: { mcp: { servers: Record<string, { enabled: boolean }> } } };
    assert.equal(shown.policy.mcp.servers.search?.enabled, false);
  });
});
