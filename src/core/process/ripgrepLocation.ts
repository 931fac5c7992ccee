import { access, constants } from 'node:fs/promises';
import path from 'node:path';

/**
 * Where VS Code keeps its ripgrep below its install folder (`vscode.env.appRoot`): recent builds
 * and code-server ship @vscode/ripgrep-universal with one binary per platform, desktop builds
 * @vscode/ripgrep, unpacked beside the asar archive.
 */
export function ripgrepCandidates(appRoot: string, platform: string = process.platform, arch: string = process.arch): string[] {
  const exe = platform === 'win32' ? 'rg.exe' : 'rg';
  return [
    path.join(appRoot, 'node_modules', '@vscode', 'ripgrep-universal', 'bin', `${platform}-${arch}`, exe),
    path.join(appRoot, 'node_modules.asar.unpacked', '@vscode', 'ripgrep-universal', 'bin', `${platform}-${arch}`, exe),
    path.join(appRoot, 'node_modules', '@vscode', 'ripgrep', 'bin', exe),
    path.join(appRoot, 'node_modules.asar.unpacked', '@vscode', 'ripgrep', 'bin', exe),
  ];
}

/** The first candidate that exists and may be executed; undefined: use the Node fallback. */
export async function findRipgrep(appRoot: string): Promise<string | undefined> {
  for (const candidate of ripgrepCandidates(appRoot)) {
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not here; try the next place.
    }
  }
  return undefined;
}
