import assert from 'node:assert/strict';
import { proxyFor, proxySettingsFromEnv } from '../../../../src/core/egress/proxyRoute';

describe('core/egress/proxyRoute: HTTP(S)_PROXY and NO_PROXY', () => {
  const env = { HTTP_PROXY: 'http://proxy.corp:3128', HTTPS_PROXY: 'proxy.corp:3129', NO_PROXY: 'internal.corp, .svc.local,*.wild.example,[::1]:8080,10.0.0.5,localhost:3000' };
  const settings = proxySettingsFromEnv(env);
  const rows: [string, string, string | undefined][] = [
    ['http through HTTP_PROXY', 'http://example.com/', 'http://proxy.corp:3128/'],
    ['https through HTTPS_PROXY (scheme added)', 'https://example.com/', 'http://proxy.corp:3129/'],
    ['NO_PROXY exact host', 'https://internal.corp/', undefined],
    ['NO_PROXY entry covers subdomains', 'https://a.internal.corp/', undefined],
    ['leading-dot entry covers the apex', 'https://svc.local/', undefined],
    ['*. entry covers subdomains only', 'https://wild.example/', 'http://proxy.corp:3129/'],
    ['*. entry, subdomain', 'https://x.wild.example/', undefined],
    ['IPv6 with port', 'http://[::1]:8080/', undefined],
    ['IPv6, other port', 'http://[::1]:8081/', 'http://proxy.corp:3128/'],
    ['IP literal', 'http://10.0.0.5/', undefined],
    ['host:port entry, other port', 'http://localhost:3001/', 'http://proxy.corp:3128/'],
    ['trailing dot', 'https://internal.corp./', undefined],
    ['suffix without a dot is not a subdomain', 'https://evilinternal.corp/', 'http://proxy.corp:3129/'],
  ];
  for (const [name, url, proxy] of rows) {
    it(`${name}: ${url}`, () => assert.equal(proxyFor(settings, new URL(url))?.href, proxy));
  }

  it('lower-case variables win; HTTPS falls back to HTTP_PROXY; "*" bypasses all; nonsense is ignored', () => {
    assert.equal(proxyFor(proxySettingsFromEnv({ http_proxy: 'http://lower:1', HTTP_PROXY: 'http://upper:2' }), new URL('http://x/'))?.host, 'lower:1');
    assert.equal(proxyFor(proxySettingsFromEnv({ HTTP_PROXY: 'http://only-http:1' }), new URL('https://x/'))?.host, 'only-http:1');
    assert.equal(proxyFor(proxySettingsFromEnv({ HTTP_PROXY: 'http://p:1', NO_PROXY: '*' }), new URL('http://x/')), undefined);
    assert.equal(proxyFor(proxySettingsFromEnv({ HTTP_PROXY: 'socks5://p:1' }), new URL('http://x/')), undefined);
    assert.equal(proxyFor(proxySettingsFromEnv({}), new URL('http://x/')), undefined);
  });
});
