import assert from 'node:assert/strict';
import { decide, decideAddress, MODEL_TOOL } from '../../../../src/core/egress/decide';
import type { EgressReason, EgressVerdict } from '../../../../src/core/egress/egressDecision';
import { testPolicy } from './egressTestKit';

interface Row {
  readonly name: string;
  readonly tool?: string;
  readonly url: string;
  readonly verdict: EgressVerdict;
  readonly reason: EgressReason;
  readonly rule?: string;
}

describe('core/egress/decide: the order of checks, as a specification', () => {
  const policy = testPolicy({
    allow: ['docs.example', '*.cdn.example', 'both.example', 'plain.example:80', '203.0.113.7', '[2001:db8::7]'],
    requireApproval: ['ask.example', 'both.example', 'askplain.example'],
    block: ['*.tracker.example', 'blocked.example', '198.51.100.9', 'docs.example:8443'],
    tools: {
      'web.fetch': { allow: ['only-web.example', '10.20.30.40:8080'], requireApproval: [], block: ['web-blocked.example'] },
      'web.search': { allow: [], requireApproval: [], block: ['docs.example'] },
    },
    model: { endpoints: ['127.0.0.1', '[::1]', 'localhost:11434'], remote: [{ provider: 'Example AI', url: 'https://api.example.ai/v1', purpose: 'review', maxMonthlyCostUsd: 10 }] },
  });

  const rows: Row[] = [
    // 1-3: the URL itself
    { name: 'not a URL', url: 'not a url', verdict: 'deny', reason: 'invalid-url' },
    { name: 'a scheme other than http(s)', url: 'ws://docs.example/', verdict: 'deny', reason: 'scheme-not-allowed' },
    { name: 'credentials, even on an allowed host', url: 'https://u:p@docs.example/', verdict: 'deny', reason: 'credentials-in-url' },
    { name: 'a username alone', url: 'https://u@docs.example/', verdict: 'deny', reason: 'credentials-in-url' },
    // 4: block wins
    { name: 'block by wildcard, subdomain', url: 'https://a.b.tracker.example/', verdict: 'deny', reason: 'blocked-by-rule', rule: '*.tracker.example' },
    { name: 'block on one port only: that port', url: 'https://docs.example:8443/', verdict: 'deny', reason: 'blocked-by-rule', rule: 'docs.example:8443' },
    { name: 'block on one port only: another port is allowed', url: 'https://docs.example:443/', verdict: 'allow', reason: 'allowed-by-rule', rule: 'docs.example' },
    { name: 'block of an address in another spelling (decimal)', url: 'https://3325256713/', verdict: 'deny', reason: 'blocked-by-rule', rule: '198.51.100.9' },
    { name: 'block of an address, IPv4-mapped', url: 'https://[::ffff:198.51.100.9]/', verdict: 'deny', reason: 'blocked-by-rule', rule: '198.51.100.9' },
    { name: 'per-tool block adds to the global lists', url: 'https://web-blocked.example/', verdict: 'deny', reason: 'blocked-by-rule', rule: 'web-blocked.example' },
    { name: 'a per-tool block applies to that tool only', tool: 'web.search', url: 'https://docs.example/', verdict: 'deny', reason: 'blocked-by-rule', rule: 'docs.example' },
    { name: 'block wins over the model section too', tool: MODEL_TOOL, url: 'https://blocked.example/', verdict: 'deny', reason: 'blocked-by-rule', rule: 'blocked.example' },
    // 6: special hosts, unless a rule names exactly them
    { name: 'private address named by a per-tool rule (exact address and port)', url: 'http://10.20.30.40:8080/', verdict: 'allow', reason: 'allowed-by-rule', rule: '10.20.30.40:8080' },
    { name: 'the same private address on another port', url: 'http://10.20.30.40:8081/', verdict: 'deny', reason: 'private-address' },
    { name: 'the same private address for another tool', tool: 'web.search', url: 'http://10.20.30.40:8080/', verdict: 'deny', reason: 'private-address' },
    { name: 'a reserved (documentation) address opens only because a rule names it exactly', url: 'https://203.0.113.7/', verdict: 'allow', reason: 'allowed-by-rule', rule: '203.0.113.7' },
    { name: 'the neighbouring reserved address, not named', url: 'https://203.0.113.8/', verdict: 'deny', reason: 'reserved-address' },
    { name: 'localhost for a web tool', url: 'https://localhost/', verdict: 'deny', reason: 'local-host-name' },
    // 7-9: approval, allow, default deny
    { name: 'requireApproval asks', url: 'https://ask.example/', verdict: 'ask', reason: 'approval-required', rule: 'ask.example' },
    { name: 'requireApproval wins over allow', url: 'https://both.example/', verdict: 'ask', reason: 'approval-required', rule: 'both.example' },
    { name: 'allow by exact name', url: 'https://docs.example/path?q=1', verdict: 'allow', reason: 'allowed-by-rule', rule: 'docs.example' },
    { name: 'allow by name is case-insensitive and ignores a trailing dot', url: 'https://DOCS.Example./', verdict: 'allow', reason: 'allowed-by-rule', rule: 'docs.example' },
    { name: 'allow by wildcard: a subdomain', url: 'https://img.cdn.example/', verdict: 'allow', reason: 'allowed-by-rule', rule: '*.cdn.example' },
    { name: 'a wildcard does not cover the bare domain', url: 'https://cdn.example/', verdict: 'deny', reason: 'no-rule-matched' },
    { name: 'per-tool allow', url: 'https://only-web.example/', verdict: 'allow', reason: 'allowed-by-rule', rule: 'only-web.example' },
    { name: 'per-tool allow does not leak to another tool', tool: 'web.search', url: 'https://only-web.example/', verdict: 'deny', reason: 'no-rule-matched' },
    { name: 'an IPv6 literal named by a rule, in another spelling', url: 'https://[2001:DB8:0:0:0:0:0:7]/', verdict: 'allow', reason: 'allowed-by-rule', rule: '[2001:db8::7]' },
    { name: 'nothing matches: default deny', url: 'https://unknown.example/', verdict: 'deny', reason: 'no-rule-matched' },
    // a rule without a port covers the scheme's default port only
    { name: 'allow without a port: the default https port spelled out', url: 'https://docs.example:443/', verdict: 'allow', reason: 'allowed-by-rule', rule: 'docs.example' },
    { name: 'allow without a port: another https port', url: 'https://docs.example:4443/', verdict: 'deny', reason: 'no-rule-matched' },
    { name: 'allow without a port: https on port 80', url: 'https://docs.example:80/', verdict: 'deny', reason: 'no-rule-matched' },
    { name: 'allow by wildcard without a port: another port', url: 'https://img.cdn.example:8080/', verdict: 'deny', reason: 'no-rule-matched' },
    { name: 'requireApproval without a port: another port is not asked, it is refused', url: 'https://ask.example:8443/', verdict: 'deny', reason: 'no-rule-matched' },
    { name: 'an address named without a port: another port', url: 'https://203.0.113.7:8443/', verdict: 'deny', reason: 'reserved-address' },
    { name: 'a rule naming a port: only that port', url: 'http://plain.example:8080/', verdict: 'deny', reason: 'no-rule-matched' },
    { name: 'block without a port still covers every port', url: 'https://blocked.example:8443/', verdict: 'deny', reason: 'blocked-by-rule', rule: 'blocked.example' },
    // a host with an empty label is not the allowed host
    { name: 'a host with an empty label (two trailing dots)', url: 'https://docs.example../', verdict: 'deny', reason: 'invalid-url' },
    { name: 'a host with an empty label inside', url: 'https://docs..example/', verdict: 'deny', reason: 'invalid-url' },
    { name: 'a host starting with a dot', url: 'https://.docs.example/', verdict: 'deny', reason: 'invalid-url' },
    { name: 'an address with two trailing dots', url: 'https://203.0.113.7../', verdict: 'deny', reason: 'invalid-url' },
    // 10: plain http
    { name: 'plain http to a rule without a port', url: 'http://docs.example/', verdict: 'deny', reason: 'plain-http-not-allowed', rule: 'docs.example' },
    { name: 'plain http where the rule names port 80', url: 'http://plain.example/', verdict: 'allow', reason: 'allowed-by-rule', rule: 'plain.example:80' },
    { name: 'plain http to a host that asks, rule without port', url: 'http://askplain.example/', verdict: 'deny', reason: 'plain-http-not-allowed', rule: 'askplain.example' },
    // 5: the model section
    { name: 'model: loopback endpoint, plain http', tool: MODEL_TOOL, url: 'http://127.0.0.1:11434/v1', verdict: 'allow', reason: 'model-endpoint', rule: '127.0.0.1' },
    { name: 'model: localhost only on the listed port', tool: MODEL_TOOL, url: 'http://localhost:11434/v1', verdict: 'allow', reason: 'model-endpoint', rule: 'localhost:11434' },
    { name: 'model: localhost on another port', tool: MODEL_TOOL, url: 'http://localhost:8080/v1', verdict: 'deny', reason: 'model-endpoint-not-listed' },
    { name: 'model: a named remote API, under its path', tool: MODEL_TOOL, url: 'https://api.example.ai/v1/chat/completions', verdict: 'allow', reason: 'model-remote', rule: 'model.remote: Example AI' },
    { name: 'model: the remote API outside its path', tool: MODEL_TOOL, url: 'https://api.example.ai/v10/models', verdict: 'deny', reason: 'model-endpoint-not-listed' },
    { name: 'model: the remote API over plain http', tool: MODEL_TOOL, url: 'http://api.example.ai/v1/models', verdict: 'deny', reason: 'model-endpoint-not-listed' },
    { name: 'model: a remote host the policy does not name', tool: MODEL_TOOL, url: 'https://api.openai.com/v1', verdict: 'deny', reason: 'model-endpoint-not-listed' },
    { name: 'model: egress allow rules do not open hosts to the model', tool: MODEL_TOOL, url: 'https://docs.example/', verdict: 'deny', reason: 'model-endpoint-not-listed' },
    { name: 'model: a LAN model server is not loopback', tool: MODEL_TOOL, url: 'http://192.168.1.5:11434/v1', verdict: 'deny', reason: 'model-endpoint-not-listed' },
  ];

  for (const row of rows) {
    it(`${row.name} → ${row.verdict} (${row.reason})`, () => {
      const decision = decide(policy, row.tool ?? 'web.fetch', row.url);
      assert.deepEqual({ verdict: decision.verdict, reason: decision.reason, rule: decision.rule }, { verdict: row.verdict, reason: row.reason, rule: row.rule });
      assert.ok(decision.detail.length > 10, 'every decision explains itself');
    });
  }

  it('names the port to allow when it is not the default one', () => {
    assert.match(decide(policy, 'web.fetch', 'https://unknown.example/').detail, /airlock firewall allow unknown\.example\)/);
    assert.match(decide(policy, 'web.fetch', 'https://docs.example:4443/').detail, /airlock firewall allow docs\.example:4443\)/);
  });

  it('takes the policy as it is now: a new policy object is compiled afresh', () => {
    const before = testPolicy({ allow: ['docs.example'] });
    assert.equal(decide(before, 'web.fetch', 'https://docs.example/').verdict, 'allow');
    const after = testPolicy({ allow: [], block: ['docs.example'] });
    assert.equal(decide(after, 'web.fetch', 'https://docs.example/').reason, 'blocked-by-rule');
  });

  describe('decideAddress: the answers a name resolved to', () => {
    const target = { scheme: 'https', host: 'docs.example', port: 443 } as const;
    const cases: { name: string; tool?: string; address: string; target?: { scheme: 'http' | 'https'; host: string; port: number }; verdict: EgressVerdict; reason: EgressReason }[] = [
      { name: 'a public address', address: '93.184.215.14', verdict: 'allow', reason: 'public-address' },
      { name: 'NAT64 of a public address (DNS64 networks)', address: '64:ff9b::5db8:d70e', verdict: 'allow', reason: 'public-address' },
      { name: 'a blocked address', address: '198.51.100.9', verdict: 'deny', reason: 'blocked-by-rule' },
      { name: 'a private address', address: '10.0.0.1', verdict: 'deny', reason: 'private-address' },
      { name: 'a private address a per-tool rule names (port matches)', address: '10.20.30.40', target: { scheme: 'http', host: 'intranet.example', port: 8080 }, verdict: 'allow', reason: 'address-named-by-rule' },
      { name: 'an address a portless rule names, on the default https port', address: '203.0.113.7', target: { scheme: 'https', host: '203.0.113.7', port: 443 }, verdict: 'allow', reason: 'address-named-by-rule' },
      { name: 'an address a portless rule names, on another port', address: '203.0.113.7', target: { scheme: 'https', host: '203.0.113.7', port: 8443 }, verdict: 'deny', reason: 'reserved-address' },
      { name: 'the same, other port', address: '10.20.30.40', target: { scheme: 'http', host: 'intranet.example', port: 9090 }, verdict: 'deny', reason: 'private-address' },
      { name: 'model, loopback endpoint answering loopback', tool: MODEL_TOOL, address: '::1', target: { scheme: 'http', host: 'localhost', port: 11434 }, verdict: 'allow', reason: 'model-endpoint' },
      { name: 'model, loopback endpoint answering a LAN address', tool: MODEL_TOOL, address: '192.168.1.5', target: { scheme: 'http', host: 'localhost', port: 11434 }, verdict: 'deny', reason: 'address-not-loopback' },
      { name: 'model, remote API answering a private address', tool: MODEL_TOOL, address: '10.0.0.9', target: { scheme: 'https', host: 'api.example.ai', port: 443 }, verdict: 'deny', reason: 'private-address' },
      { name: 'model, remote API answering public', tool: MODEL_TOOL, address: '93.184.215.14', target: { scheme: 'https', host: 'api.example.ai', port: 443 }, verdict: 'allow', reason: 'public-address' },
    ];
    for (const c of cases) {
      it(`${c.name} → ${c.reason}`, () => {
        const decision = decideAddress(policy, c.tool ?? 'web.fetch', c.address, c.target ?? target);
        assert.deepEqual({ verdict: decision.verdict, reason: decision.reason }, { verdict: c.verdict, reason: c.reason });
      });
    }
  });
});
