import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseOverlay, parsePack, type PolicyParseResult } from '../../../../src/core/policy/policyLoader';
import type { PolicyErrorCode } from '../../../../src/core/policy/policyError';

const TESTDATA = join(__dirname, 'testdata');

function parseFixture(relative: string, kind: 'pack' | 'overlay' | 'managed'): PolicyParseResult<unknown> {
  const text = readFileSync(join(TESTDATA, relative), 'utf8');
  const source = { text, file: relative, expectedName: relative.replace(/^.*\//, '').replace(/\.yaml$/, '') };
  return kind === 'pack' ? parsePack(source) : parseOverlay(source, kind);
}

interface BrokenCase {
  /** The mistake or attack the file makes. */
  readonly name: string;
  readonly file: string;
  readonly kind?: 'pack' | 'overlay';
  readonly code: PolicyErrorCode;
  /** The whole first message must start with this: file:line:column: field: … */
  readonly message: string;
}

const broken: readonly BrokenCase[] = [
  { name: 'allow-everything wildcard', file: 'broken/wildcard-allow.yaml', code: 'POLICY_SCHEMA', message: 'broken/wildcard-allow.yaml:5:7: egress.allow[1]: "*" would allow every host; name the hosts instead' },
  { name: 'misspelt key, with a suggestion', file: 'broken/misspelt-key.yaml', code: 'POLICY_SCHEMA', message: 'broken/misspelt-key.yaml:4:3: egress.requireAproval: unknown field "requireAproval"; did you mean "requireApproval"?' },
  { name: 'duplicate key (YAML would keep only one list)', file: 'broken/duplicate-key.yaml', code: 'POLICY_DUPLICATE_KEY', message: 'broken/duplicate-key.yaml:5:3: files.deny: this key appears twice' },
  { name: 'YAML syntax error', file: 'broken/syntax.yaml', code: 'POLICY_YAML_SYNTAX', message: 'broken/syntax.yaml:4:3: Flow sequence in block collection must be sufficiently indented' },
  { name: 'model endpoint off this machine', file: 'broken/remote-model-endpoint.yaml', code: 'POLICY_UNSAFE_RULE', message: 'broken/remote-model-endpoint.yaml:5:7: model.endpoints[1]: api.openai.com is not on this machine' },
  { name: 'cloud metadata service allowed for a tool', file: 'broken/metadata-allow.yaml', code: 'POLICY_UNSAFE_RULE', message: 'broken/metadata-allow.yaml:5:32: egress.tools["web.fetch"].allow[1]: metadata.google.internal must not be reachable' },
  { name: 'private address behind an approval (SSRF)', file: 'broken/private-address.yaml', code: 'POLICY_UNSAFE_RULE', message: 'broken/private-address.yaml:4:7: egress.requireApproval[0]: 10.0.0.8:8080 must not be reachable: 10.0.0.8 is a private address' },
  { name: 'billion laughs alias expansion', file: 'broken/alias-bomb.yaml', code: 'POLICY_ALIAS_LIMIT', message: 'broken/alias-bomb.yaml:1:1: the aliases (*name) expand to too much data' },
  { name: 'tool id with capitals and underscore', file: 'broken/bad-tool-id.yaml', code: 'POLICY_SCHEMA', message: 'broken/bad-tool-id.yaml:4:3: tools.Web_Fetch: invalid key "Web_Fetch": tool ids look like "web.fetch"' },
  { name: 'unknown risk level', file: 'broken/bad-risk.yaml', code: 'POLICY_SCHEMA', message: 'broken/bad-risk.yaml:4:11: tools["fs.write"].risk: Invalid option: expected one of "low"|"medium"|"high"|"critical"' },
  { name: 'remote model API over plain http', file: 'broken/http-remote.yaml', code: 'POLICY_SCHEMA', message: 'broken/http-remote.yaml:5:12: model.remote[0].url: remote model APIs must use https' },
  { name: 'negated glob that would allow everything else', file: 'broken/negated-glob.yaml', code: 'POLICY_SCHEMA', message: 'broken/negated-glob.yaml:5:7: files.allow[1]: negated globs ("!x") are not supported' },
  { name: 'glob climbing out of the workspace', file: 'broken/climbing-glob.yaml', code: 'POLICY_SCHEMA', message: 'broken/climbing-glob.yaml:3:14: files.readonly[0]: globs must not climb out of the workspace with ..' },
  { name: 'unknown format version', file: 'broken/wrong-version.yaml', code: 'POLICY_SCHEMA', message: 'broken/wrong-version.yaml:1:10: version: must be 1' },
  { name: 'second YAML document smuggled after ---', file: 'broken/multiple-documents.yaml', code: 'POLICY_YAML_SYNTAX', message: 'broken/multiple-documents.yaml:2:1: a policy file holds one YAML document' },
  { name: 'string where a number belongs', file: 'broken/wrong-type.yaml', code: 'POLICY_SCHEMA', message: 'broken/wrong-type.yaml:3:18: files.maxFileSizeMb: Invalid input: expected number, received string' },
  { name: 'empty file', file: 'broken/empty.yaml', code: 'POLICY_SCHEMA', message: 'broken/empty.yaml:1:1: the file is empty' },
  { name: 'overlay named for another pack', file: 'broken/name-mismatch.yaml', code: 'POLICY_NAME_MISMATCH', message: 'broken/name-mismatch.yaml:2:7: name: "strict" does not match: this overlay applies to the "name-mismatch" pack' },
  { name: 'custom tag', file: 'broken/unknown-tag.yaml', code: 'POLICY_YAML_SYNTAX', message: 'broken/unknown-tag.yaml:3:10: egress.allow: Unresolved tag: !hosts' },
  { name: 'pack without a name', file: 'broken/pack-missing-name.yaml', kind: 'pack', code: 'POLICY_SCHEMA', message: 'broken/pack-missing-name.yaml:1:1: name: is required (string)' },
  { name: 'pack whose critical actions need no approval', file: 'broken/pack-without-critical.yaml', kind: 'pack', code: 'POLICY_UNSAFE_RULE', message: 'broken/pack-without-critical.yaml:4:12: approvals.require: must include "critical"' },
];

describe('policy loader: broken files name file, line, column and field', () => {
  for (const c of broken) {
    it(`${c.name} (${c.file})`, () => {
      const result = parseFixture(c.file, c.kind ?? 'overlay');
      assert.equal(result.ok, false, `${c.file} should be invalid`);
      if (result.ok) return;
      const first = result.errors[0];
      assert.ok(first, 'at least one error');
      assert.equal(first.code, c.code, first.message);
      assert.ok(first.message.startsWith(c.message), `got:      ${first.message}\nexpected: ${c.message}…`);
    });
  }

  it('reports every schema error of a file at once, in file order', () => {
    const result = parseFixture('broken/wrong-type.yaml', 'overlay');
    assert.ok(!result.ok);
    assert.deepEqual(result.errors.map((error) => `${error.line}:${error.column} ${error.field}`), ['3:18 files.maxFileSizeMb', '5:17 limits.maxRedirects']);
  });

  it('refuses a file larger than 1 MiB before parsing it', () => {
    const result = parseOverlay({ text: `version: 1\n#${'x'.repeat(1024 * 1024)}\n`, file: 'huge.yaml' });
    assert.ok(!result.ok);
    assert.equal(result.errors[0]?.code, 'POLICY_TOO_LARGE');
  });

  it('treats a non-string key as a string, so it is an unknown field', () => {
    const result = parseOverlay({ text: 'version: 1\n1: x\n', file: 'k.yaml' });
    assert.ok(!result.ok);
    assert.match(result.errors[0]?.message ?? '', /^k\.yaml:2:1: \["1"\]: unknown field "1"/);
  });
});

describe('policy loader: valid files', () => {
  it('an overlay keeps only what it states (no defaults filled in)', () => {
    const result = parseFixture('valid/team-overlay.yaml', 'overlay');
    assert.ok(result.ok, result.ok ? '' : result.errors.map((error) => error.message).join('\n'));
    assert.deepEqual(result.value, {
      version: 1,
      egress: { allow: ['docs.python.org', '*.readthedocs.io'], tools: { 'web.fetch': { allow: ['api.github.com:443'] } } },
      files: { deny: ['**/fixtures/secrets/**'] },
    });
  });

  it('a tool entry may change one field without restating the other', () => {
    const result = parseOverlay({ text: 'version: 1\ntools:\n  fs.write: { enabled: false }\n', file: 'o.yaml' });
    assert.ok(result.ok);
    assert.deepEqual(result.value.tools, { 'fs.write': { enabled: false } });
  });

  it('aliases in moderation are fine', () => {
    const result = parseOverlay({ text: readFileSync(join(TESTDATA, 'valid/shared-lists.yaml'), 'utf8'), file: 'shared-lists.yaml' });
    assert.ok(result.ok);
    assert.deepEqual(result.value.egress?.tools?.['web.search']?.allow, ['docs.python.org', 'developer.mozilla.org']);
  });

  it('the managed fixture is a valid managed file', () => {
    assert.ok(parseFixture('valid/managed.yaml', 'managed').ok);
  });

  it('host patterns are normalised to their canonical form', () => {
    const result = parseOverlay({ text: 'version: 1\negress:\n  allow: [Docs.Python.ORG, "[::1]:8080"]\nmodel:\n  endpoints: ["[::1]:8080"]\n', file: 'o.yaml' });
    assert.ok(!result.ok, 'a loopback literal in egress.allow is refused');
    const fine = parseOverlay({ text: 'version: 1\negress:\n  allow: [Docs.Python.ORG]\n', file: 'o.yaml' });
    assert.ok(fine.ok);
    assert.deepEqual(fine.value.egress?.allow, ['docs.python.org']);
  });

  it('a host both allowed and blocked is a warning with its location', () => {
    const result = parseOverlay({ text: 'version: 1\negress:\n  allow: [a.example.com]\n  block: [a.example.com]\n', file: 'o.yaml' });
    assert.ok(result.ok);
    assert.deepEqual(result.warnings, ['o.yaml:3:11: egress.allow[0]: a.example.com is also in block, and block wins: this allow has no effect']);
  });

  it('locate() maps a field path back to its line', () => {
    const result = parseFixture('valid/team-overlay.yaml', 'overlay');
    assert.ok(result.ok);
    assert.deepEqual(result.locate(['egress', 'tools', 'web.fetch', 'allow', 0]), { file: 'valid/team-overlay.yaml', line: 8, column: 11, field: 'egress.tools["web.fetch"].allow[0]' });
  });
});
