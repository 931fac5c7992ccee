import assert from 'node:assert/strict';
import { applyManaged, mergeOverlay } from '../../../../src/core/policy/policyMerge';
import type { PolicyOverlay, PolicyPack } from '../../../../src/core/policy/policySchema';
import { builtinPack } from './policyFixtures';

interface MergeCase {
  readonly name: string;
  readonly overlay?: Omit<PolicyOverlay, 'version'>;
  readonly managed?: Omit<PolicyOverlay, 'version'>;
  readonly check: (policy: PolicyPack) => void;
}

function effective(c: MergeCase, pack: PolicyPack = builtinPack('default')): PolicyPack {
  const merged = c.overlay === undefined ? pack : mergeOverlay(pack, { version: 1, ...c.overlay });
  return c.managed === undefined ? merged : applyManaged(merged, { version: 1, ...c.managed });
}

const overlayCases: readonly MergeCase[] = [
  {
    name: 'adds an allow host for every tool and one for web.fetch',
    overlay: { egress: { allow: ['docs.python.org'], tools: { 'web.fetch': { allow: ['api.github.com'] } } } },
    check: (p) => {
      assert.deepEqual(p.egress.allow, ['docs.python.org']);
      assert.deepEqual(p.egress.tools['web.fetch'], { allow: ['api.github.com'], requireApproval: [], block: [] });
    },
  },
  {
    name: 'tries to drop deny globs by restating the list without them: lists add',
    overlay: { files: { deny: ['**/*.pem'] } },
    check: (p) => {
      assert.ok(p.files.deny.includes('**/.env'));
      assert.equal(p.files.deny.filter((glob) => glob === '**/*.pem').length, 1, 'no duplicates');
    },
  },
  {
    name: 'tries to empty the block list with block: []',
    overlay: { egress: { block: [] } },
    check: (p) => assert.deepEqual(p.egress.block, ['169.254.169.254', 'metadata.google.internal']),
  },
  {
    name: 'tries to drop the "high" approval level by listing only critical',
    overlay: { approvals: { require: ['critical'] } },
    check: (p) => assert.deepEqual(p.approvals.require, ['high', 'critical']),
  },
  {
    name: 'replaces a scalar: raises maxFileSizeMb (reported as loosening elsewhere)',
    overlay: { files: { maxFileSizeMb: 50 } },
    check: (p) => assert.equal(p.files.maxFileSizeMb, 50),
  },
  {
    name: 'disables fs.write without restating its risk',
    overlay: { tools: { 'fs.write': { enabled: false } } },
    check: (p) => assert.deepEqual(p.tools['fs.write'], { risk: 'high', enabled: false }),
  },
  {
    name: 'lowers a tool\'s risk (a scalar: replaced, and reported as loosening)',
    overlay: { tools: { 'fs.write': { risk: 'low' } } },
    check: (p) => assert.deepEqual(p.tools['fs.write'], { risk: 'low', enabled: true }),
  },
  {
    name: 'adds a tool without a risk: it is critical',
    overlay: { tools: { 'db.query': {} } },
    check: (p) => assert.deepEqual(p.tools['db.query'], { risk: 'critical', enabled: true }),
  },
  {
    name: 'sets a per-tool rate and the default rate; tools with their own rate keep it',
    overlay: { limits: { requestsPerMinute: { default: 5, tools: { 'fs.read': 100 } } } },
    check: (p) => assert.deepEqual(asJson(p.limits.requestsPerMinute), { default: 5, tools: { 'web.fetch': 20, model: 120, shell: 300, 'fs.read': 100 } }),
  },
  {
    name: 'lists file extensions on a pack that allows any: restricts to them',
    overlay: { files: { extensions: ['.ts', '.md'] } },
    check: (p) => assert.deepEqual(p.files.extensions, ['.ts', '.md']),
  },
  {
    name: 'changes nothing it does not mention (no defaults leak in)',
    overlay: { files: { deny: ['**/tmp/**'] } },
    check: (p) => {
      const pack = builtinPack('default');
      assert.deepEqual(asJson({ ...p, files: pack.files }), asJson(pack));
      assert.equal(p.files.maxFileSizeMb, pack.files.maxFileSizeMb);
    },
  },
  {
    name: 'requires VS Code\'s own agent off (posture.requireNativeAgentOff)',
    overlay: { posture: { requireNativeAgentOff: true } },
    check: (p) => assert.equal(p.posture.requireNativeAgentOff, true),
  },
];

