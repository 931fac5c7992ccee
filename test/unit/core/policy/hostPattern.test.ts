import assert from 'node:assert/strict';
import { formatHostPattern, hostMatches, parseHostPattern } from '../../../../src/core/policy/hostPattern';

describe('host patterns', () => {
  const valid: readonly [string, string][] = [
    ['Example.COM', 'example.com'],
    ['*.example.com', '*.example.com'],
    ['api.example.com:8443', 'api.example.com:8443'],
    ['93.184.215.14', '93.184.215.14'],
    ['[2001:DB8::1]:443', '[2001:db8::1]:443'],
    ['xn--bcher-kva.example', 'xn--bcher-kva.example'],
  ];
  for (const [raw, canonical] of valid) {
    it(`accepts ${raw} as ${canonical}`, () => {
      const parsed = parseHostPattern(raw);
      assert.ok(parsed.ok, parsed.ok ? '' : parsed.error);
      assert.equal(formatHostPattern(parsed.pattern), canonical);
    });
  }

  const invalid: readonly [string, string, RegExp][] = [
    ['allow everything', '*', /would allow every host/],
    ['a whole top-level domain', '*.com', /too broad/],
    ['a wildcard inside a label', 'api*.example.com', /whole first label/],
    ['a scheme', 'https://example.com', /not a host pattern/],
    ['credentials', 'user@example.com', /not a host pattern/],
    ['a path', 'example.com/x', /not a host pattern/],
    ['a port out of range', 'example.com:70000', /out of range/],
    ['an unbracketed IPv6 literal', '2001:db8::1', /brackets/],
    ['an unbracketed IPv6 literal that ends like a port', 'fe80::1', /brackets/],
    ['a short IPv4 form (127.1 is 127.0.0.1)', '127.1', /short or hex form/],
    ['a single number (an IPv4 address to URL parsers)', '2130706433:80', /short or hex form/],
    ['a hex IPv4 form', '0x7f.1', /short or hex form/],
    ['a non-ASCII name (punycode required)', 'bücher.example', /punycode/],
    ['empty', ' ', /must not be empty/],
  ];
  for (const [name, raw, error] of invalid) {
    it(`refuses ${name} (${raw})`, () => {
      const parsed = parseHostPattern(raw);
      assert.ok(!parsed.ok);
      assert.match(parsed.error, error);
    });
  }

  it('matches by name, wildcard suffix (not the bare domain) and port', () => {
    const pattern = (text: string) => {
      const parsed = parseHostPattern(text);
      return parsed.ok ? parsed.pattern : assert.fail(text);
    };
    assert.ok(hostMatches(pattern('example.com'), 'example.com', 443));
    assert.ok(!hostMatches(pattern('example.com'), 'api.example.com', 443));
    assert.ok(hostMatches(pattern('*.example.com'), 'a.b.example.com', 443));
    assert.ok(!hostMatches(pattern('*.example.com'), 'example.com', 443));
    assert.ok(!hostMatches(pattern('*.example.com'), 'evilexample.com', 443));
    assert.ok(hostMatches(pattern('example.com:8443'), 'example.com', 8443));
    assert.ok(!hostMatches(pattern('example.com:8443'), 'example.com', 443));
  });
});
