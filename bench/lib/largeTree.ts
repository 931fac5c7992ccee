import { cp, mkdtemp, readdir, realpath, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FileRules } from '../../src/core/guard/fileRules';
import { loadBuiltinPack } from '../../src/core/policy/builtinPacks';

const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** A copy of a big real tree, opened as a workspace folder for the file tools. */
export interface LargeTree {
  readonly root: string;
  readonly files: number;
  readonly packages: number;
  dispose(): Promise<void>;
}

/**
 * This repository's node_modules, copied (links kept as links) into a temp folder: the original
 * is never touched, and the repository's own .gitignore (which ripgrep would read from a parent
 * folder) does not reach the copy, so every engine sees the same files.
 */
export async function copyNodeModules(): Promise<LargeTree> {
  const source = path.join(REPO_ROOT, 'node_modules');
  const parent = await realpath(await mkdtemp(path.join(os.tmpdir(), 'airlock-bench-tree-')));
  const root = path.join(parent, 'node_modules');
  await cp(source, root, { recursive: true, verbatimSymlinks: true });
  const files = (await readdir(root, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile()).length;
  return { root, files, packages: await countPackages(root), dispose: () => rm(parent, { recursive: true, force: true }) };
}

/** Top-level packages, a scope's (@scope/name) counted one by one. */
async function countPackages(root: string): Promise<number> {
  let count = 0;
  for (const entry of await readdir(root, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    count += entry.name.startsWith('@') ? (await readdir(path.join(root, entry.name))).length : 1;
  }
  return count;
}

/** The file rules of the built-in default pack: what a user gets without configuring anything. */
export async function defaultFileRules(): Promise<FileRules> {
  const pack = await loadBuiltinPack(path.join(REPO_ROOT, 'policy'), 'default');
  if (!pack.ok) throw new Error(`the default pack does not load: ${pack.errors.map((error) => error.message).join('; ')}`);
  return pack.value.files;
}
