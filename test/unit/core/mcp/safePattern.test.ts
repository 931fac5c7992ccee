import assert from 'node:assert/strict';
import { checkPattern, MIN_TESTED_LENGTH } from '../../../../src/core/mcp/safePattern';

describe('core/mcp/safePattern: a server\'s pattern runs only when its backtracking is bounded', () => {
  const refused: { attack: string; pattern: string; says: RegExp }[] = [
    { attack: 'nested quantifier, the classic (a+)+$', pattern: '(a+)+$', says: /exponential/ },
    { attack: 'overlapping alternatives repeated', pattern: '(a|a)*$', says: /exponential/ },
    { attack: 'alternatives where one is a prefix of the other, repeated', pattern: '(a|ab)*c', says: /exponential/ },
    { attack: 'words and optional spaces repeated (OWASP\'s ReDoS example)', pattern: '^(\\w+\\s?)*$', says: /exponential/ },
    { attack: 'two quantifiers inside a repeated group', pattern: '(x+x+)+y', says: /exponential/ },
    { attack: 'a lazy nested quantifier', pattern: '(a+?)+?$', says: /exponential/ },
    { attack: 'a repeated group with a bounded but large count', pattern: '^(a+){1,100}$', says: /grows too fast/ },
    { attack: 'five adjacent quantifiers (polynomial of degree five)', pattern: '^\\d*\\d*\\d*\\d*\\d*x$', says: /grows too fast/ },
    { attack: 'unanchored and cubic', pattern: '.*a.*b.*c', says: /grows too fast/ },
    { attack: 'a backreference', pattern: '^(a+)\\1$', says: /backreference/ },
    { attack: 'a named backreference', pattern: '^(?<x>a+)\\k<x>$', says: /backreference/ },
    { attack: 'a lookahead holding a quantifier', pattern: '^(?=(a+))a*b$', says: /lookaround/ },
    { attack: 'a lookbehind', pattern: '(?<=a+)b', says: /lookaround/ },
    { attack: 'a pattern too long to read', pattern: 'a'.repeat(1001), says: /longer than 1000/ },
    { attack: 'an unterminated class', pattern: '[a-z', says: /unterminated character class/ },
    { attack: 'a quantifier with nothing before it', pattern: '+a', says: /nothing to apply to/ },
  ];
  for (const row of refused) {
    it(`refuses: ${row.attack}`, () => {
      const check = checkPattern(row.pattern);
      assert.equal(check.ok, false, JSON.stringify(check));
      if (!check.ok) assert.match(check.reason, row.says);
    });
  }

  const allowed: { name: string; pattern: string; maxLength: number | 'any' }[] = [
    { name: 'an identifier', pattern: '^[a-z0-9_-]{1,64}$', maxLength: 'any' },
    { name: 'a date', pattern: '^\\d{4}-\\d{2}-\\d{2}$', maxLength: 'any' },
    { name: 'a scheme prefix', pattern: '^https?://', maxLength: 'any' },
    { name: 'one of three words', pattern: '^(foo|bar|baz)$', maxLength: 'any' },
    { name: 'an IPv4 address (a small repeated group)', pattern: '^(\\d{1,3}\\.){3}\\d{1,3}$', maxLength: 'any' },
    { name: 'Unicode letters', pattern: '^\\p{L}+$', maxLength: 'any' },
    { name: 'anything, anchored', pattern: '^.*$', maxLength: 'any' },
    { name: 'a ticket key (two adjacent quantifiers: quadratic, so bounded)', pattern: '^[A-Z]{2,}-\\d+$', maxLength: 3161 },
    { name: 'an unanchored digit run (tried at every start: quadratic)', pattern: '\\d+', maxLength: 3161 },
    { name: 'an e-mail address (three quantifiers: cubic)', pattern: '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$', maxLength: 214 },
  ];
  for (const row of allowed) {
    it(`allows ${row.name}, on strings ${row.maxLength === 'any' ? 'of any length (linear work)' : `up to ${row.maxLength} characters`}`, () => {
      const check = checkPattern(row.pattern);
      assert.ok(check.ok, JSON.stringify(check));
      assert.equal(check.maxLength, row.maxLength === 'any' ? Number.POSITIVE_INFINITY : row.maxLength);
      assert.ok(check.maxLength >= MIN_TESTED_LENGTH);
    });
  }
});
