import assert from 'node:assert/strict';
import { toOutgoingRequest } from '../../../../src/core/egress/outgoingRequest';

describe('core/egress/outgoingRequest: fetch arguments as SafeFetch sends them', () => {
  it('drops headers that would route or frame the request, keeps the rest', async () => {
    const request = await toOutgoingRequest('https://x.example/', { headers: { Host: 'evil.example', Connection: 'close', 'Proxy-Authorization': 'Basic x', 'Transfer-Encoding': 'chunked', 'X-Ok': '1', Authorization: 'Bearer t' } });
    assert.deepEqual(request.headers, { 'x-ok': '1', authorization: 'Bearer t' });
  });

  it('buffers string, binary and form bodies, with their content types', async () => {
    const text = await toOutgoingRequest('https://x.example/', { method: 'post', body: 'hello' });
    assert.equal(text.method, 'POST');
    assert.equal(text.body?.toString(), 'hello');
    assert.equal(text.headers['content-type'], 'text/plain;charset=UTF-8');
    const form = await toOutgoingRequest('https://x.example/', { method: 'POST', body: new URLSearchParams({ a: '1' }) });
    assert.equal(form.body?.toString(), 'a=1');
    assert.match(form.headers['content-type'] ?? '', /application\/x-www-form-urlencoded/);
    const bytes = await toOutgoingRequest('https://x.example/', { method: 'PUT', body: new Uint8Array([1, 2, 3]) });
    assert.deepEqual([...(bytes.body ?? [])], [1, 2, 3]);
  });

  it('reads a Request object, letting init override it', async () => {
    const request = new Request('https://x.example/p', { method: 'POST', body: 'b', headers: { 'x-a': '1' }, redirect: 'manual' });
    const outgoing = await toOutgoingRequest(request, { headers: { 'x-b': '2' } });
    assert.equal(outgoing.url, 'https://x.example/p');
    assert.equal(outgoing.body?.toString(), 'b');
    assert.equal(outgoing.redirect, 'manual');
    assert.equal(outgoing.headers['x-a'], '1');
    assert.equal(outgoing.headers['x-b'], '2');
  });

  it('refuses a body on GET, like fetch', async () => {
    await assert.rejects(toOutgoingRequest('https://x.example/', { body: 'x' }), TypeError);
  });
});
