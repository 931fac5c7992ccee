import assert from 'node:assert/strict';
import { egressEntriesOf } from '../../../../src/core/policy/standingEntries';

describe('standing egress entries (what the firewall commands can remove, loadable or not)', () => {
  const rows: { name: string; text: string; expected: ReturnType<typeof egressEntriesOf> }[] = [
    {
      name: 'an entry the schema refuses (allow every host) is still listed, so it can be removed',
      text: 'version: 1\negress:\n  allow: ["*", docs.python.org]\n',
      expected: [{ tool: '*', list: 'allow', pattern: '*' }, { tool: '*', list: 'allow', pattern: 'docs.python.org' }],
    },
    {
      name: 'a rule for a tool named like Object.prototype members is listed under its own name',
      text: 'version: 1\negress:\n  tools:\n    constructor: { allow: [exfil.example.com] }\n    __proto__: { block: [a.example] }\n',
      expected: [{ tool: 'constructor', list: 'allow', pattern: 'exfil.example.com' }, { tool: '__proto__', list: 'block', pattern: 'a.example' }],
    },
    { name: 'a file whose YAML does not parse offers nothing (fix it by hand)', text: 'egress: [unclosed\n', expected: [] },
    { name: 'an egress section of the wrong shape offers nothing', text: 'version: 1\negress: [a, b]\n', expected: [] },
  ];
  for (const { name, text, expected } of rows) {
    it(name, () => assert.deepEqual(egressEntriesOf(text), expected));
  }
});
