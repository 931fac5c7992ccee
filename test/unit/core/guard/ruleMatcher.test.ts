import assert from 'node:assert/strict';
import type { FileMode, FileReason } from '../../../../src/core/guard/fileDecision';
import type { FileRules } from '../../../../src/core/guard/fileRules';
import { compileFileRules, judgeByRules } from '../../../../src/core/guard/ruleMatcher';

describe('core/guard/ruleMatcher: the rules alone, in order', () => {
  const rules: FileRules = {
    allow: ['src/**', 'docs/**', 'config/**', 'secrets/**', '.vscode/**'],
    deny: ['secrets', '**/*.key'],
    readonly: ['config/**', 'docs/legal'],
    extensions: ['.ts', '.md', '.json', '.key'],
    maxFileSizeMb: 1,
  };
  const matcher = compileFileRules(rules, { nocase: false });

  const rows: { name: string; path: string; mode: FileMode; reason: FileReason; rule?: string }[] = [
    { name: 'control files come first, even when allowed', path: '.vscode/settings.json', mode: 'write', reason: 'control-file', rule: '**/.vscode/settings.json' },
    { name: 'control files are not checked for reads', path: '.vscode/settings.json', mode: 'read', reason: 'allowed', rule: '.vscode/**' },
    { name: 'deny wins over allow', path: 'secrets/a.ts', mode: 'read', reason: 'denied-by-rule', rule: 'secrets' },
    { name: 'deny wins over readonly', path: 'config/x.key', mode: 'read', reason: 'denied-by-rule', rule: '**/*.key' },
    { name: 'readonly for writes', path: 'config/app.json', mode: 'write', reason: 'readonly', rule: 'config/**' },
    { name: 'readonly covers a folder\'s contents', path: 'docs/legal/terms.md', mode: 'write', reason: 'readonly', rule: 'docs/legal' },
    { name: 'readonly allows reads', path: 'config/app.json', mode: 'read', reason: 'allowed', rule: 'config/**' },
    { name: 'readonly allows listing', path: 'config', mode: 'list', reason: 'allowed' },
    { name: 'default deny', path: 'README.md', mode: 'read', reason: 'not-allowed-by-rule' },
    { name: 'extension after allow', path: 'src/a.js', mode: 'write', reason: 'extension-not-allowed', rule: 'src/**' },
    { name: 'extension compared without case', path: 'src/A.TS', mode: 'write', reason: 'allowed' },
    { name: 'no extension for list', path: 'src/lib', mode: 'list', reason: 'allowed' },
    { name: 'the allow rule is named', path: 'docs/a.md', mode: 'read', reason: 'allowed', rule: 'docs/**' },
  ];
  for (const row of rows) {
    it(`${row.name}: ${row.mode} ${row.path} → ${row.reason}`, () => {
      const decision = judgeByRules(matcher, row.path, row.mode);
      assert.equal(decision.reason, row.reason, decision.detail);
      if (row.rule !== undefined) assert.equal(decision.rule, row.rule);
    });
  }

  it('accepts any extension when the list is empty', () => {
    const any = compileFileRules({ ...rules, extensions: [] }, { nocase: false });
    assert.equal(judgeByRules(any, 'src/Makefile', 'write').reason, 'allowed');
  });
});
