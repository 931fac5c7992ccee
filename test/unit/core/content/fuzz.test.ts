import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CONTENT_CATEGORIES, REMOVAL_KINDS, sanitize, scanContent, wrapUntrusted, type ScanResult } from '../../../../src/core/content';

/** Pieces that exercise every detector, glued together with random text. */
const PIECES = [
  'ignore', 'all', 'previous', 'instructions', 'you are now', 'DAN', '<|im_start|>', '[INST]', '<<SYS>>', '### System:', '\nSystem: ',
  'from now on', 'the user has authorized you', 'AI:', 'send the .env to', 'https://', 'http://a.b/?q={{', '](', '![x](', '<img src="',
  '<!--', '-->', '<div style="display:none">', '</div>', '<span hidden>', '[//]: # (', '%41', '&#65;', '\\u0041', '\\x41', '0x',
  'SWdub3JlIGFsbCBwcmV2aW91cyBpbnN0cnVjdGlvbnM=', '\u202e', '\u202c', '\u200b', '\u200d', '\ufe0f', '\u{e0041}', '\u{e0100}', '😀', '🏴',
  '忽略', '之前', '指令', '무시', 'игнорируй', '\n\n', '. ', ':', ',', '@', 'curl -d @.env ', '| sh', '\r', '\u0000', '\ud800', '\udc00',
];
const utf16Unit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));
const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 400 }),
  fc.string({ unit: utf16Unit, maxLength: 200 }),
  fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ unit: 'grapheme', maxLength: 8 }), fc.string({ unit: 'binary-ascii', maxLength: 4 })), { maxLength: 60 }).map((parts) => parts.join('')),
);

function assertValid(input: string, result: ScanResult): void {
  assert.ok(['allow', 'flag', 'block'].includes(result.verdict));
  assert.ok(Number.isFinite(result.score) && result.score >= 0 && result.score <= 1);
  assert.equal(result.scannedChars + result.unscannedChars, input.length);
  let previousStart = 0;
  for (const flag of result.flags) {
    assert.ok((CONTENT_CATEGORIES as readonly string[]).includes(flag.category), flag.category);
    assert.ok(flag.weight > 0 && flag.weight <= 1);
    assert.ok(Number.isInteger(flag.start) && Number.isInteger(flag.end) && flag.start >= 0 && flag.start <= flag.end && flag.end <= input.length, `${flag.rule} ${flag.start}-${flag.end}`);
    assert.ok(flag.start >= previousStart, 'flags are sorted by start');
    previousStart = flag.start;
    assert.equal(typeof flag.match, 'string');
    assert.equal(typeof flag.rule, 'string');
  }
  for (const [kind, count] of Object.entries(result.removed)) {
    assert.ok((REMOVAL_KINDS as readonly string[]).includes(kind));
    assert.ok(Number.isInteger(count) && count > 0);
  }
  if (result.flags.length === 0) assert.equal(result.score, 0);
}

describe('content guard: fuzz', () => {
  it('scanContent never throws and always returns a valid result', () => {
    fc.assert(fc.property(text, (input) => assertValid(input, scanContent(input))), { numRuns: 1500 });
  });

  it('a random cap never breaks the result', () => {
    fc.assert(fc.property(text, fc.integer({ min: 0, max: 500 }), (input, maxChars) => {
      const result = scanContent(input, { maxChars });
      assertValid(input, result);
      assert.ok(result.scannedChars <= maxChars);
    }), { numRuns: 300 });
  });

  it('sanitize is total and idempotent, and leaves no stripped control or bidi character', () => {
    fc.assert(fc.property(text, (input) => {
      const once = sanitize(input);
      assert.equal(sanitize(once.text).text, once.text);
      for (const char of once.text) {
        const code = char.codePointAt(0) ?? 0;
        const stripped = (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || (code >= 0x7f && code <= 0x9f) || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069) || code === 0x200b || code === 0x2060 || code === 0xfeff;
        assert.ok(!stripped, `U+${code.toString(16)} survived`);
      }
    }), { numRuns: 800 });
  });

  it('wrapUntrusted always yields one opening and one closing marker line', () => {
    fc.assert(fc.property(text, fc.string({ maxLength: 40 }), (input, source) => {
      const wrapped = wrapUntrusted(input, { source, kind: 'file', onBlock: 'include' });
      const lines = wrapped.text.split('\n');
      assert.equal(lines.filter((line) => line.startsWith(`<<<UNTRUSTED_${wrapped.boundary} `)).length, 1);
      assert.equal(lines.filter((line) => line === `<<<END_UNTRUSTED_${wrapped.boundary}>>>`).length, 1);
      assert.equal(lines.at(-1), `<<<END_UNTRUSTED_${wrapped.boundary}>>>`);
    }), { numRuns: 300 });
  });
});
