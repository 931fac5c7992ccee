import assert from 'node:assert/strict';
import { lstat, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import type { FileMode } from '../../../../src/core/guard/fileDecision';
import { createFileGuard, type FileGuard } from '../../../../src/core/guard/fileGuard';
import type { FileRules } from '../../../../src/core/guard/fileRules';
import { createTempWorkspace, type TempWorkspace } from './tempWorkspace';

const ALLOW_ALL: FileRules = { allow: ['**'], deny: [], readonly: [], extensions: [], maxFileSizeMb: 10 };

/** Device and inode of every file and folder physically inside `folder` (links are not followed). */
async function physicalContents(folder: string, into: Set<string>): Promise<Set<string>> {
  const info = await lstat(folder);
  into.add(`${info.dev}:${info.ino}`);
  if (info.isDirectory()) {
    for (const name of await readdir(folder)) await physicalContents(path.join(folder, name), into);
  }
  return into;
}

/**
 * The oracle, independent of the guard's own resolution: the object the OS reaches for this path
 * string if it exists, else the deepest existing ancestor by the same string (where a write or a
 * `mkdir -p` would land). A dangling or looping link is 'unknowable'; a path that cannot be
 * created at all (a `..` after a missing folder) is 'nothing'.
 */
async function physicalTarget(target: string): Promise<string> {
  let current = target;
  for (let depth = 0; depth < 256; depth++) {
    if (await exists(current)) {
      try {
        const info = await stat(current);
        return `${info.dev}:${info.ino}`;
      } catch {
        return 'unknowable';
      }
    }
    const name = path.basename(current);
    const parent = path.dirname(current);
    if (parent === current || name === '..' || name === '.') return 'nothing';
    current = parent;
  }
  return 'nothing';
}

async function exists(target: string): Promise<boolean> {
  try {
    await lstat(target);
    return true;
  } catch {
    return false;
  }
}

function flipCase(text: string, flips: readonly boolean[]): string {
  return Array.from(text, (character, index) => (flips[index % Math.max(flips.length, 1)] ? character.toUpperCase() : character)).join('');
}

describe('core/guard/fileGuard properties', function () {
  this.timeout(60_000);
  let w: TempWorkspace;
  let guard: FileGuard;
  let inside: Set<string>;

  before(async () => {
    w = await createTempWorkspace();
    guard = createFileGuard({ workspaceFolders: [w.ws, w.ws2], rules: ALLOW_ALL });
    inside = await physicalContents(w.ws2, await physicalContents(w.ws, new Set()));
  });
  after(async () => {
    await w.dispose();
  });

  it('never allows a path whose real location is outside every workspace folder', async () => {
    const links = fc.constantFrom('out-link', 'relative-out-link', 'out-file-link.ts', 'dangling.ts', 'dangling-in.ts', 'loop-a', 'in-link', 'secrets-alias', 'ws-link');
    const names = fc.constantFrom('..', '.', '', 'src', 'a.ts', 'new.ts', 'outside', 'ws', 'ws2', 'secret.ts', 'dir', 'lib');
    const tricks = fc.constantFrom('%2e%2e', '%2f', '%252e', '%c0%ae', '\uff0e\uff0e', '\u2024\u2024', '..\\..', 'C:', 'a.ts::$DATA', 'CON', '..\u200b', 'x.', '~');
    const segment = fc.oneof(
      { arbitrary: links, weight: 4 },
      { arbitrary: names, weight: 5 },
      { arbitrary: tricks, weight: 1 },
      { arbitrary: fc.string({ maxLength: 5 }), weight: 1 },
      { arbitrary: fc.string({ maxLength: 3, unit: 'binary' }), weight: 1 },
    );
    const separator = fc.constantFrom('/', '/', '/', '//', '/./', '\\');
    const prefix = fc.constantFrom('', '', './', '/', `${w.ws}/`, `${w.ws2}/`, `${w.root}/`, `${w.outside}/`, `${w.wsLink}/`, '/etc/', '\\\\server\\share\\', 'C:\\', '//', `${w.ws}/../`);
    const mode = fc.constantFrom<FileMode>('read', 'write', 'list');
    const seen = { allowed: 0, escapes: 0 };
    await fc.assert(
      fc.asyncProperty(prefix, fc.array(fc.tuple(segment, separator), { maxLength: 7 }), mode, async (start, parts, chosenMode) => {
        const raw = start + parts.map(([name, sep], index) => (index === 0 ? name : sep + name)).join('');
        const decision = await guard.decide(raw, chosenMode);
        if (decision.reason === 'symlink-escape' || decision.reason === 'dangling-symlink') seen.escapes++;
        if (decision.decision === 'deny') return;
        seen.allowed++;
        const absolute = path.isAbsolute(raw) ? raw : `${w.ws}/${raw}`;
        const target = await physicalTarget(absolute);
        assert.ok(target === 'nothing' || inside.has(target), `allowed ${JSON.stringify(raw)} (${chosenMode}) but the OS would reach ${target} outside: ${decision.detail}`);
      }),
      { numRuns: 600 },
    );
    // Not vacuous: the generator reaches both allowed paths and the link attacks.
    assert.ok(seen.allowed > 20 && seen.escapes > 5, JSON.stringify(seen));
  });

  it('never allows an agent write to a control file, whatever the rules and however it is spelled', async () => {
    const caseInsensitive = createFileGuard({ workspaceFolders: [w.ws], rules: ALLOW_ALL, caseInsensitive: true });
    const control = fc.constantFrom(
      '.vscode/settings.json', '.vscode/tasks.json', '.vscode/launch.json', '.vscode/extensions.json', '.vscode',
      '.airlock', '.airlock/policy/default.yaml', '.airlock/x', '.git', '.git/config', '.git/hooks/pre-commit',
      '.gitmodules', '.gitattributes', '.github/workflows/ci.yml', '.devcontainer/devcontainer.json', '.npmrc', '.envrc', 'team.code-workspace',
    );
    const folder = fc.constantFrom('', './', 'sub/', 'a/../', 'src/', 'in-link/', 'packages/app/', './src/../', 'src//');
    const allow = fc.subarray(['**', '.vscode/**', '.git/**', '.airlock/**', '**/*.json', '.*', '**/.*/**'], { minLength: 1 });
    await fc.assert(
      fc.asyncProperty(folder, control, fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }), allow, async (dir, name, flips, allowGlobs) => {
        const rules: FileRules = { ...ALLOW_ALL, allow: allowGlobs };
        const exact = await createFileGuard({ workspaceFolders: [w.ws], rules }).decide(dir + name, 'write');
        assert.equal(exact.decision, 'deny', `${dir + name}: ${exact.detail}`);
        const spelled = flipCase(dir + name, flips);
        const folded = await caseInsensitive.decide(spelled, 'write');
        assert.equal(folded.decision, 'deny', `${spelled} on a case-insensitive guard: ${folded.detail}`);
      }),
      { numRuns: 300 },
    );
  });

  it('denies writes through a link onto a control file', async () => {
    const decision = await guard.decide('vscode-alias/settings.json', 'write');
    assert.equal(decision.reason, 'control-file');
  });
});
