import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
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
/** Generous for CI machines: linear scans take tens of milliseconds, quadratic ones minutes. */
const BUDGET_MS = 3_000;

/** The fastest of a few runs: the machine's other load only ever adds time. */
function bestOf(runs: number, action: () => unknown): number {
  let best = Number.POSITIVE_INFINITY;
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    action();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

describe('core/redaction runs in linear time', function () {
  this.timeout(60_000);

  for (const { name, unit } of ADVERSARIAL) {
    it(`1 MB of ${name} (${JSON.stringify(unit)})`, () => {
      const text = unit.repeat(Math.ceil(SIZE / unit.length)).slice(0, SIZE);
      const small = text.slice(0, SIZE / 8);
      const smallMs = bestOf(3, () => redact(small));
      const fullMs = bestOf(3, () => redact(text));
      assert.ok(fullMs < BUDGET_MS, `${fullMs.toFixed(0)} ms for 1 MB`);
      // 8× the input may cost ~8× the time; quadratic growth would be ~64×.
      assert.ok(fullMs < Math.max(50, smallMs * 24), `8× the input took ${(fullMs / Math.max(smallMs, 0.01)).toFixed(1)}× the time (${smallMs.toFixed(1)} → ${fullMs.toFixed(1)} ms)`);
    });
  }
});
