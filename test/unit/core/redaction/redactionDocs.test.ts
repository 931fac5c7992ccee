import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SECRET_KINDS } from '../../../../src/core/redaction';

describe('docs/redaction.md lists every kind the redactor names', () => {
  const doc = readFileSync(path.join(__dirname, '../../../../docs/redaction.md'), 'utf8');
  for (const kind of SECRET_KINDS) {
    it(kind, () => {
      assert.ok(doc.includes(`\`${kind}\``), `docs/redaction.md does not mention \`${kind}\``);
    });
  }
});
