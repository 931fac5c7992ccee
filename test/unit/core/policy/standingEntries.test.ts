import assert from 'node:assert/strict';
import { egressEntriesOf, fieldEntriesOf } from '../../../../src/core/policy/standingEntries';

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

describe('standing entries of the other lists (files, model endpoints, approvals), loadable or not', () => {
  const rows: { name: string; text: string; expected: ReturnType<typeof fieldEntriesOf> }[] = [
    {
      name: 'a deny glob and a model endpoint the schema refuses are listed, so the palette can remove them',
      text: 'version: 1\nfiles:\n  deny: ["[unclosed"]\nmodel:\n  endpoints: ["evil.example.com"]\n',
      expected: [{ field: 'files.deny', value: '[unclosed' }, { field: 'model.endpoints', value: 'evil.example.com' }],
    },
    { name: 'a section named like an Object.prototype member offers nothing', text: 'version: 1\nconstructor:\n  deny: [x]\n__proto__:\n  allow: [y]\n', expected: [] },
    { name: 'a list of the wrong shape offers nothing', text: 'version: 1\nfiles:\n  deny: notalist\n', expected: [] },
    { name: 'a file whose YAML does not parse offers nothing (fix it by hand)', text: 'files: [unclosed\n', expected: [] },
  ];
  for (const { name, text, expected } of rows) {
    it(name, () => assert.deepEqual(fieldEntriesOf(text), expected));
  }
});
