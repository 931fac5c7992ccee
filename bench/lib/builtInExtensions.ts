import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { CodeServerInstall } from '../../scripts/lib/codeServer';

/** VS Code's built-in extensions as code-server ships them: lib/vscode/extensions/<name>. */
export function builtInExtensionsDir(install: CodeServerInstall): string {
  // entry is <code-server>/out/node/entry.js
  return path.resolve(path.dirname(install.entry), '..', '..', 'lib', 'vscode', 'extensions');
}

/** The file a built-in extension's package.json `main` names, with the `.js` VS Code adds. */
export function builtInMainFile(install: CodeServerInstall, name: string): string {
  const dir = path.join(builtInExtensionsDir(install), name);
  const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { main?: unknown };
  if (typeof manifest.main !== 'string') throw new Error(`built-in extension ${name} has no main`);
  const main = path.resolve(dir, manifest.main);
  const file = existsSync(main) ? main : `${main}.js`;
  if (!existsSync(file)) throw new Error(`built-in extension ${name}: main ${manifest.main} not found in ${dir}`);
  return file;
}

/** `vscode.<name>`: the id VS Code gives a built-in extension. */
export function builtInExtensionId(install: CodeServerInstall, name: string): string {
  const manifest = JSON.parse(readFileSync(path.join(builtInExtensionsDir(install), name, 'package.json'), 'utf8')) as { publisher?: unknown; name?: unknown };
  return `${String(manifest.publisher)}.${String(manifest.name)}`;
}
