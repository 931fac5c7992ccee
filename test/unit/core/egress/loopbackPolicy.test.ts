import assert from 'node:assert/strict';
import { decide, decideAddress, MODEL_TOOL } from '../../../../src/core/egress/decide';
import { isLoopbackAddress, loopbackOnlyPolicy } from '../../../../src/core/egress/loopbackPolicy';

// The fallback policy for the model client: decide() for the `model` tool with loopback endpoints only.
describe('core/egress/loopbackPolicy', () => {
  const policy = loopbackOnlyPolicy();

  describe('decide(model): only this machine, judged by the host the request would really reach', () => {
    const rows: { trick: string; url: string; verdict: 'allow' | 'deny'; reason: string }[] = [
      { trick: 'plain IPv4 loopback', url: 'http://127.0.0.1:11434/v1', verdict: 'allow', reason: 'model-endpoint' },
      { trick: 'loopback but not listed in model.endpoints (only 127.0.0.1, [::1], localhost are)', url: 'http://127.8.9.10/v1', verdict: 'deny', reason: 'model-endpoint-not-listed' },
      { trick: 'a *.localhost name is not listed either', url: 'http://model.localhost:1234/v1', verdict: 'deny', reason: 'model-endpoint-not-listed' },
      { trick: 'IPv6 loopback', url: 'http://[::1]:8080/v1', verdict: 'allow', reason: 'model-endpoint' },
      { trick: 'localhost name', url: 'http://localhost:1234/v1', verdict: 'allow', reason: 'model-endpoint' },
      { trick: 'localhost in capitals (WHATWG lowercases)', url: 'http://LOCALHOST:1234/v1', verdict: 'allow', reason: 'model-endpoint' },
      { trick: 'decimal IPv4 form of 127.0.0.1', url: 'http://2130706433/v1', verdict: 'allow', reason: 'model-endpoint' },
      { trick: 'short IPv4 form 127.1', url: 'http://127.1/v1', verdict: 'allow', reason: 'model-endpoint' },
      { trick: 'hex IPv4 form of 127.0.0.1', url: 'http://0x7f000001/v1', verdict: 'allow', reason: 'model-endpoint' },
      { trick: 'IPv4-mapped IPv6 loopback', url: 'http://[::ffff:127.0.0.1]/v1', verdict: 'allow', reason: 'model-endpoint' },
      { trick: 'remote API by name (never looked up)', url: 'https://api.openai.com/v1', verdict: 'deny', reason: 'model-endpoint-not-listed' },
      { trick: 'userinfo makes the real host b.example', url: 'http://127.0.0.1@b.example/v1', verdict: 'deny', reason: 'credentials-in-url' },
      { trick: 'credentials on a loopback URL', url: 'http://user:pw@127.0.0.1/v1', verdict: 'deny', reason: 'credentials-in-url' },
      { trick: 'trailing dot on localhost (same host)', url: 'http://localhost.:1234/v1', verdict: 'allow', reason: 'model-endpoint' },
      { trick: 'name that starts like localhost', url: 'http://localhost.evil.example/v1', verdict: 'deny', reason: 'model-endpoint-not-listed' },
      { trick: 'name that ends like localhost without a dot', url: 'http://evillocalhost/v1', verdict: 'deny', reason: 'model-endpoint-not-listed' },
      { trick: 'private LAN address', url: 'http://192.168.1.10:11434/v1', verdict: 'deny', reason: 'model-endpoint-not-listed' },
      { trick: 'cloud metadata address', url: 'http://169.254.169.254/latest', verdict: 'deny', reason: 'model-endpoint-not-listed' },
      { trick: 'unspecified address 0.0.0.0', url: 'http://0.0.0.0:11434/v1', verdict: 'deny', reason: 'model-endpoint-not-listed' },
      { trick: 'IPv4-mapped IPv6 of a public address', url: 'http://[::ffff:8.8.8.8]/v1', verdict: 'deny', reason: 'model-endpoint-not-listed' },
      { trick: 'file scheme', url: 'file:///etc/passwd', verdict: 'deny', reason: 'scheme-not-allowed' },
      { trick: 'websocket scheme', url: 'ws://127.0.0.1/v1', verdict: 'deny', reason: 'scheme-not-allowed' },
    ];
    for (const row of rows) {
      it(`${row.verdict === 'allow' ? 'allows' : 'denies'} ${row.trick}: ${row.url}`, () => {
        const decision = decide(policy, MODEL_TOOL, new URL(row.url));
        assert.equal(decision.verdict, row.verdict, decision.detail);
        assert.equal(decision.reason, row.reason);
        assert.ok(decision.detail.length > 0);
      });
    }
  });

  describe('decideAddress(model): every resolved answer of a loopback name must be loopback', () => {
    const rows: { trick: string; address: string; loopback: boolean }[] = [
      { trick: 'IPv4 loopback', address: '127.0.0.1', loopback: true },
      { trick: 'IPv6 loopback', address: '::1', loopback: true },
      { trick: 'IPv4-mapped loopback', address: '::ffff:127.0.0.1', loopback: true },
      { trick: 'rebinding to a LAN address', address: '10.0.0.5', loopback: false },
      { trick: 'rebinding to metadata', address: '169.254.169.254', loopback: false },
      { trick: 'unspecified (reaches local services on some systems)', address: '0.0.0.0', loopback: false },
      { trick: 'IPv6 unspecified', address: '::', loopback: false },
      { trick: 'IPv4-mapped public address', address: '::ffff:8.8.8.8', loopback: false },
      { trick: 'not an address at all', address: 'localhost', loopback: false },
    ];
    for (const row of rows) {
      it(`${row.loopback ? 'allows' : 'denies'} ${row.trick} (${row.address})`, () => {
        assert.equal(isLoopbackAddress(row.address), row.loopback);
        const decision = decideAddress(policy, MODEL_TOOL, row.address, { scheme: 'http', host: 'model.localhost', port: 11434 });
        assert.equal(decision.verdict, row.loopback ? 'allow' : 'deny');
        if (!row.loopback) assert.equal(decision.reason, 'address-not-loopback');
      });
    }
  });
});
