import assert from 'node:assert/strict';
import { countKinds, redact, redactAssignedValue, redactionMarker, redactJson, SECRET_KINDS, type JsonValue } from '../../../../src/core/redaction';
import { LOOK_ALIKES, SECRET_ROWS } from './secretFixtures';

describe('core/redaction: redact()', () => {
  describe('every kind of secret is replaced by its marker', () => {
    for (const { name, kind, text, secret } of SECRET_ROWS) {
      it(`${kind}: ${name}`, () => {
        const result = redact(text);
        assert.ok(!result.text.includes(secret), `the secret survived: ${result.text}`);
        assert.ok(result.text.includes(redactionMarker(kind)), `expected ${redactionMarker(kind)} in ${result.text}`);
        assert.ok(result.redactions.some((redaction) => redaction.kind === kind), JSON.stringify(result.redactions));
      });
    }

    it('the table covers every kind but "unscanned"', () => {
      const covered = new Set(SECRET_ROWS.map((row) => row.kind));
      assert.deepEqual(SECRET_KINDS.filter((kind) => kind !== 'unscanned' && !covered.has(kind)), []);
    });
  });

  describe('look-alikes stay as they are', () => {
    for (const { name, text } of LOOK_ALIKES) {
      it(name, () => {
        const result = redact(text);
        assert.deepEqual(result.redactions, [], `redacted: ${result.text}`);
        assert.equal(result.text, text);
      });
    }
  });

  describe('spans', () => {
    it('reports input offsets, in order, and keeps the text between secrets', () => {
      const a = 'ghp_16C7e42F292c6912E7710c838347Ae178B4a';
      const b = 'AKIAUAMT2G4UXQYHX4YK';
      const text = `one ${a} two ${b} three`;
      const result = redact(text);
      assert.equal(result.text, 'one [REDACTED:github-token] two [REDACTED:aws-access-key-id] three');
      assert.deepEqual(result.redactions.map(({ kind, start, end }) => [kind, text.slice(start, end)]), [['github-token', a], ['aws-access-key-id', b]]);
    });

    it('redacts only the password of a URL, keeping user and host readable', () => {
      assert.equal(redact('postgres://app:s3cr3t@db:5432/x').text, 'postgres://app:[REDACTED:connection-string-password]@db:5432/x');
    });

    it('names a span two detectors found by the stronger kind, once', () => {
      const result = redact('GITHUB_TOKEN=ghp_16C7e42F292c6912E7710c838347Ae178B4a\n');
      assert.equal(result.text, 'GITHUB_TOKEN=[REDACTED:github-token]\n');
      assert.equal(result.redactions.length, 1);
    });

    it('merges overlapping detections into one span that covers both', () => {
      const result = redact('SESSION_SECRET="tok ghp_16C7e42F292c6912E7710c838347Ae178B4a end"');
      assert.equal(result.text, 'SESSION_SECRET="[REDACTED:github-token]"');
    });

    it('is idempotent: a marker is never redacted again', () => {
      for (const { text } of SECRET_ROWS) {
        const once = redact(text).text;
        assert.equal(redact(once).text, once, once);
      }
    });

    it('returns the same string when nothing is found', () => {
      const text = 'plain text';
      assert.equal(redact(text).text, text);
    });
  });

  describe('the scan limit', () => {
    it('withholds text past maxChars as one unscanned marker, cutting at a blank', () => {
      const text = `${'word '.repeat(30)}ghp_16C7e42F292c6912E7710c838347Ae178B4a`;
      const result = redact(text, { maxChars: 160 });
      assert.ok(!result.text.includes('ghp_16C7'), result.text);
      assert.ok(result.text.endsWith('[REDACTED:unscanned]'));
      assert.deepEqual(result.redactions.map((redaction) => redaction.kind), ['unscanned']);
      assert.equal(result.redactions[0]?.start, 150);
    });

    it('leaves input within the limit alone', () => {
      assert.equal(redact('short', { maxChars: 5 }).text, 'short');
    });
  });

  describe('structured values', () => {
    it('judges a field by its name: a password field is a secret whatever its value', () => {
      assert.equal(redactAssignedValue('password', 'hunter2').text, '[REDACTED:password-assignment]');
      assert.equal(redactAssignedValue('apiKey', 'Zq7Xw2Lp9Vt4Rk8Nm3Hs6Jd1').text, '[REDACTED:high-entropy-secret]');
      assert.equal(redactAssignedValue('note', 'hunter2').text, 'hunter2');
      assert.equal(redactAssignedValue('token', 'short').text, 'short');
      assert.equal(redactAssignedValue('X-API-Key', 'live-key-2024').text, '[REDACTED:authorization-header]', 'a vendor token header in a headers object');
      assert.equal(redactAssignedValue('x-trace-id', 'live-key-2024').text, 'live-key-2024');
    });

    it('redacts keys, nested values and arrays of a JSON value, and lists the kinds', () => {
      const result = redactJson({
        tool: 'web.fetch',
        headers: { Authorization: 'Bearer abcdefgh12345678', 'x-trace': 'abc' },
        env: ['PATH=/usr/bin', 'GITHUB_TOKEN=ghp_16C7e42F292c6912E7710c838347Ae178B4a'],
        password: 'hunter2',
        count: 3,
        ok: true,
        none: null,
      });
      assert.deepEqual(result.value, {
        tool: 'web.fetch',
        headers: { Authorization: 'Bearer [REDACTED:authorization-header]', 'x-trace': 'abc' },
        env: ['PATH=/usr/bin', 'GITHUB_TOKEN=[REDACTED:github-token]'],
        password: '[REDACTED:password-assignment]',
        count: 3,
        ok: true,
        none: null,
      });
      assert.deepEqual(countKinds(result.kinds.map((kind) => ({ kind }))), { 'authorization-header': 1, 'github-token': 1, 'password-assignment': 1 });
    });

    it('keeps a field named "__proto__" (JSON data, not a prototype), with its secret redacted', () => {
      const result = redactJson(JSON.parse('{"__proto__": {"password": "hunter2"}, "constructor": "x"}') as JsonValue);
      assert.equal(JSON.stringify(result.value), '{"__proto__":{"password":"[REDACTED:password-assignment]"},"constructor":"x"}');
    });

    const inherited: { attack: string; value: JsonValue; expected: JsonValue }[] = [
      {
        attack: 'a random hex key inside an object held by "credentials"',
        value: { credentials: { key: '4c0d2b951ffabd6f9a10489dc40fc356', region: 'eu-west-1', client_id: '4c0d2b951ffabd6f9a10489dc40fc357' } },
        expected: { credentials: { key: '[REDACTED:high-entropy-secret]', region: 'eu-west-1', client_id: '4c0d2b951ffabd6f9a10489dc40fc357' } },
      },
      {
        attack: 'the same, one level deeper',
        value: { secrets: { prod: { value: 'Zq7Xw2Lp9Vt4Rk8Nm3Hs6Jd1' } } },
        expected: { secrets: { prod: { value: '[REDACTED:high-entropy-secret]' } } },
      },
      {
        attack: 'not inherited from a name that only describes a secret (control row)',
        value: { tokenUsage: { key: '4c0d2b951ffabd6f9a10489dc40fc356' } },
        expected: { tokenUsage: { key: '4c0d2b951ffabd6f9a10489dc40fc356' } },
      },
    ];
    for (const row of inherited) {
      it(`judges a field named for nothing by the secret's name that holds it: ${row.attack}`, () => {
        assert.deepEqual(redactJson(row.value).value, row.expected);
      });
    }
  });
});
