import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ApprovalRequest } from '../../../../src/core/approval/approver';
import type { GateDecision } from '../../../../src/core/approval/approvalGate';
import { applyCodeBlock, codeBlockChange, type CodeBlockApplyDeps, type CodeBlockTarget } from '../../../../src/core/edit/codeBlockApply';
import { createFileGuard } from '../../../../src/core/guard/fileGuard';
import type { FileRules } from '../../../../src/core/guard/fileRules';
import { createTempWorkspace, type TempWorkspace } from '../guard/tempWorkspace';
import { diskEditor } from './diskEditor';

const RULES: FileRules = { allow: ['**'], deny: ['**/.env', 'secrets/**'], readonly: ['config/**'], extensions: [], maxFileSizeMb: 1 };
const A = 'export const a = 1;\n';

describe('core/edit/codeBlockApply: a chat code block applied through the edit approval', () => {
  describe('codeBlockChange', () => {
    const rows: { name: string; target: CodeBlockTarget; content: string }[] = [
      { name: 'Apply writes the whole file', target: { mode: 'file', path: 'src/a.ts' }, content: 'CODE' },
      { name: 'Insert at a caret', target: { mode: 'insert', path: 'a', text: 'abcdef', start: 3, end: 3 }, content: 'abcCODEdef' },
      { name: 'Insert replaces the selection', target: { mode: 'insert', path: 'a', text: 'abcdef', start: 1, end: 4 }, content: 'aCODEef' },
      { name: 'a backwards selection is the same selection', target: { mode: 'insert', path: 'a', text: 'abcdef', start: 4, end: 1 }, content: 'aCODEef' },
      { name: 'offsets past the end are clamped, not padded', target: { mode: 'insert', path: 'a', text: 'abc', start: 99, end: 120 }, content: 'abcCODE' },
    ];
    for (const row of rows) it(row.name, () => assert.deepEqual(codeBlockChange('CODE', row.target), { action: 'write', path: row.target.path, content: row.content }));
  });

  describe('applyCodeBlock', () => {
    let w: TempWorkspace;
    let asked: ApprovalRequest[];
    let answer: GateDecision;
    let deps: CodeBlockApplyDeps & { editor: ReturnType<typeof diskEditor> };
    const signal = new AbortController().signal;
    const read = (file: string): Promise<string> => readFile(path.join(w.ws, file), 'utf8');

    beforeEach(async () => {
      w = await createTempWorkspace();
      asked = [];
      answer = { allowed: true, how: 'allow-once' };
      const gate = { request: (request: ApprovalRequest): Promise<GateDecision> => (asked.push(request), Promise.resolve(answer)) };
      const guard = createFileGuard({ workspaceFolders: [w.ws], rules: RULES });
    deps = { guard, editor: diskEditor(guard), show: (file) => path.relative(w.ws, file), gate, risk: 'medium' };
    });
    afterEach(() => w.dispose());

    it('asks once, with the diff and no session grant, then writes the approved text', async () => {
      const outcome = await applyCodeBlock('export const a = 2;\n', { mode: 'file', path: 'src/a.ts' }, deps, signal);
      assert.deepEqual(outcome, { applied: true, message: 'Applied: src/a.ts (+1 −1).' });
      assert.equal(asked.length, 1);
      assert.equal(asked[0]?.tool, 'fs.write');
      assert.equal(asked[0]?.allowSession, false);
      assert.match(asked[0]?.title ?? '', /^Write code to src\/a\.ts \(from the chat\)$/);
      assert.deepEqual(asked[0]?.diffs?.map((diff) => [diff.before, diff.after]), [[A, 'export const a = 2;\n']]);
      assert.equal(await read('src/a.ts'), 'export const a = 2;\n');
    });

    it('Insert puts the code at the selection', async () => {
      const outcome = await applyCodeBlock('// hi\n', { mode: 'insert', path: path.join(w.ws, 'src/a.ts'), text: A, start: 0, end: 0 }, deps, signal);
      assert.ok(outcome.applied, outcome.message);
      assert.match(asked[0]?.title ?? '', /^Insert code into src\/a\.ts/);
      assert.equal(await read('src/a.ts'), `// hi\n${A}`);
    });

    it('a denial writes nothing and says why', async () => {
      answer = { allowed: false, reason: 'denied: not now' };
      const outcome = await applyCodeBlock('x', { mode: 'file', path: 'src/a.ts' }, deps, signal);
      assert.deepEqual(outcome, { applied: false, message: 'Not applied (denied: not now).' });
      assert.equal(deps.editor.applied, 0);
      assert.equal(await read('src/a.ts'), A);
    });

    const refused: { attack: string; target: CodeBlockTarget; reason: RegExp }[] = [
      { attack: 'a block whose fence names Airlock\'s own policy', target: { mode: 'file', path: '.airlock/policy/default.yaml' }, reason: /refused by the file guard/ },
      { attack: 'a block whose fence names the workspace settings', target: { mode: 'file', path: '.vscode/settings.json' }, reason: /workspace settings/ },
      { attack: 'a block whose fence names a path outside the workspace', target: { mode: 'file', path: '../outside/pwned.ts' }, reason: /outside the workspace/ },
      { attack: 'a block whose fence names a denied secret', target: { mode: 'file', path: '.env' }, reason: /refused by the file guard/ },
      { attack: 'a read-only file', target: { mode: 'file', path: 'config/app.json' }, reason: /read-only|readonly/i },
      { attack: 'an insertion planned against text that has since changed', target: { mode: 'insert', path: 'src/a.ts', text: 'stale\n', start: 0, end: 0 }, reason: /changed while the insertion was prepared/ },
    ];
    for (const row of refused) {
      it(`refuses without asking: ${row.attack}`, async () => {
        const outcome = await applyCodeBlock('pwned', row.target, deps, signal);
        assert.equal(outcome.applied, false);
        assert.match(outcome.message, row.reason);
        assert.equal(asked.length, 0, 'no dialog for what the guard refuses');
        assert.equal(deps.editor.applied, 0);
      });
    }

    it('code identical to the file is not asked about', async () => {
      const outcome = await applyCodeBlock(A, { mode: 'file', path: 'src/a.ts' }, deps, signal);
      assert.deepEqual(outcome, { applied: false, message: 'src/a.ts already holds this code.' });
      assert.equal(asked.length, 0);
    });
  });
});
