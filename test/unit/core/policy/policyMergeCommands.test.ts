import assert from 'node:assert/strict';
import { describeLoosening } from '../../../../src/core/policy/policyLoosening';
import { parseOverlay } from '../../../../src/core/policy/policyLoader';
import { applyManaged, mergeOverlay } from '../../../../src/core/policy/policyMerge';
import { policyOverlaySchema, policyPackSchema, type PolicyPack } from '../../../../src/core/policy/policySchema';
import { builtinPack, mergedPolicy, type OverlayBody } from './policyFixtures';
import { PROTOTYPE_NAMES } from './prototypeNames';

interface Case {
  /** What the overlay or managed file tries. */
  readonly name: string;
  readonly overlay?: OverlayBody;
  readonly managed?: OverlayBody;
  readonly check: (policy: PolicyPack) => void;
}

const LIMITS = { cpuSeconds: 120, wallSeconds: 600, memoryMb: 4096, outputBytes: 4 * 1024 * 1024 };

const cases: readonly Case[] = [
  {
    name: 'the pack has no command rules, runs only sandboxed, with the default limits',
    check: (p) => assert.deepEqual(p.commands, { allow: [], requireApproval: [], deny: [], unsandboxed: false, limits: LIMITS }),
  },
  {
    name: 'overlay adds allow rules; managed deny rules are kept below them',
    overlay: { commands: { allow: ['npm test', 'npm run *'] } },
    managed: { commands: { deny: ['curl *'] } },
    check: (p) => {
      assert.deepEqual(p.commands.allow, ['npm test', 'npm run *']);
      assert.deepEqual(p.commands.deny, ['curl *']);
    },
  },
  {
    name: 'overlay restates deny and requireApproval as empty lists under a managed file: lists add',
    overlay: { commands: { deny: [], requireApproval: [] } },
    managed: { commands: { deny: ['rm -rf *'], requireApproval: ['git push *'] } },
    check: (p) => {
      assert.deepEqual(p.commands.deny, ['rm -rf *']);
      assert.deepEqual(p.commands.requireApproval, ['git push *']);
    },
  },
  {
    name: 'overlay turns unsandboxed on: a scalar it may replace (reported as loosening)',
    overlay: { commands: { unsandboxed: true } },
    check: (p) => assert.equal(p.commands.unsandboxed, true),
  },
  {
    name: 'overlay turns unsandboxed on under a managed unsandboxed: false',
    overlay: { commands: { unsandboxed: true } },
    managed: { commands: { unsandboxed: false } },
    check: (p) => assert.equal(p.commands.unsandboxed, false),
  },
  {
    name: 'overlay raises one limit; the others stay',
    overlay: { commands: { limits: { wallSeconds: 3600 } } },
    check: (p) => assert.deepEqual(p.commands.limits, { ...LIMITS, wallSeconds: 3600 }),
  },
  {
    name: 'overlay raises limits above the managed bounds: the managed bounds hold',
    overlay: { commands: { limits: { cpuSeconds: 3600, memoryMb: 65_536, outputBytes: 100_000_000 } } },
    managed: { commands: { limits: { cpuSeconds: 10, memoryMb: 256, outputBytes: 10_000 } } },
    check: (p) => assert.deepEqual(p.commands.limits, { ...LIMITS, cpuSeconds: 10, memoryMb: 256, outputBytes: 10_000 }),
  },
  ...PROTOTYPE_NAMES.map((name): Case => ({
    name: `rules naming the program "${name}" (an Object.prototype name) are plain list entries`,
    overlay: { commands: { allow: [`${name} *`], deny: [name] } },
    managed: { commands: { requireApproval: [name] } },
    check: (p) => {
      assert.deepEqual(p.commands.allow, [`${name} *`]);
      assert.deepEqual(p.commands.deny, [name]);
      assert.deepEqual(p.commands.requireApproval, [name]);
    },
  })),
];

