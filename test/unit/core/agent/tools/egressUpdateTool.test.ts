import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { egressUpdateTool } from '../../../../../src/core/agent/tools/egressUpdateTool';
import { ToolRunner } from '../../../../../src/core/agent/toolRunner';
import { ApprovalGate } from '../../../../../src/core/approval/approvalGate';
import type { ApprovalAnswer, ApprovalRequest } from '../../../../../src/core/approval/approver';
import { OverlayTrustStore, overlayTrustKey } from '../../../../../src/core/policy/overlayTrust';
import { sha256Of } from '../../../../../src/core/policy/policyFile';
import { policyPackSchema } from '../../../../../src/core/policy/policySchema';
import { decide } from '../../../../../src/core/egress/decide';
import { editInForce } from '../../../../../src/core/policy/editInForce';
import { PolicyStore, type EffectivePolicy } from '../../../../../src/core/policy/effectivePolicy';
import { PROTOTYPE_NAMES } from '../../policy/prototypeNames';
import { REPO_POLICY_DIR } from '../../policy/policyFixtures';

const OVERLAY = `# team overlay: keep this comment
version: 1
egress:
  allow:
    - docs.example.com # the docs
`;

describe('core/agent/tools/egressUpdateTool (security.egress.update)', () => {
  /** The policy the last confirmation reloaded: what the window would enforce. */
  let enforced: EffectivePolicy | undefined;
  let workspace: string;
  let configDir: string;
  let overlayFile: string;
  beforeEach(async () => {
    workspace = await mkdtemp(join(tmpdir(), 'airlock-egress-ws-'));
    configDir = await mkdtemp(join(tmpdir(), 'airlock-egress-cfg-'));
    overlayFile = join(workspace, '.airlock', 'policy', 'default.yaml');
    await mkdir(join(workspace, '.airlock', 'policy'), { recursive: true });
    await writeFile(overlayFile, OVERLAY);
    // The user approved this overlay (as the VS Code dialog or `airlock policy approve` would).
    await new OverlayTrustStore(configDir).trust(await overlayTrustKey(overlayFile), sha256Of(OVERLAY), 'approved');
  });
  afterEach(async () => {
    await rm(workspace, { recursive: true, force: true });
    await rm(configDir, { recursive: true, force: true });
  });

  function setup(answer: ApprovalAnswer, risk: 'low' | 'critical' = 'low'): { runner: ToolRunner; asked: ApprovalRequest[] } {
    const asked: ApprovalRequest[] = [];
    const gate = new ApprovalGate({ ask: (request) => { asked.push(request); return Promise.resolve(answer); } }, { record: () => undefined }, () => 1000);
    const load = { workspaceFolder: workspace, packName: 'default', builtinDir: REPO_POLICY_DIR, workspaceTrusted: true, configDir };
    const store = new PolicyStore();
    const tool = egressUpdateTool({
      workspaceFolder: () => workspace,
      packName: () => 'default',
      configDir,
      compositionFiles: () => ({ builtinDir: REPO_POLICY_DIR }),
      confirmEdit: async (edit) => editInForce((enforced = await store.load(load)), edit),
    });
    const policy = policyPackSchema.parse({ version: 1, name: 'default', tools: { 'security.egress.update': { risk } }, approvals: { require: [] } });
    return { runner: new ToolRunner({ tools: [tool], policy: () => policy, gate, audit: { record: () => undefined }, workspaceTrusted: () => true }), asked };
  }

  const call = (args: object) => ({ id: 'c1', name: 'security_egress_update', arguments: JSON.stringify(args) });
  const signal = new AbortController().signal;

  it('always asks, even when the policy requires no approval at that risk, and shows the exact change', async () => {
    const { runner, asked } = setup({ verdict: 'deny' });
    await runner.run(call({ action: 'add', host: 'API.Example.org', tool: 'web.fetch', reason: 'read the API docs' }), signal, () => undefined);
    assert.equal(asked.length, 1);
    assert.equal(asked[0]?.allowSession, false, 'a guard edit is never remembered for the session');
    assert.equal(asked[0]?.allowLabel, 'Add Rule', 'the button says what it does: the rule stays in the overlay');
    assert.equal(asked[0]?.permanent, true, 'and the answer is recorded as a permanent allow, not allow-once');
    assert.match(asked[0]?.title ?? '', /allow api\.example\.org for web\.fetch/);
    assert.match(asked[0]?.detail ?? '', /read the API docs/);
    assert.match(asked[0]?.detail ?? '', /\.airlock\/policy\/default\.yaml/);
    assert.equal(asked[0]?.diffs?.[0]?.before, OVERLAY, 'the dialog can show the overlay as it is');
    assert.match(asked[0]?.diffs?.[0]?.after ?? '', /web\.fetch:[\s\S]*api\.example\.org/, 'and as it would be');
  });

  it('refuses, without asking, to edit an overlay the user never approved (no laundering)', async () => {
    await writeFile(overlayFile, `${OVERLAY}# changed by the repository\n`);
    const { runner, asked } = setup({ verdict: 'allow-once' });
    const outcome = await runner.run(call({ action: 'add', host: 'a.example', reason: 'x' }), signal, () => undefined);
    assert.equal(outcome.state, 'error');
    assert.match(outcome.content, /not been approved/);
    assert.equal(asked.length, 0);
  });

  it('a denial leaves the overlay byte-for-byte unchanged', async () => {
    const before = await readFile(overlayFile);
    const { runner } = setup({ verdict: 'deny', reason: 'denied: not now' });
    const outcome = await runner.run(call({ action: 'add', host: 'evil.example', reason: 'exfiltrate' }), signal, () => undefined);
    assert.equal(outcome.state, 'denied');
    assert.match(outcome.content, /not now/);
    assert.deepEqual(await readFile(overlayFile), before);
  });

  it('an approval adds the rule for that tool and keeps the file\'s comments', async () => {
    const { runner } = setup({ verdict: 'allow-once' });
    const outcome = await runner.run(call({ action: 'add', host: 'api.example.org', tool: 'web.fetch', reason: 'docs' }), signal, () => undefined);
    assert.equal(outcome.state, 'done', outcome.content);
    const text = await readFile(overlayFile, 'utf8');
    assert.match(text, /# team overlay: keep this comment/);
    assert.match(text, /docs\.example\.com # the docs/);
    assert.match(text, /web\.fetch:[\s\S]*api\.example\.org/);
  });

  it('an approved removal takes the rule away', async () => {
    const { runner } = setup({ verdict: 'allow-once' });
    const outcome = await runner.run(call({ action: 'remove', host: 'docs.example.com', reason: 'no longer needed' }), signal, () => undefined);
    assert.equal(outcome.state, 'done', outcome.content);
    assert.doesNotMatch(await readFile(overlayFile, 'utf8'), /^\s*- docs\.example\.com/m);
  });

  const refused: { attack: string; args: object }[] = [
    { attack: 'allow-everything pattern', args: { action: 'add', host: '*', reason: 'x' } },
    { attack: 'URL instead of a host (path smuggling)', args: { action: 'add', host: 'https://evil.example/x', reason: 'x' } },
    { attack: 'unknown action', args: { action: 'replace', host: 'a.example', reason: 'x' } },
    { attack: 'missing reason', args: { action: 'add', host: 'a.example' } },
    ...PROTOTYPE_NAMES.map((name) => ({ attack: `a rule for the tool "${name}" (an Object.prototype name)`, args: { action: 'add', host: 'exfil.example.com', tool: name, reason: 'harmless' } })),
  ];
  it('an unknown tool is refused before any dialog, the model is told which tools exist, and the next call still works', async () => {
    const { runner, asked } = setup({ verdict: 'allow-once' });
    const outcome = await runner.run(call({ action: 'add', host: 'exfil.example.com', tool: 'constructor', reason: 'harmless' }), signal, () => undefined);
    assert.equal(asked.length, 0, 'no dialog about a tool that does not exist');
    assert.match(outcome.content, /"constructor" is not a tool Airlock knows; known tools: .*web\.fetch/);
    assert.ok(runner.specs().some((spec) => spec.name === 'security_egress_update'), 'the agent still has its tools');
    const next = await runner.run(call({ action: 'add', host: 'api.example.org', tool: 'web.fetch', reason: 'docs' }), signal, () => undefined);
    assert.equal(next.state, 'done', next.content);
  });

  it('"done" means in force: a removed host is refused by the policy the tool reports as enforced', async () => {
    const { runner } = setup({ verdict: 'allow-once' });
    const outcome = await runner.run(call({ action: 'remove', host: 'docs.example.com', reason: 'tighten' }), signal, () => undefined);
    assert.equal(outcome.state, 'done', outcome.content);
    assert.ok(enforced, 'the tool reloaded the policy before it answered');
    assert.equal(decide(enforced.policy, 'web.fetch', new URL('https://docs.example.com/')).verdict, 'deny');
  });

  const mcpOverlay = `${OVERLAY}mcp:
  servers:
    search:
      stdio: { command: node, args: [search.js] }
      tools:
        allow: [web_search]
`;
  const mcpCases: { name: string; tool: string; state: string; asked: number }[] = [
    { name: 'a rule for a tool of a server the policy names (mcp.search.web_search): asked, written, in force', tool: 'mcp.search.web_search', state: 'done', asked: 1 },
    { name: 'a rule for a server the policy does not name (mcp.nope.x): refused before any dialog', tool: 'mcp.nope.x', state: 'error', asked: 0 },
  ];
  for (const c of mcpCases) {
    it(c.name, async () => {
      await writeFile(overlayFile, mcpOverlay);
      await new OverlayTrustStore(configDir).trust(await overlayTrustKey(overlayFile), sha256Of(mcpOverlay), 'approved');
      const { runner, asked } = setup({ verdict: 'allow-once' });
      const outcome = await runner.run(call({ action: 'add', host: 'api.search.example', tool: c.tool, reason: 'search' }), signal, () => undefined);
      assert.equal(outcome.state, c.state, outcome.content);
      assert.equal(asked.length, c.asked);
      if (c.state === 'done') assert.equal(decide(enforced?.policy ?? policyPackSchema.parse({ version: 1, name: 'x' }), c.tool, new URL('https://api.search.example/')).verdict, 'allow');
    });
  }

  for (const { attack, args } of refused) {
    it(`refuses without asking: ${attack}`, async () => {
      const before = await readFile(overlayFile);
      const { runner, asked } = setup({ verdict: 'allow-once' });
      const outcome = await runner.run(call(args), signal, () => undefined);
      assert.equal(outcome.state, 'error', outcome.content);
      assert.equal(asked.length, 0);
      assert.deepEqual(await readFile(overlayFile), before);
    });
  }
});
