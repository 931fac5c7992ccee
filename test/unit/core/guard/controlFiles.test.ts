import assert from 'node:assert/strict';
import { CONTROL_FILES } from '../../../../src/core/guard/controlFiles';
import { compileFileRules, judgeByRules } from '../../../../src/core/guard/ruleMatcher';

describe('core/guard/controlFiles', () => {
  const allowEverything = compileFileRules({ allow: ['**'], deny: [], readonly: [], extensions: [], maxFileSizeMb: 1 }, { nocase: false });
  const required = [
    '.airlock/policy/default.yaml', '.vscode/settings.json', '.vscode/tasks.json', '.vscode/launch.json', '.vscode/extensions.json',
    'x.code-workspace', '.git/config', '.git', '.gitmodules', '.gitattributes', '.github/workflows/ci.yml', '.devcontainer/Dockerfile',
    '.npmrc', '.envrc',
  ];
  for (const file of required) {
    for (const where of ['', 'nested/project/']) {
      it(`denies agent writes to ${where}${file} even when the rules allow everything`, () => {
        assert.equal(judgeByRules(allowEverything, where + file, 'write').reason, 'control-file');
      });
    }
  }

  it('says why for every entry, in words a user can follow', () => {
    for (const file of CONTROL_FILES) assert.ok(file.why.length > 20, file.glob);
  });

  it('leaves ordinary files alone', () => {
    for (const file of ['src/settings.json', '.vscode/notes.md', 'git/config', 'github/workflows.md', 'my.npmrc.md']) {
      assert.equal(judgeByRules(allowEverything, file, 'write').reason, 'allowed', file);
    }
  });
});
