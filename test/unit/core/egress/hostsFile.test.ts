import assert from 'node:assert/strict';
import { hostsFileResolver, parseHostsFile } from '../../../../src/core/egress/hostsFile';

describe('core/egress/hostsFile: an /etc/hosts-format resolver that never uses DNS', () => {
  const text = [
    '# comment line',
    '127.0.0.1   localhost loopback.test',
    '::1         localhost ip6-localhost',
    '10.0.0.5    Intranet.Example   # trailing comment',
    '10.0.0.6    intranet.example',
    'not-an-ip   broken.example',
    '',
  ].join('\n');

  it('maps names to addresses in file order, case-insensitively', () => {
    const table = parseHostsFile(text);
    assert.deepEqual(table.get('localhost'), ['127.0.0.1', '::1']);
    assert.deepEqual(table.get('intranet.example'), ['10.0.0.5', '10.0.0.6']);
    assert.equal(table.has('broken.example'), false);
  });

  it('resolves listed names (trailing dot ignored) and fails the rest', async () => {
    const resolve = hostsFileResolver(text);
    assert.deepEqual(await resolve('INTRANET.example.'), ['10.0.0.5', '10.0.0.6']);
    await assert.rejects(resolve('example.com'), /not in the hosts file/);
  });
});