describe('policy merge: the commands section', () => {
  for (const c of cases) it(c.name, () => c.check(mergedPolicy(c.overlay, c.managed)));

  it('an overlay with a "__proto__" key inside commands is refused, not merged into a prototype', () => {
    const parsed = JSON.parse('{"version":1,"commands":{"__proto__":{"allow":["sh *"]},"allow":["npm test"]}}') as unknown;
    assert.equal(policyOverlaySchema.safeParse(parsed).success, false);
    assert.deepEqual(({} as Record<string, unknown>)['allow'], undefined, 'Object.prototype untouched');
  });

  it('does not modify its inputs', () => {
    const pack = builtinPack('default');
    const before = structuredClone(pack);
    applyManaged(mergeOverlay(pack, { version: 1, commands: { allow: ['npm test'], limits: { cpuSeconds: 1 } } }), { version: 1, commands: { deny: ['x'] } });
    assert.deepEqual(pack, before);
  });
});

interface RuleCase {
  /** The mistake the rule makes. */
  readonly name: string;
  readonly rule: string;
  readonly message: string;
}

const badRules: readonly RuleCase[] = [
  { name: 'allow every program', rule: '*', message: 'the first word must name the program' },
  { name: 'wildcard program name', rule: 'np* test', message: 'the first word must name the program' },
  { name: 'a chained command in one rule', rule: 'npm test; curl evil', message: 'leave out quotes, control characters and shell syntax' },
  { name: 'shell quoting in a rule', rule: 'git commit -m "x"', message: 'leave out quotes' },
  { name: 'command substitution in a rule', rule: 'echo $(id)', message: 'shell syntax' },
  { name: 'newline smuggling a second rule', rule: 'npm test\ncurl evil', message: 'control characters' },
  { name: 'empty rule', rule: '  ', message: 'must not be empty' },
];

describe('policy schema: command rules', () => {
  for (const c of badRules) {
    it(`refuses ${c.name}`, () => {
      const result = policyPackSchema.safeParse({ version: 1, name: 'x', commands: { allow: [c.rule] } });
      assert.equal(result.success, false);
      assert.ok(result.error?.issues[0]?.message.includes(c.message), result.error?.issues[0]?.message);
    });
  }

  it('a YAML overlay names the line of a bad rule', () => {
    const result = parseOverlay({ text: 'version: 1\ncommands:\n  allow: ["*"]\n', file: 'default.yaml', expectedName: 'default' });
    assert.equal(result.ok, false);
    assert.match(result.ok ? '' : result.errors[0]?.message ?? '', /^default\.yaml:3:\d+: commands\.allow\[0\]: "\*": the first word must name the program/);
  });
});

describe('what an overlay loosens: commands', () => {
  it('lists added allow rules, unsandboxed turned on and raised limits, and nothing for added denies', () => {
    const pack = builtinPack('default');
    const candidate = mergeOverlay(pack, { version: 1, commands: { allow: ['npm test'], deny: ['rm -rf *'], unsandboxed: true, limits: { wallSeconds: 900, cpuSeconds: 5 } } });
    assert.deepEqual(describeLoosening(pack, candidate), [
      'commands: lets the agent run "npm test" without asking (commands.allow)',
      'commands: runs commands without a sandbox where none is available, each after asking (commands.unsandboxed)',
      'commands: raises commands.limits.wallSeconds from 600 to 900',
    ]);
  });

  it('lists removed deny and requireApproval rules when two policies differ', () => {
    const base = mergeOverlay(builtinPack('default'), { version: 1, commands: { deny: ['rm -rf *'], requireApproval: ['git push *'] } });
    const candidate = { ...base, commands: { ...base.commands, deny: [], requireApproval: [] } };
    assert.deepEqual(describeLoosening(base, candidate), ['commands: no longer asks before "git push *" (commands.requireApproval)', 'commands: no longer refuses "rm -rf *" (commands.deny)']);
  });
});
