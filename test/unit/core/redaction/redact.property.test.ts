import assert from 'node:assert/strict';
import fc from 'fast-check';
import { redact } from '../../../../src/core/redaction';
import { joinPieces, ORDINARY_PIECE, PLANTED_SECRETS, SEPARATOR } from './secretFixtures';

const RUNS = 400;

describe('core/redaction properties', function () {
  this.timeout(60_000);

  it('a planted secret of any kind never survives, wherever it sits in ordinary text', () => {
    fc.assert(
      fc.property(
        fc.array(ORDINARY_PIECE, { maxLength: 12 }),
        fc.oneof(...PLANTED_SECRETS),
        fc.array(ORDINARY_PIECE, { maxLength: 12 }),
        fc.array(SEPARATOR, { minLength: 1, maxLength: 4 }),
        (before, planted, after, separators) => {
          const text = `${joinPieces(before, separators)}${planted.text}${separators[0] ?? ' '}${joinPieces(after, separators)}`;
          const result = redact(text);
          assert.ok(!result.text.includes(planted.secret), `${planted.kind} survived in ${JSON.stringify(result.text)}`);
          assert.ok(result.redactions.some((redaction) => redaction.start <= text.indexOf(planted.secret) && redaction.end >= text.indexOf(planted.secret) + planted.secret.length), `no span covers the ${planted.kind}`);
        },
      ),
      { numRuns: RUNS * 3 },
    );
  });

  it('several planted secrets in one text are all removed', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(...PLANTED_SECRETS), { minLength: 2, maxLength: 6 }), fc.array(ORDINARY_PIECE, { minLength: 6, maxLength: 6 }), (secrets, filler) => {
        const text = secrets.map((secret, index) => `${filler[index] ?? ''}\n${secret.text}\n`).join('');
        const output = redact(text).text;
        for (const secret of secrets) assert.ok(!output.includes(secret.secret), `${secret.kind} survived`);
      }),
      { numRuns: RUNS },
    );
  });

  it('ordinary developer text (identifiers, UUIDs, SHAs, versions, colours, lock hashes, images, prose, code) is unchanged', () => {
    fc.assert(
      fc.property(fc.array(ORDINARY_PIECE, { maxLength: 30 }), fc.array(SEPARATOR, { minLength: 1, maxLength: 4 }), (pieces, separators) => {
        const text = joinPieces(pieces, separators);
        const result = redact(text);
        assert.deepEqual(result.redactions, [], JSON.stringify(result.text));
        assert.equal(result.text, text);
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('is idempotent and keeps every character outside the spans, on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        const once = redact(text);
        assert.equal(redact(once.text).text, once.text);
        let at = 0;
        let rebuilt = '';
        for (const { kind, start, end } of once.redactions) {
          assert.ok(start >= at && end > start && end <= text.length);
          rebuilt += `${text.slice(at, start)}[REDACTED:${kind}]`;
          at = end;
        }
        assert.equal(rebuilt + text.slice(at), once.text);
      }),
      { numRuns: RUNS * 2 },
    );
  });
});
