import assert from 'node:assert/strict';
import { isRedirect, nextHop, type Hop } from '../../../../src/core/egress/redirectHop';

describe('core/egress/redirectHop', () => {
  const post: Hop = { url: new URL('https://a.example/form'), method: 'POST', headers: { authorization: 'Bearer t', cookie: 'c=1', 'content-type': 'application/json', 'x-other': 'kept' }, body: Buffer.from('{}') };

  it('knows which statuses redirect', () => {
    assert.deepEqual([300, 301, 302, 303, 304, 307, 308].filter(isRedirect), [301, 302, 303, 307, 308]);
  });

  const rows: { name: string; status: number; location: string; method: string; body: boolean; auth: boolean; url: string }[] = [
    { name: '303 → GET without body, same origin keeps credentials', status: 303, location: '/done', method: 'GET', body: false, auth: true, url: 'https://a.example/done' },
    { name: '302 after POST → GET', status: 302, location: 'https://a.example/x', method: 'GET', body: false, auth: true, url: 'https://a.example/x' },
    { name: '307 keeps method and body', status: 307, location: '/again', method: 'POST', body: true, auth: true, url: 'https://a.example/again' },
    { name: '308 to another host drops credentials', status: 308, location: 'https://b.example/', method: 'POST', body: true, auth: false, url: 'https://b.example/' },
    { name: 'another port is another origin', status: 307, location: 'https://a.example:8443/', method: 'POST', body: true, auth: false, url: 'https://a.example:8443/' },
    { name: 'https → http is another origin', status: 307, location: 'http://a.example/', method: 'POST', body: true, auth: false, url: 'http://a.example/' },
    { name: 'protocol-relative location', status: 301, location: '//c.example/p', method: 'GET', body: false, auth: false, url: 'https://c.example/p' },
  ];
  for (const row of rows) {
    it(row.name, () => {
      const hop = nextHop(post, row.status, row.location);
      assert.ok(hop);
      assert.equal(hop.url.href, row.url);
      assert.equal(hop.method, row.method);
      assert.equal(hop.body !== undefined, row.body);
      assert.equal(hop.headers.authorization !== undefined && hop.headers.cookie !== undefined, row.auth);
      assert.equal(hop.headers['x-other'], 'kept');
      if (!row.body) assert.equal(hop.headers['content-type'], undefined);
    });
  }

  it('cannot follow an unparsable location', () => {
    assert.equal(nextHop(post, 302, 'http://[bad'), undefined);
  });
});
