import assert from 'node:assert/strict';
import { addressForms, classifyAddress, sameAddress, type AddressClass } from '../../../../src/core/egress/addressClass';

describe('core/egress/addressClass: what an address is, boundaries included', () => {
  const rows: [string, string, AddressClass, string?][] = [
    ['public', '93.184.215.14', 'public'],
    ['just below 10/8', '9.255.255.255', 'public'],
    ['first of 10/8', '10.0.0.0', 'private'],
    ['last of 10/8', '10.255.255.255', 'private'],
    ['just after 10/8', '11.0.0.0', 'public'],
    ['just below 172.16/12', '172.15.255.255', 'public'],
    ['first of 172.16/12', '172.16.0.0', 'private'],
    ['last of 172.16/12', '172.31.255.255', 'private'],
    ['just after 172.16/12', '172.32.0.0', 'public'],
    ['192.168/16', '192.168.255.255', 'private'],
    ['just outside 192.168/16', '192.169.0.0', 'public'],
    ['just below the CGNAT range', '100.63.255.255', 'public'],
    ['first of CGNAT 100.64/10', '100.64.0.0', 'carrier-grade-nat'],
    ['last of CGNAT', '100.127.255.255', 'carrier-grade-nat'],
    ['just after CGNAT', '100.128.0.0', 'public'],
    ['loopback 127/8', '127.255.255.254', 'loopback'],
    ['0/8 is "this network"', '0.255.255.255', 'unspecified'],
    ['link-local', '169.254.0.1', 'link-local'],
    ['metadata', '169.254.169.254', 'metadata'],
    ['Alibaba metadata inside CGNAT', '100.100.100.200', 'metadata'],
    ['Azure WireServer, a public address', '168.63.129.16', 'metadata'],
    ['multicast', '239.255.255.255', 'multicast'],
    ['reserved 240/4', '254.0.0.1', 'reserved'],
    ['broadcast', '255.255.255.255', 'broadcast'],
    ['benchmarking 198.18/15', '198.19.0.1', 'reserved'],
    ['IPv6 global unicast', '2606:2800:220:1:248:1893:25c8:1946', 'public'],
    ['IPv6 loopback', '::1', 'loopback'],
    ['IPv6 unspecified', '::', 'unspecified'],
    ['IPv4-mapped private', '::ffff:192.168.0.1', 'private'],
    ['NAT64 of loopback', '64:ff9b::127.0.0.1', 'loopback', '127.0.0.1'],
    ['NAT64 of a public address', '64:ff9b::93.184.215.14', 'public', '93.184.215.14'],
    ['local-use NAT64 64:ff9b:1::/48 (not unwrapped)', '64:ff9b:1::a00:1', 'reserved'],
    ['6to4 of private', '2002:c0a8:1::1', 'private', '192.168.0.1'],
    ['Teredo, server public, client loopback', '2001:0:4136:e378:8000:63bf:80ff:fffe', 'loopback', '127.0.0.1'],
    ['IPv4-compatible (deprecated), dotted: unwrapped like a mapped one', '::10.0.0.1', 'private'],
    ['IPv4-compatible (deprecated), hex', '::a00:1', 'private', '10.0.0.1'],
    ['ULA', 'fdff:ffff::1', 'unique-local'],
    ['IPv6 link-local', 'fe80::abcd', 'link-local'],
    ['IPv6 multicast', 'ff05::2', 'multicast'],
    ['discard-only 100::/64', '100::1', 'reserved'],
    ['outside 2000::/3', '4000::1', 'reserved'],
    ['not an address', 'example.com', 'reserved'],
    ['a zone index is not accepted', 'fe80::1%eth0', 'reserved'],
  ];
  for (const [name, address, expected, embedded] of rows) {
    it(`${name}: ${address} → ${expected}`, () => {
      const classified = classifyAddress(address);
      assert.equal(classified.class, expected);
      if (embedded !== undefined) assert.equal(classified.embedded, embedded);
    });
  }

  it('sameAddress compares spellings, addressForms lists embedded IPv4', () => {
    assert.ok(sameAddress('::ffff:127.0.0.1', '127.0.0.1'));
    assert.ok(sameAddress('2001:DB8:0::1', '2001:db8::1'));
    assert.ok(!sameAddress('127.0.0.1', '127.0.0.2'));
    assert.ok(!sameAddress('localhost', 'localhost'));
    assert.deepEqual(addressForms('2001:0:4136:e378:8000:63bf:80ff:fffe'), ['2001:0:4136:e378:8000:63bf:80ff:fffe', '127.0.0.1', '65.54.227.120']);
    assert.deepEqual(addressForms('::ffff:10.0.0.1'), ['10.0.0.1']);
  });
});
