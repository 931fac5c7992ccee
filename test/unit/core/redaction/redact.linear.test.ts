import assert from 'node:assert/strict';
import { redact } from '../../../../src/core/redaction';

/** Inputs built to make a backtracking regex, or a scan that restarts at every hit, go quadratic. */
export const ADVERSARIAL: readonly { readonly name: string; readonly unit: string }[] = [
  { name: 'one long token-character run', unit: 'a' },
  { name: 'repeated vendor prefixes', unit: 'ghp_' },
  { name: 'repeated prefixes joined by dashes', unit: 'sk-ant-' },
  { name: 'repeated JWT headers', unit: 'eyJhbGci.' },
  { name: 'JWT-like segments without end', unit: 'eyJ-eyJ_' },
  { name: 'AKIA runs', unit: 'AKIA' },
  { name: 'BEGIN markers without END', unit: '-----BEGIN RSA PRIVATE KEY-----\n' },
  { name: 'BEGIN markers with long header lines', unit: '-----BEGIN PRIVATE KEY-----Ab: ' },
  { name: 'scheme separators', unit: 'a://' },
  { name: 'authorities with colons and no @', unit: 'x://u:p:' },
  { name: 'secret keywords in one identifier', unit: 'secret_token_key_' },
  { name: 'assignments chained without blanks', unit: 'api_key=' },
  { name: 'password assignments with open quotes', unit: 'password: "' },
  { name: 'env lines', unit: 'DB_PASSWORD=x\n' },
  { name: 'authorization headers without credentials', unit: 'Authorization: Bearer ' },
  { name: 'connection-string parts', unit: ';Password=' },
  { name: 'escaped newlines before prefixes', unit: '\\nghp_' },
  { name: 'blank runs', unit: ' \t' },
  { name: 'command names with open quotes', unit: 'curl -u \'' },
  { name: 'mysql -p options', unit: 'mysql -pX ' },
  { name: 'login words', unit: 'docker login -p ' },
  { name: 'secret objects that never close', unit: '"credentials": {' },
  { name: 'XML values without a closing quote', unit: 'key="password" value="' },
  { name: 'XML elements without an end', unit: '<password>' },
  { name: 'conninfo keywords before passwords', unit: 'host=x password=' },
  { name: 'token headers', unit: 'X-Api-Key: ' },
  { name: 'filler after vendor prefixes', unit: 'ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx ' },
];

const SIZE = 1024 * 1024;

// No timing threshold here (speed is measured in bench/, not asserted): a quadratic pass over 1 MB
// of these takes minutes and ends at the suite's timeout; a linear one, tens of milliseconds.
describe('core/redaction runs in linear time', function () {
  this.timeout(60_000);

  for (const { name, unit } of ADVERSARIAL) {
    it(`1 MB of ${name} (${JSON.stringify(unit)}) is redacted within the suite's timeout`, () => {
      const text = unit.repeat(Math.ceil(SIZE / unit.length)).slice(0, SIZE);
      const result = redact(text);
      assert.ok(result.text.length > 0);
      for (const redaction of result.redactions) assert.ok(redaction.start < redaction.end && redaction.end <= text.length);
    });
  }
});