const REMOTE = { provider: 'Example AI', url: 'https://api.example.com/v1', purpose: 'code review', maxMonthlyCostUsd: 20 };

const managedCases: readonly MergeCase[] = [
  {
    name: 'overlay tries to drop a managed deny glob (by not listing it)',
    overlay: { files: { deny: [] } },
    managed: { files: { deny: ['**/customer-data/**'] } },
    check: (p) => assert.ok(p.files.deny.includes('**/customer-data/**')),
  },
  {
    name: 'overlay allows a host the managed policy blocks: both listed, block wins at decision time',
    overlay: { egress: { allow: ['pastebin.com'] } },
    managed: { egress: { block: ['pastebin.com'] } },
    check: (p) => {
      assert.ok(p.egress.block.includes('pastebin.com'));
      assert.ok(p.egress.allow.includes('pastebin.com'));
    },
  },
  {
    name: 'overlay tries to remove a managed readonly glob',
    overlay: { files: { readonly: [] } },
    managed: { files: { readonly: ['**/migrations/**'] } },
    check: (p) => assert.ok(p.files.readonly.includes('**/migrations/**')),
  },
  {
    name: 'overlay raises maxFileSizeMb above the managed bound',
    overlay: { files: { maxFileSizeMb: 500 } },
    managed: { files: { maxFileSizeMb: 1 } },
    check: (p) => assert.equal(p.files.maxFileSizeMb, 1),
  },
  {
    name: 'overlay makes hard-linked files readable where the managed policy says no',
    overlay: { files: { readHardLinks: true } },
    managed: { files: { readHardLinks: false } },
    check: (p) => assert.equal(p.files.readHardLinks, false),
  },
  {
    name: 'overlay raises the default request rate above the managed bound',
    overlay: { limits: { requestsPerMinute: { default: 1000 } } },
    managed: { limits: { requestsPerMinute: { default: 10 } } },
    check: (p) => assert.equal(p.limits.requestsPerMinute.default, 10),
  },
  {
    name: 'overlay raises a per-tool rate above the managed default (the default caps every tool)',
    overlay: { limits: { requestsPerMinute: { tools: { 'web.fetch': 500 } } } },
    managed: { limits: { requestsPerMinute: { default: 10 } } },
    check: (p) => assert.deepEqual(asJson(p.limits.requestsPerMinute.tools), { 'web.fetch': 10, model: 10, shell: 10 }),
  },
  {
    name: 'overlay raises response size, redirects and timeout above managed bounds',
    overlay: { limits: { maxResponseBytes: 1 << 29, maxRedirects: 20, requestTimeoutSeconds: 3600 } },
    managed: { limits: { maxResponseBytes: 1024, maxRedirects: 0, requestTimeoutSeconds: 5 } },
    check: (p) => {
      assert.equal(p.limits.maxResponseBytes, 1024);
      assert.equal(p.limits.maxRedirects, 0);
      assert.equal(p.limits.requestTimeoutSeconds, 5);
    },
  },
  {
    name: 'a managed bound above the pack\'s value does not raise it',
    managed: { files: { maxFileSizeMb: 100 }, limits: { maxConcurrentRequests: 64 } },
    check: (p) => {
      assert.equal(p.files.maxFileSizeMb, 5);
      assert.equal(p.limits.maxConcurrentRequests, 4);
    },
  },
  {
    name: 'overlay re-enables a tool the managed policy disabled',
    overlay: { tools: { 'web.fetch': { enabled: true } } },
    managed: { tools: { 'web.fetch': { enabled: false } } },
    check: (p) => assert.equal(p.tools['web.fetch']?.enabled, false),
  },
  {
    name: 'overlay lowers a risk the managed policy raised: the higher wins',
    overlay: { tools: { 'web.fetch': { risk: 'low' } } },
    managed: { tools: { 'web.fetch': { risk: 'high' } } },
    check: (p) => assert.equal(p.tools['web.fetch']?.risk, 'high'),
  },
  {
    name: 'managed risk lower than the pack\'s does not lower it',
    managed: { tools: { 'fs.write': { risk: 'low' } } },
    check: (p) => assert.equal(p.tools['fs.write']?.risk, 'high'),
  },
  {
    name: 'overlay drops an approval level the managed policy requires',
    overlay: { approvals: { require: ['critical'] } },
    managed: { approvals: { require: ['medium'] } },
    check: (p) => assert.deepEqual(p.approvals.require, ['high', 'critical', 'medium']),
  },
  {
    name: 'overlay turns session-scoped approvals on after the managed policy turned them off',
    overlay: { approvals: { allowSessionScope: true } },
    managed: { approvals: { allowSessionScope: false } },
    check: (p) => assert.equal(p.approvals.allowSessionScope, false),
  },
  {
    name: 'overlay lengthens the approval timeout above the managed bound',
    overlay: { approvals: { timeoutSeconds: 3600 } },
    managed: { approvals: { timeoutSeconds: 60 } },
    check: (p) => assert.equal(p.approvals.timeoutSeconds, 60),
  },
  {
    name: 'overlay raises a remote API\'s monthly cost above the managed bound',
    overlay: { model: { remote: [{ ...REMOTE, maxMonthlyCostUsd: 5000 }] } },
    managed: { model: { remote: [REMOTE] } },
    check: (p) => assert.deepEqual(p.model.remote, [REMOTE]),
  },
  {
    name: 'overlay removes a managed requireApproval host for web.fetch',
    overlay: { egress: { tools: { 'web.fetch': { requireApproval: [] } } } },
    managed: { egress: { tools: { 'web.fetch': { requireApproval: ['api.github.com'] } } } },
    check: (p) => assert.deepEqual(p.egress.tools['web.fetch']?.requireApproval, ['api.github.com']),
  },
  {
    name: 'overlay lifts the managed requirement that VS Code\'s own agent be off',
    overlay: { posture: { requireNativeAgentOff: false } },
    managed: { posture: { requireNativeAgentOff: true } },
    check: (p) => assert.equal(p.posture.requireNativeAgentOff, true),
  },
  {
    name: 'managed policy states requireNativeAgentOff: false under an overlay that requires it',
    overlay: { posture: { requireNativeAgentOff: true } },
    managed: { posture: { requireNativeAgentOff: false } },
    check: (p) => assert.equal(p.posture.requireNativeAgentOff, true),
  },
];

