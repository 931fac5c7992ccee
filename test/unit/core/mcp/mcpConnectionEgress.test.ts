import assert from 'node:assert/strict';
import { decide } from '../../../../src/core/egress/decide';
import { serverEgressPolicy } from '../../../../src/core/mcp/mcpConnectionEgress';
import { policyPackSchema } from '../../../../src/core/policy/policySchema';

const POLICY = policyPackSchema.parse({
  version: 1,
  name: 'test',
  egress: {
    block: ['evil.example'],
    tools: {
      'web.fetch': { allow: ['docs.example'] },
      // Rules written for one tool of a server (`airlock firewall allow --tool mcp.search.web_search …`).
      'mcp.search.web_search': { allow: ['images.search.example'], block: ['tracker.search.example'] },
      'mcp.searcher.web_search': { allow: ['other.example'] },
    },
  },
  mcp: {
    servers: {
      search: { stdio: { command: 'node' }, egress: ['api.search.example', 'tracker.search.example'] },
      searcher: { stdio: { command: 'node' } },
      remote: { http: { url: 'http://127.0.0.1:4567/mcp' } },
      tls: { http: { url: 'https://mcp.example.com/mcp' } },
    },
  },
});

describe('core/mcp/mcpConnectionEgress: what a server may reach, as mcp.<server>', () => {
  const rows: readonly { readonly name: string; readonly server: string; readonly tool: string; readonly url: string; readonly verdict: 'allow' | 'deny' }[] = [
    { name: 'a stdio server reaches its egress host', server: 'search', tool: 'mcp.search', url: 'https://api.search.example/q', verdict: 'allow' },
    { name: 'attack: a stdio server reaches no other host', server: 'search', tool: 'mcp.search', url: 'https://docs.example/', verdict: 'deny' },
    { name: 'attack: another server does not get its hosts', server: 'remote', tool: 'mcp.remote', url: 'https://api.search.example/q', verdict: 'deny' },
    { name: 'an http server reaches its own URL (loopback named exactly, with its port)', server: 'remote', tool: 'mcp.remote', url: 'http://127.0.0.1:4567/mcp', verdict: 'allow' },
    { name: 'attack: an http server on loopback reaches no other port', server: 'remote', tool: 'mcp.remote', url: 'http://127.0.0.1:4568/mcp', verdict: 'deny' },
    { name: 'an https server reaches its host on 443', server: 'tls', tool: 'mcp.tls', url: 'https://mcp.example.com/other', verdict: 'allow' },
    { name: 'a rule written for one of the server\'s tools allows the server (one process, one set of connections)', server: 'search', tool: 'mcp.search', url: 'https://images.search.example/', verdict: 'allow' },
    { name: 'attack: a block written for one of the server\'s tools is not dead: it blocks the server, over its own egress list', server: 'search', tool: 'mcp.search', url: 'https://tracker.search.example/', verdict: 'deny' },
    { name: 'attack: a server whose name starts like another\'s (searcher) does not get its tools\' rules', server: 'search', tool: 'mcp.search', url: 'https://other.example/', verdict: 'deny' },
    { name: 'attack: a redirect to a blocked host is still blocked', server: 'tls', tool: 'mcp.tls', url: 'https://evil.example/', verdict: 'deny' },
  ];
  for (const row of rows) {
    it(row.name, () => {
      assert.equal(decide(serverEgressPolicy(POLICY, row.server), row.tool, row.url).verdict, row.verdict);
    });
  }

  it('leaves other tools as they were, and gives the same object until the policy changes', () => {
    const derived = serverEgressPolicy(POLICY, 'search');
    assert.equal(decide(derived, 'web.fetch', 'https://api.search.example/').verdict, 'deny');
    assert.equal(decide(derived, 'web.fetch', 'https://docs.example/').verdict, 'allow');
    assert.equal(serverEgressPolicy(POLICY, 'search'), derived);
    assert.equal(POLICY.egress.tools['mcp.search'], undefined);
  });

  it('attack: a server name from Object.prototype gets no rules', () => {
    assert.equal(decide(serverEgressPolicy(POLICY, 'constructor'), 'mcp.constructor', 'https://api.search.example/').verdict, 'deny');
  });
});
