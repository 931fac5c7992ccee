import { existsSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, sep } from 'node:path';
import { HOME_SECRETS } from './sandboxLayout';

/**
 * The folders a server's launch line needs that the sandbox would otherwise hide: for every word
 * that is an absolute path to an existing file or folder inside /tmp (replaced by the sandbox's
 * own) or a hidden folder (home folders), its package — the outermost folder above it, below
 * that hidden root, that holds a `node_modules` (so Node finds the script's dependencies), else
 * the script's own folder. Bound read-only. Never a hidden root itself, and never a folder that
 * holds the home folder's credential stores (`~/.ssh`…): a server in such a place does not start.
 */
export function launchFolders(argv: readonly string[], hiddenRoots: readonly string[], home: string): string[] {
  const roots = ['/tmp', ...hiddenRoots];
  const secrets = HOME_SECRETS.map((name) => join(home, name));
  const folders = new Set<string>();
  for (const word of argv) {
    const real = realExisting(word);
    if (real === undefined) continue;
    // The innermost hidden root that holds it (a home folder under /home, not /home).
    const root = roots.filter((candidate) => real.startsWith(`${candidate}${sep}`)).sort((a, b) => b.length - a.length)[0];
    if (root === undefined) continue;
    const allowed = (folder: string): boolean => folder !== root && !secrets.some((secret) => secret === folder || secret.startsWith(`${folder}${sep}`));
    const folder = packageFolder(real, root, allowed);
    if (folder === undefined) continue;
    folders.add(folder);
  }
  return [...folders];
}

function realExisting(word: string): string | undefined {
  if (!isAbsolute(word) || !existsSync(word)) return undefined;
  try {
    return realpathSync(word);
  } catch {
    return undefined;
  }
}

/**
 * The outermost folder strictly inside `root`, on the way up from `path`, that holds node_modules
 * and may be bound; else the path's own folder if it may; else none.
 */
function packageFolder(path: string, root: string, allowed: (folder: string) => boolean): string | undefined {
  const own = statSync(path).isDirectory() ? path : dirname(path);
  let found: string | undefined;
  for (let folder = own; folder !== root && folder.startsWith(`${root}${sep}`); folder = dirname(folder)) {
    if (allowed(folder) && existsSync(join(folder, 'node_modules'))) found = folder;
  }
  return found ?? (allowed(own) ? own : undefined);
}
