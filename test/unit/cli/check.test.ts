import assert from 'node:assert/strict';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { PolicyWorkspace } from './policyCliFixtures';

interface DecisionLine {
  readonly decision: 'allow' | 'deny';
  readonly reason: string;
  readonly rule: string | null;
  readonly path?: string;
  readonly detail: string;
}

function decisions(stdout: string): DecisionLine[] {
  return stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as DecisionLine);
}

describe('airlock check path', () => {
  let ws: PolicyWorkspace;
  beforeEach(() => {
    ws = new PolicyWorkspace();
    ws.file('src/app.ts', 'export {};\n');
    ws.file('.env', 'TOKEN=x\n');
    ws.file('package-lock.json', '{}\n');
  });
  afterEach(() => ws.remove());

  const cases: readonly { name: string; args: string[]; code: number; decision: 'allow' | 'deny'; reason: string; rule: string | null }[] = [
    { name: 'a source file may be read', args: ['src/app.ts'], code: 0, decision: 'allow', reason: 'allowed', rule: '**' },
    { name: 'a source file may be written', args: ['src/app.ts', '--mode', 'write'], code: 0, decision: 'allow', reason: 'allowed', rule: '**' },
    { name: 'a folder may be listed', args: ['src', '--mode', 'list'], code: 0, decision: 'allow', reason: 'allowed', rule: '**' },
    { name: 'secrets are denied', args: ['.env'], code: 10, decision: 'deny', reason: 'denied-by-rule', rule: '**/.env' },
    { name: 'a readonly file may not be written', args: ['package-lock.json', '--mode', 'write'], code: 10, decision: 'deny', reason: 'readonly', rule: '**/package-lock.json' },
    { name: 'the agent may not write its own policy', args: ['.airlock/policy/default.yaml', '--mode', 'write'], code: 10, decision: 'deny', reason: 'control-file', rule: '**/.airlock/**' },
    { name: 'traversal out of the workspace', args: ['../../etc/passwd'], code: 10, decision: 'deny', reason: 'outside-workspace', rule: null },
    { name: 'the strict pack is read-only', args: ['src/app.ts', '--mode', 'write', '--pack', 'strict'], code: 10, decision: 'deny', reason: 'readonly', rule: '**' },
  ];
  for (const c of cases) {
    it(`${c.name}: exit ${c.code}, one JSON line`, async () => {
      const run = await ws.run(['check', 'path', ...c.args]);
      assert.equal(run.code, c.code, run.stderr);
      assert.equal(run.stdout.split('\n').length, 2, 'exactly one line');
      const [line] = decisions(run.stdout);
      assert.deepEqual({ decision: line?.decision, reason: line?.reason, rule: line?.rule }, { decision: c.decision, reason: c.reason, rule: c.rule });
      assert.equal(typeof line?.detail, 'string');
    });
  }

  it('a symbolic link out of the workspace is denied', async () => {
    symlinkSync(ws.root, join(ws.folder, 'escape'));
    const run = await ws.run(['check', 'path', 'escape/config']);
    assert.equal(run.code, 10);
    assert.equal(decisions(run.stdout)[0]?.reason, 'symlink-escape');
  });

  it('a deny glob from an approved overlay applies', async () => {
    await ws.writeTrustedOverlay('version: 1\nfiles:\n  deny: ["src/**"]\n');
    const run = await ws.run(['check', 'path', 'src/app.ts']);
    assert.equal(run.code, 10);
    assert.equal(decisions(run.stdout)[0]?.rule, 'src/**');
  });

  const usage: readonly [string, string[]][] = [
    ['an unknown mode', ['src/app.ts', '--mode', 'delete']],
    ['no path and no --jsonl', []],
    ['a path and --jsonl', ['src/app.ts', '--jsonl']],
    ['two paths', ['a', 'b']],
  ];
  for (const [name, args] of usage) {
    it(`${name}: usage error, exit 2`, async () => {
      const run = await ws.run(['check', 'path', ...args]);
      assert.equal(run.code, 2, run.stdout);
      assert.equal(run.stdout, '');
    });
  }

  describe('--jsonl', () => {
    it('one decision line per input line, in order; a malformed line is a denial with reason invalid-input', async () => {
      const input = [
        '{"path":"src/app.ts"}',
        'not json',
        '{"path":".env","mode":"read"}',
        '',
        '{"path":"src","mode":"list"}',
        '{"path":42}',
        '{"path":"src/app.ts","mode":"delete"}',
        '{"path":"src/app.ts","mode":"write","extra":true}',
        '{"path":"src/app.ts","mode":"write"}\r',
      ].join('\n');
      const run = await ws.run(['check', 'path', '--jsonl'], { stdin: `${input}\n` });
      assert.equal(run.code, 10, run.stderr);
      assert.deepEqual(decisions(run.stdout).map((line) => `${line.decision} ${line.reason}`), [
        'allow allowed',
        'deny invalid-input',
        'deny denied-by-rule',
        'deny invalid-input',
        'allow allowed',
        'deny invalid-input',
        'deny invalid-input',
        'deny invalid-input',
        'allow allowed',
      ]);
    });

    it('every line allowed: exit 0; --mode is the default mode for lines without one', async () => {
      const run = await ws.run(['check', 'path', '--jsonl', '--mode', 'write'], { stdin: '{"path":"src/app.ts"}\n{"path":"src/new.ts"}' });
      assert.equal(run.code, 0, run.stdout);
      assert.equal(decisions(run.stdout).length, 2);
    });

    it('no input: no output, exit 0', async () => {
      const run = await ws.run(['check', 'path', '--jsonl'], { stdin: '' });
      assert.equal(run.code, 0);
      assert.equal(run.stdout, '');
    });

    it('a line too long to be a request is a denial, not a memory sink', async () => {
      const run = await ws.run(['check', 'path', '--jsonl'], { stdin: `{"path":"${'a'.repeat(200_000)}"}\n{"path":"src/app.ts"}\n` });
      assert.deepEqual(decisions(run.stdout).map((line) => line.reason), ['invalid-input', 'allowed']);
      assert.match(decisions(run.stdout)[0]?.detail ?? '', /longer than 65536 characters/);
    });
  });
});
