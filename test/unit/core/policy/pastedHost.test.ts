import assert from 'node:assert/strict';
import { hostFromPasted } from '../../../../src/core/policy/pastedHost';

describe('core/policy/pastedHost: a pasted URL gives its host', () => {
  const rows: [string, string, string][] = [
    ['a page URL', 'https://docs.example.com/guide/install?x=1#top', 'docs.example.com'],
    ['the default port is not a rule of its own', 'https://docs.example.com:443/', 'docs.example.com'],
    ['another port is kept, so the rule covers only it', 'http://docs.example.com:8080/a', 'docs.example.com:8080'],
    ['credentials in the URL are dropped, never written to the policy', 'https://me:hunter2@api.example.com/v1', 'api.example.com'],
    ['upper case in the scheme and host', 'HTTPS://Docs.Example.COM/', 'docs.example.com'],
    ['surrounding spaces from a copy', '  https://pypi.org/simple/  ', 'pypi.org'],
    ['a host is returned as it is', 'docs.example.com', 'docs.example.com'],
    ['a wildcard is returned as it is', '*.example.com', '*.example.com'],
    ['another scheme is left for the parser to refuse', 'ftp://example.com/pub', 'ftp://example.com/pub'],
    ['a broken URL is left for the parser to refuse', 'https://', 'https://'],
  ];
  for (const [name, input, expected] of rows) it(name, () => assert.equal(hostFromPasted(input), expected));
});
