import path from 'node:path';
import { ensureCodeServer } from '../../../../scripts/lib/codeServer';
import { findRipgrep } from '../../../../src/core/process/ripgrepLocation';

/**
 * The ripgrep that VS Code ships, from the code-server that `npm test` installs before the unit
 * tests (scripts/bootstrap.sh; already complete, so this only reads the cache's paths): the same
 * binary the extension uses in code-server.
 */
export async function codeServerRipgrep(): Promise<string> {
  const { entry } = await ensureCodeServer();
  // entry: <code-server>/out/node/entry.js; VS Code's appRoot: <code-server>/lib/vscode.
  const appRoot = path.join(path.dirname(entry), '..', '..', 'lib', 'vscode');
  const rg = await findRipgrep(appRoot);
  if (rg === undefined) throw new Error(`no ripgrep under ${appRoot}`);
  return rg;
}
