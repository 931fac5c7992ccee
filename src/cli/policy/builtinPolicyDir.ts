import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The built-in packs ship in `policy/` at the package root: next to `dist/` when bundled
 * (`dist/cli.js` → `../policy`), three levels up when run from source with tsx. The nearest
 * `policy/default.yaml` above this module is it; the search stops at the package root.
 */
export function builtinPolicyDir(from: string = __dirname): string {
  let folder = from;
  for (;;) {
    const candidate = join(folder, 'policy');
    if (existsSync(join(candidate, 'default.yaml'))) return candidate;
    const parent = dirname(folder);
    if (parent === folder || existsSync(join(folder, 'package.json'))) throw new Error(`the built-in policy packs (policy/default.yaml) were not found above ${from}; the installation is incomplete`);
    folder = parent;
  }
}
