import assert from 'node:assert/strict';
import path from 'node:path';
import type { FileMode, FileReason } from '../../../../src/core/guard/fileDecision';
import { createFileGuard, type FileGuard } from '../../../../src/core/guard/fileGuard';
import type { FileRules } from '../../../../src/core/guard/fileRules';
import type { GuardFs } from '../../../../src/core/guard/guardFs';
import { nodeGuardFs } from '../../../../src/core/guard/guardFs';
import { BIG_FILE_BYTES, createTempWorkspace, type TempWorkspace } from './tempWorkspace';

// Rules like a pack's: everything allowed but secrets, VCS internals and read-only config.
const RULES: FileRules = {
  allow: ['**'],
  deny: ['secrets', '**/.env', '**/*.pem', '.git/**'],
  readonly: ['config/**'],
  extensions: [],
  maxFileSizeMb: 1,
};

type GuardName = 'default' | 'caseInsensitive' | 'extensions' | 'srcOnly' | 'denyAndAllow' | 'multiRoot' | 'nestedRoot' | 'viaLink' | 'noFolder' | 'hardLinksReadable';

function buildGuards(w: TempWorkspace): Record<GuardName, FileGuard> {
  return {
    default: createFileGuard({ workspaceFolders: [w.ws], rules: RULES }),
    caseInsensitive: createFileGuard({ workspaceFolders: [w.ws], rules: RULES, caseInsensitive: true }),
    extensions: createFileGuard({ workspaceFolders: [w.ws], rules: { ...RULES, extensions: ['.ts', '.MD'] } }),
    srcOnly: createFileGuard({ workspaceFolders: [w.ws], rules: { ...RULES, allow: ['src/**', 'docs/*.md'] } }),
    denyAndAllow: createFileGuard({ workspaceFolders: [w.ws], rules: { ...RULES, allow: ['secrets/**', '**'], deny: ['secrets/**'] } }),
    multiRoot: createFileGuard({ workspaceFolders: [w.ws, w.ws2], rules: { ...RULES, deny: [...RULES.deny, 'lib/private/**'] } }),
    nestedRoot: createFileGuard({ workspaceFolders: [w.ws, path.join(w.ws, 'src')], rules: { ...RULES, deny: ['a.ts'] } }),
    viaLink: createFileGuard({ workspaceFolders: [w.wsLink], rules: RULES }),
    noFolder: createFileGuard({ workspaceFolders: [], rules: RULES }),
    hardLinksReadable: createFileGuard({ workspaceFolders: [w.ws], rules: { ...RULES, readHardLinks: true } }),
  };
}

interface Row {
  readonly attack: string;
  readonly path: string | ((w: TempWorkspace) => string);
  readonly mode: FileMode;
  readonly reason: FileReason;
  readonly rule?: string;
  readonly guard?: GuardName;
}

