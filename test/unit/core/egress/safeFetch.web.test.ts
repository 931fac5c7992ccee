import assert from 'node:assert/strict';
import { createSafeFetch, type SafeFetch } from '../../../../src/core/egress/safeFetch';
import type { PolicyPack } from '../../../../src/core/policy/policySchema';
import { blocked, memoryAudit, recordingOpener, startServer, tableResolver, testPolicy, type LoopbackServer } from './egressTestKit';

// web.fetch against real loopback servers. Loopback is forbidden to web tools, so each test's
// policy names the server's exact address and port (the only way to open a special address).
describe('core/egress/safeFetch for web tools (real loopback servers)', () => {
  let a: LoopbackServer;
  let b: LoopbackServer;
  let forbidden: LoopbackServer;
  const fetches: SafeFetch[] = [];

  before(async () => {
    forbidden = await startServer((_request, response) => response.end('you should not see this'));
    b = await startServer((request, response) => {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ url: request.url, method: request.method, headers: request.headers }));
    });
    a = await startServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://x');
      const to = url.searchParams.get('to');
      if (url.pathname === '/hello') response.end('hello from a');
      else if (url.pathname === '/echo') response.end(JSON.stringify({ method: request.method, headers: request.headers }));
      else if (url.pathname === '/redirect' && to !== null) response.writeHead(Number(url.searchParams.get('status') ?? 302), { location: to }).end();
      else if (url.pathname === '/loop') response.writeHead(302, { location: `/loop?n=${Number(url.searchParams.get('n') ?? 0) + 1}` }).end();
      else response.writeHead(404).end('not found');
    });
  });
  after(async () => {
    await Promise.all(fetches.map((f) => f.close()));
    await Promise.all([a.close(), b.close(), forbidden.close()]);
  });

  function guarded(policy: PolicyPack | (() => PolicyPack), extra: Partial<Parameters<typeof createSafeFetch>[0]> = {}): { safeFetch: SafeFetch; attempts: string[] } {
    const opener = recordingOpener();
    const safeFetch = createSafeFetch({ tool: 'web.fetch', policy: typeof policy === 'function' ? policy : () => policy, openSocket: opener.openSocket, env: {}, ...extra });
    fetches.push(safeFetch);
    return { safeFetch, attempts: opener.attempts };
  }

  const both = (): string[] => [`127.0.0.1:${a.port}`, `127.0.0.1:${b.port}`];

  it('fetches an allowed URL and reports the final URL', async () => {
    const { safeFetch, attempts } = guarded(testPolicy({ allow: both() }));
    const response = await safeFetch(`${a.origin}/hello#fragment`);
    assert.equal(response.status, 200);
    assert.equal(await response.text(), 'hello from a');
    assert.equal(response.url, `${a.origin}/hello`);
    assert.equal(response.redirected, false);
    assert.deepEqual(attempts, ['127.0.0.1']);
  });

  it('refuses the same server when no rule names its port', async () => {
    const { safeFetch, attempts } = guarded(testPolicy({ allow: ['127.0.0.1:1'] }));
    const error = await blocked(safeFetch(`${a.origin}/hello`));
    assert.equal(error.reason, 'loopback-address');
    assert.deepEqual(attempts, []);
  });

  it('follows an allowed redirect, re-deciding the hop, and says it was redirected', async () => {
    const { safeFetch } = guarded(testPolicy({ allow: both() }));
    const response = await safeFetch(`${a.origin}/redirect?to=${encodeURIComponent(`${b.origin}/landed`)}`);
    assert.equal(response.redirected, true);
    assert.equal(response.url, `${b.origin}/landed`);
    assert.equal((await response.json() as { url: string }).url, '/landed');
  });

  const forbiddenHops: { name: string; to: () => string; reason: string }[] = [
    { name: 'a loopback port no rule names', to: () => `${forbidden.origin}/`, reason: 'loopback-address' },
    { name: 'the metadata address', to: () => 'http://169.254.169.254/latest/meta-data/iam', reason: 'blocked-by-rule' },
    { name: 'metadata in its mapped IPv6 form', to: () => 'http://[::ffff:a9fe:a9fe]/', reason: 'blocked-by-rule' },
    { name: 'a private address in decimal', to: () => 'http://167772161/', reason: 'private-address' },
    { name: 'a file: URL', to: () => 'file:///etc/passwd', reason: 'scheme-not-allowed' },
    { name: 'a URL with credentials', to: () => `http://user:pw@127.0.0.1:${b.port}/`, reason: 'credentials-in-url' },
    { name: 'a host no rule allows', to: () => 'https://evil.example/', reason: 'no-rule-matched' },
  ];
  for (const hop of forbiddenHops) {
    it(`refuses a redirect chain into ${hop.name}, before connecting`, async () => {
      const audit = memoryAudit();
      const { safeFetch, attempts } = guarded(testPolicy({ allow: both(), block: ['169.254.169.254'] }), { audit });
      const second = `${a.origin}/redirect?to=${encodeURIComponent(hop.to())}`;
      const before = forbidden.hits.length;
      const error = await blocked(safeFetch(`${a.origin}/redirect?to=${encodeURIComponent(second)}`));
      assert.equal(error.reason, hop.reason, error.message);
      assert.equal(forbidden.hits.length, before, 'the forbidden server saw nothing');
      assert.ok(attempts.every((address) => address === '127.0.0.1'), `only the allowed server was dialled: ${attempts.join(', ')}`);
      const events = audit.events.map((event) => `${event.action}:${event.reason ?? ''}`);
      assert.deepEqual(events, ['egress.allow:allowed-by-rule', 'egress.allow:allowed-by-rule', `egress.block:${hop.reason}`]);
      assert.doesNotMatch(JSON.stringify(audit.events), /user:pw/);
    });
  }

  it('stops after limits.maxRedirects hops', async () => {
    const { safeFetch } = guarded(testPolicy({ allow: both(), limits: { maxRedirects: 3 } }));
    const error = await blocked(safeFetch(`${a.origin}/loop`));
    assert.equal(error.reason, 'too-many-redirects');
    assert.equal(a.hits.filter((hit) => hit.url.startsWith('/loop')).slice(-4).length, 4, 'the first request and 3 redirects');
  });

  it('drops Authorization, Cookie and Proxy-Authorization on a cross-origin redirect, keeps other headers', async () => {
    const { safeFetch } = guarded(testPolicy({ allow: both() }));
    const response = await safeFetch(`${a.origin}/redirect?to=${encodeURIComponent(`${b.origin}/echo`)}`, {
      headers: { authorization: 'Bearer secret-token', cookie: 'session=abc', 'proxy-authorization': 'Basic x', 'x-keep': 'yes' },
    });
    const { headers } = await response.json() as { headers: Record<string, string> };
    assert.equal(headers.authorization, undefined);
    assert.equal(headers.cookie, undefined);
    assert.equal(headers['proxy-authorization'], undefined);
    assert.equal(headers['x-keep'], 'yes');
  });

  it('keeps Authorization on a same-origin redirect', async () => {
    const { safeFetch } = guarded(testPolicy({ allow: both() }));
    const response = await safeFetch(`${a.origin}/redirect?to=/echo`, { headers: { authorization: 'Bearer t' } });
    assert.equal((await response.json() as { headers: Record<string, string> }).headers.authorization, 'Bearer t');
  });

  it('turns a POST into a body-less GET on 303, and resends method and body on 307', async () => {
    const { safeFetch } = guarded(testPolicy({ allow: both() }));
    const after303 = await safeFetch(`${a.origin}/redirect?status=303&to=${encodeURIComponent(`${b.origin}/see-other`)}`, { method: 'POST', body: 'payload', headers: { 'content-type': 'text/plain' } });
    const seen303 = await after303.json() as { method: string; headers: Record<string, string> };
    assert.equal(seen303.method, 'GET');
    assert.equal(seen303.headers['content-type'], undefined);
    await safeFetch(`${a.origin}/redirect?status=307&to=${encodeURIComponent(`${b.origin}/temporary`)}`, { method: 'POST', body: 'payload' }).then((r) => r.text());
    const hit = b.hits.at(-1);
    assert.equal(hit?.method, 'POST');
    assert.equal(hit?.body, 'payload');
  });

  it('hands a 3xx back untouched with redirect: "manual", and refuses with redirect: "error"', async () => {
    const { safeFetch } = guarded(testPolicy({ allow: both() }));
    const manual = await safeFetch(`${a.origin}/redirect?to=/hello`, { redirect: 'manual' });
    assert.equal(manual.status, 302);
    assert.equal(manual.headers.get('location'), '/hello');
    assert.equal((await blocked(safeFetch(`${a.origin}/redirect?to=/hello`, { redirect: 'error' }))).reason, 'redirect-refused');
  });

  it('does not let a caller pick the virtual host: a Host header is dropped', async () => {
    const { safeFetch } = guarded(testPolicy({ allow: both() }));
    const response = await safeFetch(`${a.origin}/echo`, { headers: { host: 'internal.corp' } });
    assert.equal((await response.json() as { headers: Record<string, string> }).headers.host, `127.0.0.1:${a.port}`);
  });

  describe('DNS: names are resolved by SafeFetch, every answer checked, the checked address pinned', () => {
    it('connects to the address it checked, and re-checks a new answer on the next connection (rebinding)', async () => {
      // The attacker's DNS answers an allowed address first, a forbidden one after.
      const answers = [['127.0.0.1'], ['127.0.0.2']];
      const calls: string[] = [];
      const resolve = (host: string): Promise<string[]> => {
        calls.push(host);
        return Promise.resolve(answers[Math.min(calls.length - 1, answers.length - 1)] ?? []);
      };
      const policy = testPolicy({ allow: [`rebind.test:${a.port}`, `127.0.0.1:${a.port}`] });
      const first = guarded(policy, { resolve });
      assert.equal(await (await first.safeFetch(`http://rebind.test:${a.port}/hello`)).text(), 'hello from a');
      assert.deepEqual(first.attempts, ['127.0.0.1'], 'dialled the checked address, not the name');
      assert.equal(calls.length, 1, 'one lookup per connection: nothing resolves between check and connect');
      const second = guarded(policy, { resolve });
      const error = await blocked(second.safeFetch(`http://rebind.test:${a.port}/hello`));
      assert.equal(error.reason, 'loopback-address');
      assert.match(error.detail, /rebind\.test resolved to 127\.0\.0\.2/);
      assert.deepEqual(second.attempts, [], 'the second answer was never dialled');
    });

    it('opens fresh, re-checked connections after the policy changes', async () => {
      let policy = testPolicy({ allow: [`named.test:${a.port}`, `127.0.0.1:${a.port}`] });
      const resolver = tableResolver({ 'named.test': ['127.0.0.1'] });
      const { safeFetch } = guarded(() => policy, { resolve: resolver.resolve });
      await (await safeFetch(`http://named.test:${a.port}/hello`)).text();
      policy = testPolicy({ allow: [`named.test:${a.port}`] });
      const error = await blocked(safeFetch(`http://named.test:${a.port}/hello`));
      assert.equal(error.reason, 'loopback-address', 'the address exception went with the rule');
      assert.equal(resolver.calls.length, 2);
    });

    it('tries the next checked address when the first refuses the connection', async () => {
      const closed = await startServer(() => undefined, '127.0.0.3');
      await closed.close();
      const policy = testPolicy({ allow: [`multi.test:${a.port}`, `127.0.0.3:${a.port}`, `127.0.0.1:${a.port}`] });
      const { safeFetch, attempts } = guarded(policy, { resolve: tableResolver({ 'multi.test': ['127.0.0.3', '127.0.0.1'] }).resolve });
      assert.equal(await (await safeFetch(`http://multi.test:${a.port}/hello`)).text(), 'hello from a');
      assert.deepEqual(attempts, ['127.0.0.3', '127.0.0.1']);
    });
  });

  it('audits every decision with the URL redacted (no userinfo, query or fragment)', async () => {
    const audit = memoryAudit();
    const { safeFetch } = guarded(testPolicy({ allow: both() }), { audit });
    await (await safeFetch(`${a.origin}/hello?token=sk-live-123#frag`)).text();
    await blocked(safeFetch('https://evil.example/collect?data=secret-value'));
    assert.deepEqual(audit.events.map((event) => event.target), [`${a.origin}/hello?[redacted]#[redacted]`, 'https://evil.example/collect?[redacted]']);
    assert.equal(audit.events[1]?.decision, 'deny');
    assert.equal(audit.events[1]?.reason, 'no-rule-matched');
    assert.deepEqual(audit.events[1]?.detail?.tool, 'web.fetch');
    assert.doesNotMatch(JSON.stringify(audit.events), /sk-live-123|secret-value|frag/);
  });

  it('puts the decision on the error: code, reason, rule, tool, host and a redacted URL in the message', async () => {
    const { safeFetch } = guarded(testPolicy({ allow: both(), block: ['*.tracker.example'] }));
    const error = await blocked(safeFetch('https://a.tracker.example/p?id=secret'));
    assert.deepEqual({ code: error.code, reason: error.reason, rule: error.rule, tool: error.tool, host: error.host }, { code: 'EGRESS_DENIED', reason: 'blocked-by-rule', rule: '*.tracker.example', tool: 'web.fetch', host: 'a.tracker.example' });
    assert.match(error.message, /https:\/\/a\.tracker\.example\/p\?\[redacted\]/);
    assert.doesNotMatch(error.message, /secret/);
  });
});
