import { link, mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * A real directory tree with real symbolic links, built under os.tmpdir() for one test file:
 *   root/ws        the workspace folder (files, control files, links in and out)
 *   root/ws2       a second workspace folder
 *   root/outside   what the agent must never reach
 *   root/ws-link   a symbolic link to ws, to open the workspace under another name
 */
export interface TempWorkspace {
  readonly root: string;
  readonly ws: string;
  readonly ws2: string;
  readonly outside: string;
  readonly wsLink: string;
  dispose(): Promise<void>;
}

const FILES: Record<string, string> = {
  'src/a.ts': 'export const a = 1;\n',
  'src/b.js': 'module.exports = 1;\n',
  'src/linked.ts': 'export {};\n',
  'docs/guide.md': '# Guide\n',
  'README': 'readme\n',
  'secrets/key.pem': '-----BEGIN PRIVATE KEY-----\n',
  'config/app.json': '{}\n',
  '.env': 'TOKEN=1\n',
  '.vscode/settings.json': '{}\n',
  '.airlock/policy/default.yaml': 'version: 1\n',
  '.git/HEAD': 'ref: refs/heads/main\n',
  '.git/hooks/pre-commit.sample': '#!/bin/sh\n',
};

/** Just over the 1 MB limit the tests use. */
export const BIG_FILE_BYTES = 1024 * 1024 + 1;

export async function createTempWorkspace(): Promise<TempWorkspace> {
  // realpath: on macOS os.tmpdir() is itself behind a link (/var → /private/var).
  const root = await realpath(await mkdtemp(path.join(os.tmpdir(), 'airlock-guard-')));
  const ws = path.join(root, 'ws');
  const ws2 = path.join(root, 'ws2');
  const outside = path.join(root, 'outside');
  for (const [file, content] of Object.entries(FILES)) await writeIn(ws, file, content);
  await writeIn(ws, 'src/big.ts', 'x'.repeat(BIG_FILE_BYTES));
  await writeIn(ws2, 'lib/util.ts', 'export {};\n');
  await writeIn(outside, 'secret.ts', 'export const secret = "s";\n');
  await mkdir(path.join(outside, 'dir'));
  await link(path.join(ws, 'src/linked.ts'), path.join(ws, 'hard.ts'));
  const links: [target: string, name: string][] = [
    [outside, 'out-link'],
    [path.join(outside, 'secret.ts'), 'out-file-link.ts'],
    [path.join(ws, 'src'), 'in-link'],
    [path.join(ws, 'secrets'), 'secrets-alias'],
    [path.join(ws, '.vscode'), 'vscode-alias'],
    [path.join(outside, 'missing.ts'), 'dangling.ts'],
    [path.join(ws, 'src', 'missing.ts'), 'dangling-in.ts'],
    [path.join(ws, 'loop-b'), 'loop-a'],
    [path.join(ws, 'loop-a'), 'loop-b'],
    ['../outside', 'relative-out-link'],
  ];
  for (const [target, name] of links) await symlink(target, path.join(ws, name));
  await symlink(ws, path.join(root, 'ws-link'));
  return { root, ws, ws2, outside, wsLink: path.join(root, 'ws-link'), dispose: () => rm(root, { recursive: true, force: true }) };
}

async function writeIn(folder: string, file: string, content: string): Promise<void> {
  const target = path.join(folder, file);
  await mkdir(path.dirname(target), { recursive: true });
  await writeFile(target, content);
}
