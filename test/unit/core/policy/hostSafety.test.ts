import assert from 'node:assert/strict';
import { isLoopbackPattern, patternOf, unsafeEgressReason } from '../../../../src/core/policy/hostSafety';

describe('host safety: what egress rules may name', () => {
  const unsafe: readonly [string, string][] = [
    ['loopback IPv4', '127.0.0.1'],
    ['loopback IPv4, other address in 127/8', '127.1.2.3:8080'],
    ['loopback IPv6', '[::1]'],
    ['IPv4-mapped loopback', '[::ffff:127.0.0.1]'],
    ['private 10/8', '10.0.0.8'],
    ['private 192.168/16', '192.168.1.1'],
    ['link-local metadata address', '169.254.169.254'],
    ['AWS IPv6 metadata address', '[fd00:ec2::254]'],
    ['Alibaba metadata address (CGNAT range)', '100.100.100.200'],
    ['unspecified address', '0.0.0.0'],
    ['NAT64 form of loopback', '[64:ff9b::7f00:1]'],
    ['localhost', 'localhost'],
    ['a *.localhost name', 'app.localhost'],
    ['GCP metadata name', 'metadata.google.internal'],
    ['wildcard covering the GCP metadata name', '*.google.internal'],
  ];
  for (const [name, text] of unsafe) {
    it(`refuses ${name} (${text})`, () => {
      const pattern = patternOf(text);
      assert.ok(pattern, text);
      assert.ok(unsafeEgressReason(pattern) !== undefined);
    });
  }

  const safe: readonly [string, string][] = [
    ['public name', 'docs.python.org'],
    ['public wildcard', '*.github.com'],
    ['public IPv4', '93.184.215.14'],
    ['public IPv6', '[2606:4700::1111]'],
    ['just outside 10/8', '11.0.0.1'],
  ];
  for (const [name, text] of safe) {
    it(`allows ${name} (${text})`, () => {
      const pattern = patternOf(text);
      assert.ok(pattern, text);
      assert.equal(unsafeEgressReason(pattern), undefined);
    });
  }

  it('model endpoints: loopback literals and localhost names only', () => {
    for (const text of ['127.0.0.1', '127.0.0.1:11434', '[::1]', 'localhost:1234', 'ollama.localhost']) assert.ok(isLoopbackPattern(patternOf(text) ?? assert.fail(text)), text);
    for (const text of ['api.openai.com', '10.0.0.1', 'localhost.example.com', '[::2]']) assert.ok(!isLoopbackPattern(patternOf(text) ?? assert.fail(text)), text);
  });
});
