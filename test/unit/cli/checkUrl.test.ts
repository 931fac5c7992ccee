import assert from 'node:assert/strict';
import { PolicyWorkspace } from './policyCliFixtures';

interface UrlLine {
  readonly decision: 'allow' | 'deny' | 'ask';
  readonly reason: string;
  readonly rule: string | null;
  readonly tool?: string;
  readonly url?: string;
  readonly detail: string;
  readonly addresses?: string[];
}

function lines(stdout: string): UrlLine[] {
  return stdout.trimEnd().split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as UrlLine);
}

// NETWORK SAFETY: every case either needs no lookup (--no-resolve, literals, refusals decided by
// name) or resolves through --hosts. The CLI never connects anywhere.
describe('airlock check url', () => {
  let ws: PolicyWorkspace;
  let hosts: string;
  beforeEach(async () => {
    ws = new PolicyWorkspace();
    await ws.writeTrustedOverlay('version: 1\negress:\n  allow: [docs.example.com, "*.cdn.example.com"]\n  requireApproval: [ask.example.com]\n');
    hosts = ws.file('hosts.txt', [
      '93.184.215.14 docs.example.com img.cdn.example.com ask.example.com',
      '10.0.0.7 intranet.cdn.example.com',
      '93.184.215.14 mixed.cdn.example.com',
      '127.0.0.1 mixed.cdn.example.com',
    ].join('\n'));
  });
  afterEach(() => ws.remove());

  const cases: { name: string; args: () => string[]; code: number; decision: string; reason: string; rule?: string | null; addresses?: string[] }[] = [
    { name: 'an allowed host, resolved from --hosts', args: () => ['https://docs.example.com/guide', '--hosts', hosts], code: 0, decision: 'allow', reason: 'allowed-by-rule', rule: 'docs.example.com', addresses: ['93.184.215.14'] },
    { name: 'an allowed wildcard host resolving to a private address', args: () => ['https://intranet.cdn.example.com/', '--hosts', hosts], code: 10, decision: 'deny', reason: 'private-address', addresses: ['10.0.0.7'] },
    { name: 'one good and one loopback answer', args: () => ['https://mixed.cdn.example.com/', '--hosts', hosts], code: 10, decision: 'deny', reason: 'loopback-address', addresses: ['93.184.215.14', '127.0.0.1'] },
    { name: 'a name missing from the hosts file', args: () => ['https://nowhere.cdn.example.com/', '--hosts', hosts], code: 10, decision: 'deny', reason: 'unresolvable-host' },
    { name: 'an allowed host, policy only', args: () => ['https://img.cdn.example.com/a.png', '--no-resolve'], code: 0, decision: 'allow', reason: 'allowed-by-rule', rule: '*.cdn.example.com' },
    { name: 'a host that needs approval', args: () => ['https://ask.example.com/', '--no-resolve'], code: 11, decision: 'ask', reason: 'approval-required', rule: 'ask.example.com' },
    { name: 'a host no rule allows (default deny, decided without lookup)', args: () => ['https://example.org/'], code: 10, decision: 'deny', reason: 'no-rule-matched', rule: null },
    { name: 'the metadata address, blocked by the pack', args: () => ['http://169.254.169.254/latest/meta-data/'], code: 10, decision: 'deny', reason: 'blocked-by-rule', rule: '169.254.169.254' },
    { name: 'loopback in decimal', args: () => ['http://2130706433:8080/'], code: 10, decision: 'deny', reason: 'loopback-address', addresses: undefined },
    { name: 'plain http to an allowed host', args: () => ['http://docs.example.com/', '--no-resolve'], code: 10, decision: 'deny', reason: 'plain-http-not-allowed', rule: 'docs.example.com' },
    { name: 'a scheme other than http(s): refused, and shown with its host', args: () => ['ftp://example.com/pub', '--no-resolve'], code: 10, decision: 'deny', reason: 'scheme-not-allowed' },
    { name: 'the model on this machine', args: () => ['http://127.0.0.1:11434/v1', '--tool', 'model'], code: 0, decision: 'allow', reason: 'model-endpoint', rule: '127.0.0.1', addresses: ['127.0.0.1'] },
    { name: 'a remote model API the policy does not name', args: () => ['https://api.openai.com/v1', '--tool', 'model'], code: 10, decision: 'deny', reason: 'model-endpoint-not-listed' },
    { name: 'a host allowed for every tool, checked for another tool', args: () => ['https://docs.example.com/', '--tool', 'web.search', '--no-resolve'], code: 0, decision: 'allow', reason: 'allowed-by-rule' },
  ];
  for (const c of cases) {
    it(`${c.name}: exit ${c.code}, ${c.decision} ${c.reason}`, async () => {
      const run = await ws.run(['check', 'url', ...c.args()]);
      assert.equal(run.code, c.code, run.stderr || run.stdout);
      const all = lines(run.stdout);
      assert.equal(all.length, 1, 'exactly one line');
      const line = all[0] as UrlLine;
      assert.equal(line.decision, c.decision);
      assert.equal(line.reason, c.reason);
      if (c.rule !== undefined) assert.equal(line.rule, c.rule);
      if ('addresses' in c && c.addresses !== undefined) assert.deepEqual(line.addresses, c.addresses);
      assert.equal(line.tool, c.args().includes('--tool') ? c.args()[c.args().indexOf('--tool') + 1] : 'web.fetch');
      assert.ok(line.detail.length > 0);
    });
  }

  it('prints the URL redacted: no credentials, query or fragment', async () => {
    const run = await ws.run(['check', 'url', 'https://me:hunter2@docs.example.com/p?token=abc#x', '--no-resolve']);
    const [line] = lines(run.stdout);
    assert.equal(line?.reason, 'credentials-in-url');
    assert.equal(line?.url, 'https://docs.example.com/p?[redacted]#[redacted]');
    assert.doesNotMatch(run.stdout, /hunter2|token=abc/);
  });

  it('names the host of a refused ftp URL instead of hiding it all', async () => {
    const run = await ws.run(['check', 'url', 'ftp://user:pw@example.com/pub?x=1', '--no-resolve']);
    assert.equal(lines(run.stdout)[0]?.url, 'ftp://example.com/pub?[redacted]');
  });

  it('uses the workspace policy: the strict pack allows nothing', async () => {
    const run = await ws.run(['check', 'url', 'https://docs.example.com/', '--no-resolve', '--pack', 'strict']);
    assert.equal(run.code, 10);
    assert.equal(lines(run.stdout)[0]?.reason, 'no-rule-matched');
  });

  const usage: readonly [string, string[]][] = [
    ['no URL and no --jsonl', []],
    ['an argument that is not a URL (a typo, not a refusal)', ['not-a-url']],
    ['a URL and --jsonl', ['https://x.example/', '--jsonl']],
    ['a malformed tool id', ['https://x.example/', '--tool', 'Web Fetch']],
    ['a hosts file that does not exist', ['https://x.example/', '--hosts', '/nonexistent/hosts']],
    ['--hosts with --no-resolve', ['https://x.example/', '--hosts', '/etc/hosts', '--no-resolve']],
  ];
  for (const [name, args] of usage) {
    it(`${name}: usage error, exit 2`, async () => {
      const run = await ws.run(['check', 'url', ...args]);
      assert.equal(run.code, 2, run.stdout);
      assert.equal(run.stdout, '');
    });
  }

  describe('--jsonl', () => {
    it('one line per input line, in order; a malformed line is a denial with reason invalid-input', async () => {
      const input = [
        '{"url":"https://docs.example.com/"}',
        'not json',
        '{"url":"https://ask.example.com/"}',
        '{"url":"http://127.0.0.1:11434/v1","tool":"model"}',
        '{"url":42}',
        '{"url":"https://intranet.cdn.example.com/"}',
        '{"url":"https://docs.example.com/","extra":1}',
      ].join('\n');
      const run = await ws.run(['check', 'url', '--jsonl', '--hosts', hosts], { stdin: `${input}\n` });
      assert.equal(run.code, 10, run.stderr);
      assert.deepEqual(lines(run.stdout).map((line) => `${line.decision} ${line.reason}`), [
        'allow allowed-by-rule',
        'deny invalid-input',
        'ask approval-required',
        'allow model-endpoint',
        'deny invalid-input',
        'deny private-address',
        'deny invalid-input',
      ]);
    });

    it('none denied but one asks: exit 11; all allowed: exit 0; no input: exit 0', async () => {
      const asking = await ws.run(['check', 'url', '--jsonl', '--no-resolve'], { stdin: '{"url":"https://docs.example.com/"}\n{"url":"https://ask.example.com/"}\n' });
      assert.equal(asking.code, 11);
      const allowed = await ws.run(['check', 'url', '--jsonl', '--no-resolve'], { stdin: '{"url":"https://docs.example.com/"}\n{"url":"https://img.cdn.example.com/"}' });
      assert.equal(allowed.code, 0);
      const empty = await ws.run(['check', 'url', '--jsonl'], { stdin: '' });
      assert.equal(empty.code, 0);
      assert.equal(empty.stdout, '');
    });
  });
});