describe('policy merge: built-in pack ← workspace overlay', () => {
  for (const c of overlayCases) it(c.name, () => c.check(effective(c)));

  it('an overlay stating requireNativeAgentOff: false cannot lift a pack\'s requirement', () => {
    const pack = { ...builtinPack('default'), posture: { requireNativeAgentOff: true } };
    const policy = effective({ name: '', overlay: { posture: { requireNativeAgentOff: false } }, check: () => undefined }, pack);
    assert.equal(policy.posture.requireNativeAgentOff, true);
  });

  it('does not modify its inputs', () => {
    const pack = builtinPack('default');
    const before = structuredClone(pack);
    mergeOverlay(pack, { version: 1, egress: { allow: ['a.example.com'] }, files: { deny: ['x/**'] } });
    assert.deepEqual(pack, before);
  });
});

describe('policy merge: managed policy above pack and overlay', () => {
  for (const c of managedCases) it(c.name, () => c.check(effective(c)));

  it('a tool only the managed policy names is added with its settings', () => {
    const policy = effective({ name: '', managed: { tools: { 'db.query': { enabled: false } } }, check: () => undefined });
    assert.deepEqual(policy.tools['db.query'], { risk: 'critical', enabled: false });
  });
});

/** The merged maps have no prototype (tool ids are outside names); compare them as their JSON. */
function asJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}