const ROWS: Row[] = [
  // Plain access.
  { attack: 'a source file, read', path: 'src/a.ts', mode: 'read', reason: 'allowed', rule: '**' },
  { attack: 'a source file, written', path: 'src/a.ts', mode: 'write', reason: 'allowed', rule: '**' },
  { attack: 'a new file', path: 'src/new/deeper/file.ts', mode: 'write', reason: 'allowed' },
  { attack: 'the workspace folder, listed', path: '.', mode: 'list', reason: 'allowed' },
  { attack: 'an absolute path inside', path: (w) => path.join(w.ws, 'src/a.ts'), mode: 'read', reason: 'allowed' },
  { attack: 'a symlink that stays inside', path: 'in-link/a.ts', mode: 'read', reason: 'allowed' },

  // Traversal and absolute paths outside.
  { attack: 'traversal ../', path: '../outside/secret.ts', mode: 'read', reason: 'outside-workspace' },
  { attack: 'traversal after a real folder', path: 'src/../../outside/secret.ts', mode: 'read', reason: 'outside-workspace' },
  { attack: 'traversal to the parent itself', path: '..', mode: 'list', reason: 'outside-workspace' },
  { attack: 'traversal with ./ padding', path: './src/./../.././outside/secret.ts', mode: 'read', reason: 'outside-workspace' },
  { attack: 'absolute path outside', path: '/etc/passwd', mode: 'read', reason: 'outside-workspace' },
  { attack: 'the file system root', path: '/', mode: 'list', reason: 'outside-workspace' },
  { attack: 'absolute path climbing out of the workspace', path: (w) => `${w.ws}/../outside/secret.ts`, mode: 'read', reason: 'outside-workspace' },
  { attack: 'sibling folder sharing the name prefix (ws vs ws2)', path: (w) => path.join(`${w.ws}2`, 'lib/util.ts'), mode: 'read', reason: 'outside-workspace' },
  { attack: 'doubled slashes', path: 'src//a.ts', mode: 'read', reason: 'allowed' },

  // Symbolic links.
  { attack: 'symlink escape: folder link to outside', path: 'out-link/secret.ts', mode: 'read', reason: 'symlink-escape' },
  { attack: 'symlink escape: file link to outside', path: 'out-file-link.ts', mode: 'read', reason: 'symlink-escape' },
  { attack: 'symlink escape: relative link target', path: 'relative-out-link/secret.ts', mode: 'read', reason: 'symlink-escape' },
  { attack: 'symlinked parent for a new file', path: 'out-link/new.ts', mode: 'write', reason: 'symlink-escape' },
  { attack: 'symlinked parent for a new folder chain', path: 'out-link/a/b/c.ts', mode: 'write', reason: 'symlink-escape' },
  { attack: 'listing through a link to outside', path: 'out-link', mode: 'list', reason: 'symlink-escape' },
  { attack: '.. after a link climbs from its target (lexically inside, really outside)', path: 'out-link/../outside/secret.ts', mode: 'read', reason: 'symlink-escape' },
  { attack: 'dangling link to outside, written', path: 'dangling.ts', mode: 'write', reason: 'dangling-symlink' },
  { attack: 'dangling link inside, written', path: 'dangling-in.ts', mode: 'write', reason: 'dangling-symlink' },
  { attack: 'symlink loop', path: 'loop-a/x.ts', mode: 'read', reason: 'unresolvable-path' },
  { attack: 'a file used as a folder', path: 'src/a.ts/x', mode: 'read', reason: 'unresolvable-path' },
  { attack: 'alias link to a denied folder', path: 'secrets-alias/key.pem', mode: 'read', reason: 'denied-by-rule', rule: 'secrets' },
  { attack: 'alias link to .vscode, writing settings', path: 'vscode-alias/settings.json', mode: 'write', reason: 'control-file', rule: '**/.vscode/settings.json' },
  { attack: 'workspace opened through a link, path by link', path: (w) => path.join(w.wsLink, 'src/a.ts'), mode: 'read', reason: 'allowed', guard: 'viaLink' },
  { attack: 'workspace opened through a link, path by real name', path: (w) => path.join(w.ws, 'src/a.ts'), mode: 'read', reason: 'allowed', guard: 'viaLink' },
  { attack: 'workspace opened through a link, escape by link', path: 'out-link/secret.ts', mode: 'read', reason: 'symlink-escape', guard: 'viaLink' },

  // Case tricks on a case-insensitive guard.
  { attack: '.VSCODE/settings.json on a case-insensitive guard', path: '.VSCODE/settings.json', mode: 'write', reason: 'control-file', guard: 'caseInsensitive' },
  { attack: '.vscode/SETTINGS.JSON on a case-insensitive guard', path: '.vscode/SETTINGS.JSON', mode: 'write', reason: 'control-file', guard: 'caseInsensitive' },
  { attack: '.Airlock/ on a case-insensitive guard', path: '.Airlock/policy/default.yaml', mode: 'write', reason: 'control-file', guard: 'caseInsensitive' },
  { attack: '.GIT/hooks on a case-insensitive guard', path: '.GIT/hooks/pre-commit', mode: 'write', reason: 'control-file', guard: 'caseInsensitive' },
  { attack: 'SECRETS/ on a case-insensitive guard', path: 'SECRETS/key.pem', mode: 'read', reason: 'denied-by-rule', rule: 'secrets', guard: 'caseInsensitive' },
  { attack: '.ENV on a case-insensitive guard', path: '.ENV', mode: 'read', reason: 'denied-by-rule', rule: '**/.env', guard: 'caseInsensitive' },
  { attack: 'Config/ (read-only) on a case-insensitive guard', path: 'Config/app.json', mode: 'write', reason: 'readonly', guard: 'caseInsensitive' },
  { attack: 'SECRETS/ on a case-sensitive guard names another (missing) folder', path: 'SECRETS/key.txt', mode: 'read', reason: 'allowed' },

  // Windows forms on POSIX: refused rather than guessed.
  { attack: 'drive letter', path: 'C:\\Windows\\System32\\config\\SAM', mode: 'read', reason: 'invalid-path' },
  { attack: 'drive letter with forward slashes', path: 'C:/Windows/win.ini', mode: 'read', reason: 'invalid-path' },
  { attack: 'UNC share', path: '\\\\server\\share\\x.ts', mode: 'read', reason: 'invalid-path' },
  { attack: 'UNC share with forward slashes', path: '//server/share/x.ts', mode: 'read', reason: 'invalid-path' },
  { attack: 'verbatim \\\\?\\ path', path: '\\\\?\\C:\\ws\\src\\a.ts', mode: 'read', reason: 'invalid-path' },
  { attack: 'device \\\\.\\ path', path: '\\\\.\\PhysicalDrive0', mode: 'read', reason: 'invalid-path' },
  { attack: 'backslash traversal', path: 'src\\..\\..\\outside\\secret.ts', mode: 'read', reason: 'invalid-path' },
  { attack: 'trailing dot', path: '.vscode/settings.json.', mode: 'write', reason: 'invalid-path' },
  { attack: 'trailing space', path: '.vscode/settings.json ', mode: 'write', reason: 'invalid-path' },
  { attack: 'trailing dots on a folder', path: '.git../config', mode: 'write', reason: 'invalid-path' },
  { attack: 'alternate data stream ::$DATA', path: 'src/a.ts::$DATA', mode: 'read', reason: 'invalid-path' },
  { attack: 'named stream file.txt:stream', path: 'src/a.ts:hidden', mode: 'write', reason: 'invalid-path' },
  { attack: 'reserved device name CON', path: 'CON', mode: 'write', reason: 'invalid-path' },
  { attack: 'reserved device name with an extension', path: 'src/nul.txt', mode: 'write', reason: 'invalid-path' },
  { attack: 'reserved device name COM1 in lower case', path: 'com1.ts', mode: 'write', reason: 'invalid-path' },
  { attack: 'reserved device name with superscript digit', path: 'LPT\u00b9', mode: 'write', reason: 'invalid-path' },
  { attack: '8.3 short name alias', path: '.vscode/SETTIN~1.JSO', mode: 'write', reason: 'invalid-path' },
  { attack: 'home folder tilde', path: '~/.ssh/id_rsa', mode: 'read', reason: 'invalid-path' },
  { attack: 'file URI', path: 'file:///etc/passwd', mode: 'read', reason: 'invalid-path' },

  // NUL, control characters and encodings.
  { attack: 'NUL byte truncation', path: 'src/a.ts\0.md', mode: 'read', reason: 'invalid-path' },
  { attack: 'newline in a name', path: 'src/a\n.ts', mode: 'write', reason: 'invalid-path' },
  { attack: 'percent-encoded ../', path: '%2e%2e%2f%2e%2e%2fetc/passwd', mode: 'read', reason: 'invalid-path' },
  { attack: 'percent-encoded slash only', path: '..%2f..%2foutside/secret.ts', mode: 'read', reason: 'invalid-path' },
  { attack: 'double percent-encoding', path: '%252e%252e%252fetc/passwd', mode: 'read', reason: 'invalid-path' },
  { attack: 'overlong UTF-8 dot %c0%ae', path: '%c0%ae%c0%ae/outside/secret.ts', mode: 'read', reason: 'invalid-path' },
  { attack: 'overlong UTF-8 slash %c0%af', path: '..%c0%af..%c0%afetc/passwd', mode: 'read', reason: 'invalid-path' },
  { attack: 'IIS %u encoding', path: '%u002e%u002e/outside', mode: 'read', reason: 'invalid-path' },
  { attack: 'overlong UTF-8 decoded leniently (U+FFFD)', path: 'src/\ufffd\ufffd/x.ts', mode: 'read', reason: 'invalid-path' },
  { attack: 'lone surrogate', path: 'src/\ud800.ts', mode: 'write', reason: 'invalid-path' },
  { attack: 'fullwidth dots (NFKC ..)', path: '\uff0e\uff0e/outside/secret.ts', mode: 'read', reason: 'invalid-path' },
  { attack: 'fullwidth slash (NFKC /)', path: '..\uff0foutside', mode: 'read', reason: 'invalid-path' },
  { attack: 'one-dot leaders (NFKC ..)', path: '\u2024\u2024/outside', mode: 'read', reason: 'invalid-path' },
  { attack: 'fullwidth backslash', path: 'src\uff3ca.ts', mode: 'read', reason: 'invalid-path' },
  { attack: 'zero-width space hiding .env', path: '.env\u200b', mode: 'read', reason: 'invalid-path' },
  { attack: 'bidi override', path: 'src/\u202egnp.ts', mode: 'write', reason: 'invalid-path' },
  { attack: 'an accented name is fine', path: 'docs/caf\u00e9.md', mode: 'write', reason: 'allowed' },
  { attack: 'an empty path', path: '', mode: 'read', reason: 'invalid-path' },

  // Control files, in several spellings; the rules allow everything ("**").
  { attack: 'workspace settings', path: '.vscode/settings.json', mode: 'write', reason: 'control-file', rule: '**/.vscode/settings.json' },
  { attack: 'tasks', path: '.vscode/tasks.json', mode: 'write', reason: 'control-file' },
  { attack: 'launch configurations', path: '.vscode/launch.json', mode: 'write', reason: 'control-file' },
  { attack: 'extension recommendations', path: '.vscode/extensions.json', mode: 'write', reason: 'control-file' },
  { attack: 'renaming a folder onto .vscode', path: '.vscode', mode: 'write', reason: 'control-file', rule: '**/.vscode' },
  { attack: 'the guard\'s own policy', path: '.airlock/policy/default.yaml', mode: 'write', reason: 'control-file', rule: '**/.airlock/**' },
  { attack: 'the guard\'s folder through ./ and ..', path: './.airlock/../.airlock/x', mode: 'write', reason: 'control-file' },
  { attack: 'the guard\'s folder by absolute path', path: (w) => path.join(w.ws, '.airlock', 'approvals.json'), mode: 'write', reason: 'control-file' },
  { attack: 'a git hook', path: '.git/hooks/pre-commit', mode: 'write', reason: 'control-file', rule: '**/.git/**' },
  { attack: 'git config', path: '.git/config', mode: 'write', reason: 'control-file' },
  { attack: 'a worktree\'s .git file', path: 'sub/worktree/.git', mode: 'write', reason: 'control-file', rule: '**/.git' },
  { attack: 'submodules', path: '.gitmodules', mode: 'write', reason: 'control-file' },
  { attack: 'git attributes (filter drivers)', path: '.gitattributes', mode: 'write', reason: 'control-file' },
  { attack: 'a CI workflow', path: '.github/workflows/release.yml', mode: 'write', reason: 'control-file' },
  { attack: 'a dev container', path: '.devcontainer/devcontainer.json', mode: 'write', reason: 'control-file' },
  { attack: 'npm config', path: '.npmrc', mode: 'write', reason: 'control-file' },
  { attack: 'direnv', path: '.envrc', mode: 'write', reason: 'control-file' },
  { attack: 'a workspace file', path: 'team.code-workspace', mode: 'write', reason: 'control-file', rule: '**/*.code-workspace' },
  { attack: 'a nested project\'s tasks', path: 'packages/app/.vscode/tasks.json', mode: 'write', reason: 'control-file' },
  { attack: 'reading the guard\'s own policy is allowed (it explains denials)', path: '.airlock/policy/default.yaml', mode: 'read', reason: 'allowed' },
  { attack: 'reading workspace settings is allowed', path: '.vscode/settings.json', mode: 'read', reason: 'allowed' },
  { attack: 'reading .git is left to the rules', path: '.git/HEAD', mode: 'read', reason: 'denied-by-rule', rule: '.git/**' },
  { attack: 'an ordinary file named like a control file elsewhere', path: 'docs/settings.json', mode: 'write', reason: 'allowed' },

  // Deny, readonly and allow globs.
  { attack: 'a denied folder', path: 'secrets/key.pem', mode: 'read', reason: 'denied-by-rule', rule: 'secrets' },
  { attack: 'a denied folder, listed', path: 'secrets', mode: 'list', reason: 'denied-by-rule', rule: 'secrets' },
  { attack: 'a denied name at the root', path: '.env', mode: 'read', reason: 'denied-by-rule', rule: '**/.env' },
  { attack: 'a denied name deeper down', path: 'src/.env', mode: 'write', reason: 'denied-by-rule', rule: '**/.env' },
  { attack: 'a denied extension anywhere', path: 'docs/cert.pem', mode: 'write', reason: 'denied-by-rule', rule: '**/*.pem' },
  { attack: 'deny wins over a more specific allow', path: 'secrets/key.pem', mode: 'read', reason: 'denied-by-rule', rule: 'secrets/**', guard: 'denyAndAllow' },
  { attack: 'a read-only file, written', path: 'config/app.json', mode: 'write', reason: 'readonly', rule: 'config/**' },
  { attack: 'a read-only file, read', path: 'config/app.json', mode: 'read', reason: 'allowed' },
  { attack: 'a new file in a read-only folder', path: 'config/new.json', mode: 'write', reason: 'readonly' },
  { attack: 'a read-only folder itself, written (rename)', path: 'config', mode: 'write', reason: 'readonly' },
  { attack: 'outside the allow globs', path: 'README', mode: 'read', reason: 'not-allowed-by-rule', guard: 'srcOnly' },
  { attack: 'inside the allow globs', path: 'src/a.ts', mode: 'read', reason: 'allowed', rule: 'src/**', guard: 'srcOnly' },
  { attack: 'a folder on the way to allowed files, listed', path: 'docs', mode: 'list', reason: 'allowed', rule: 'docs/*.md', guard: 'srcOnly' },
  { attack: 'the root on the way to allowed files, listed', path: '.', mode: 'list', reason: 'allowed', guard: 'srcOnly' },
  { attack: 'a folder leading nowhere allowed, listed', path: 'config', mode: 'list', reason: 'not-allowed-by-rule', guard: 'srcOnly' },

  // Extensions.
  { attack: 'an allowed extension', path: 'src/a.ts', mode: 'read', reason: 'allowed', guard: 'extensions' },
  { attack: 'an allowed extension in other case', path: 'docs/NOTES.Md', mode: 'write', reason: 'allowed', guard: 'extensions' },
  { attack: 'another extension', path: 'src/b.js', mode: 'read', reason: 'extension-not-allowed', guard: 'extensions' },
  { attack: 'no extension', path: 'README', mode: 'read', reason: 'extension-not-allowed', guard: 'extensions' },
  { attack: 'a dotfile has no extension', path: '.eslintrc', mode: 'write', reason: 'extension-not-allowed', guard: 'extensions' },
  { attack: 'an allowed extension as a suffix of another', path: 'src/a.tsx', mode: 'write', reason: 'extension-not-allowed', guard: 'extensions' },
  { attack: 'extensions do not apply to listing folders', path: 'src', mode: 'list', reason: 'allowed', guard: 'extensions' },

  // What is on disk.
  { attack: 'a file over the size limit, read', path: 'src/big.ts', mode: 'read', reason: 'too-large' },
  { attack: 'a file over the size limit, written (size checked by checkWriteSize)', path: 'src/big.ts', mode: 'write', reason: 'allowed' },
  { attack: 'a folder, read', path: 'src', mode: 'read', reason: 'not-a-file' },
  { attack: 'a folder, written', path: 'src', mode: 'write', reason: 'not-a-file' },
  { attack: 'the workspace folder, read', path: '.', mode: 'read', reason: 'not-a-file' },
  { attack: 'a file, listed', path: 'src/a.ts', mode: 'list', reason: 'not-a-directory' },
  { attack: 'a hard-linked file, written', path: 'hard.ts', mode: 'write', reason: 'hard-link' },
  { attack: 'a hard-linked file, read (its other name may be a denied file or lie outside)', path: 'hard.ts', mode: 'read', reason: 'hard-link' },
  { attack: 'the other name of a hard-linked file, read', path: 'src/linked.ts', mode: 'read', reason: 'hard-link' },
  { attack: 'a hard-linked file, read, where the policy allows hard links', path: 'hard.ts', mode: 'read', reason: 'allowed', guard: 'hardLinksReadable' },
  { attack: 'a hard-linked file, written, even where the policy allows reading hard links', path: 'hard.ts', mode: 'write', reason: 'hard-link', guard: 'hardLinksReadable' },

  // Several workspace folders.
  { attack: 'multi-root: a file in the second folder', path: (w) => path.join(w.ws2, 'lib/util.ts'), mode: 'read', reason: 'allowed', guard: 'multiRoot' },
  { attack: 'multi-root: control file in the second folder', path: (w) => path.join(w.ws2, '.vscode/settings.json'), mode: 'write', reason: 'control-file', guard: 'multiRoot' },
  { attack: 'multi-root: rules are relative to each folder', path: (w) => path.join(w.ws2, 'lib/private/key.ts'), mode: 'read', reason: 'denied-by-rule', rule: 'lib/private/**', guard: 'multiRoot' },
  { attack: 'multi-root: climbing out of the second folder', path: (w) => `${w.ws2}/../outside/secret.ts`, mode: 'read', reason: 'outside-workspace', guard: 'multiRoot' },
  { attack: 'multi-root: relative paths are in the first folder', path: 'lib/util.ts', mode: 'write', reason: 'allowed', guard: 'multiRoot' },
  { attack: 'nested roots: the inner folder\'s rule applies', path: 'src/a.ts', mode: 'read', reason: 'denied-by-rule', rule: 'a.ts', guard: 'nestedRoot' },
  { attack: 'no workspace folder', path: '/etc/hosts', mode: 'read', reason: 'no-workspace', guard: 'noFolder' },
];

