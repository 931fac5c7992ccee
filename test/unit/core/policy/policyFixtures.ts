import { mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsePack } from '../../../../src/core/policy/policyLoader';
import type { PolicyPack } from '../../../../src/core/policy/policySchema';

/** The repository's built-in packs, as the extension and the CLI ship them. */
export const REPO_POLICY_DIR = join(__dirname, '../../../../policy');

/** A built-in pack from policy/, parsed; throws if it is invalid (builtinPacks.test.ts says why). */
export function builtinPack(name: 'default' | 'strict'): PolicyPack {
  const parsed = parsePack({ text: readFileSync(join(REPO_POLICY_DIR, `${name}.yaml`), 'utf8'), file: `${name}.yaml` });
  if (!parsed.ok) throw new Error(parsed.errors.map((error) => error.message).join('\n'));
  return parsed.value;
}

/** A fresh real (symlink-free) temporary folder per test, removed by the returned function. */
export function temporaryFolder(prefix: string): { path: string; remove: () => void } {
  const path = realpathSync(mkdtempSync(join(tmpdir(), `airlock-${prefix}-`)));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