describe('core/guard/fileGuard', () => {
  let workspace: TempWorkspace;
  let guards: Record<GuardName, FileGuard>;

  before(async () => {
    workspace = await createTempWorkspace();
    guards = buildGuards(workspace);
  });
  after(async () => {
    await workspace.dispose();
  });

  describe('decide: each row names an attack and the exact reason', () => {
    for (const row of ROWS) {
      const verdict = row.reason === 'allowed' ? 'allows' : 'denies';
      it(`${verdict} ${row.attack} (${row.mode} ${JSON.stringify(typeof row.path === 'string' ? row.path : '<abs>')}${row.guard ? `, ${row.guard} guard` : ''})`, async () => {
        const target = typeof row.path === 'string' ? row.path : row.path(workspace);
        const decision = await guards[row.guard ?? 'default'].decide(target, row.mode);
        assert.equal(decision.reason, row.reason, decision.detail);
        assert.equal(decision.decision, row.reason === 'allowed' ? 'allow' : 'deny');
        if (row.rule !== undefined) assert.equal(decision.rule, row.rule);
        assert.ok(decision.detail.length > 10, 'a person can read why');
      });
    }
  });

  describe('forCall: one call\'s guard (folders resolved once) gives every row the same answer and path', () => {
    // One call guard per guard for all rows, so later rows meet folders cached by earlier ones.
    let called: Partial<Record<GuardName, FileGuard>>;
    before(() => {
      called = {};
    });
    for (const row of ROWS) {
      it(`${row.attack} (${row.mode}${row.guard ? `, ${row.guard} guard` : ''})`, async () => {
        const name = row.guard ?? 'default';
        const guard = (called[name] ??= guards[name].forCall());
        const target = typeof row.path === 'string' ? row.path : row.path(workspace);
        const [alone, inCall] = [await guards[name].decide(target, row.mode), await guard.decide(target, row.mode)];
        assert.equal(inCall.reason, row.reason, inCall.detail);
        assert.deepEqual(inCall, alone);
      });
    }
  });

  describe('decide: the resolved path is the one to open', () => {
    it('reports the real location of a path named through a link', async () => {
      const decision = await guards.default.decide('in-link/a.ts', 'read');
      assert.equal(decision.path, path.join(workspace.ws, 'src', 'a.ts'));
    });
    it('reports the would-be location of a new file', async () => {
      const decision = await guards.default.decide('in-link/new/x.ts', 'write');
      assert.equal(decision.path, path.join(workspace.ws, 'src', 'new', 'x.ts'));
    });
    it('reports where an escaping path really leads', async () => {
      const decision = await guards.default.decide('out-link/secret.ts', 'read');
      assert.equal(decision.path, path.join(workspace.outside, 'secret.ts'));
    });
    it('reports no path when the string was refused before resolving', async () => {
      const decision = await guards.default.decide('%2e%2e/x', 'read');
      assert.equal(decision.path, undefined);
      assert.ok(!('path' in decision), 'no undefined fields in the serialised decision');
    });
  });

  describe('checkWriteSize: the size limit for writes', () => {
    const rows: { name: string; bytes: number; reason: FileReason }[] = [
      { name: 'empty content', bytes: 0, reason: 'allowed' },
      { name: 'exactly the limit', bytes: 1024 * 1024, reason: 'allowed' },
      { name: 'one byte over', bytes: BIG_FILE_BYTES, reason: 'too-large' },
      { name: 'a negative count', bytes: -1, reason: 'invalid-size' },
      { name: 'not a number', bytes: Number.NaN, reason: 'invalid-size' },
      { name: 'a fraction', bytes: 1.5, reason: 'invalid-size' },
    ];
    for (const row of rows) {
      it(`${row.reason === 'allowed' ? 'allows' : 'denies'} ${row.name}`, () => {
        assert.equal(guards.default.checkWriteSize(row.bytes).reason, row.reason);
      });
    }
  });

  describe('fails closed', () => {
    it('denies with guard-error when the rules are malformed', async () => {
      const guard = createFileGuard({ workspaceFolders: [workspace.ws], rules: { ...RULES, deny: undefined as unknown as string[] } });
      const decision = await guard.decide('src/a.ts', 'read');
      assert.equal(decision.decision, 'deny');
      assert.equal(decision.reason, 'guard-error');
    });
    it('denies an unknown mode', async () => {
      const decision = await guards.default.decide('src/a.ts', 'execute' as FileMode);
      assert.equal(decision.reason, 'guard-error');
    });
    it('denies a path that is not a string', async () => {
      const decision = await guards.default.decide(42 as unknown as string, 'read');
      assert.equal(decision.reason, 'invalid-path');
    });
    it('denies when the file system refuses to answer (EACCES)', async () => {
      const failing: GuardFs = {
        ...nodeGuardFs,
        realpath: async (target) => {
          if (target.endsWith('a.ts')) throw Object.assign(new Error('permission denied'), { code: 'EACCES' });
          return nodeGuardFs.realpath(target);
        },
      };
      const guard = createFileGuard({ workspaceFolders: [workspace.ws], rules: RULES, fs: failing });
      const decision = await guard.decide('src/a.ts', 'read');
      assert.equal(decision.reason, 'unresolvable-path');
      assert.match(decision.detail, /EACCES/);
    });
    it('denies everything when the only workspace folder does not exist', async () => {
      const guard = createFileGuard({ workspaceFolders: [path.join(workspace.root, 'gone')], rules: RULES });
      assert.equal((await guard.decide('x.ts', 'write')).reason, 'no-workspace');
    });
    it('ignores a relative workspace folder rather than guessing its base', async () => {
      const guard = createFileGuard({ workspaceFolders: ['relative/ws'], rules: RULES });
      assert.equal((await guard.decide('x.ts', 'write')).reason, 'no-workspace');
    });
    it('denies reads when the size limit is not a number', async () => {
      const guard = createFileGuard({ workspaceFolders: [workspace.ws], rules: { ...RULES, maxFileSizeMb: Number.NaN } });
      assert.equal((await guard.decide('src/a.ts', 'read')).reason, 'too-large');
    });
  });

  describe('case sensitivity', () => {
    it('probes the file system: a temp folder on Linux is case-sensitive', async function () {
      if (process.platform !== 'linux') this.skip();
      // On a case-sensitive guard .VSCODE is another folder; the hard list still protects .vscode.
      const decision = await guards.default.decide('.VSCODE/settings.json', 'write');
      assert.equal(decision.reason, 'allowed');
    });
  });
});
