import { mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsePack } from '../../../../src/core/policy/policyLoader';
import { applyManaged, mergeOverlay } from '../../../../src/core/policy/policyMerge';
import type { PolicyOverlay, PolicyPack } from '../../../../src/core/policy/policySchema';

/** The repository's built-in packs, as the extension and the CLI ship them. */
export const REPO_POLICY_DIR = join(__dirname, '../../../../policy');

/** A built-in pack from policy/, parsed; throws if it is invalid (builtinPacks.test.ts says why). */
export function builtinPack(name: 'default' | 'strict'): PolicyPack {
  const parsed = parsePack({ text: readFileSync(join(REPO_POLICY_DIR, `${name}.yaml`), 'utf8'), file: `${name}.yaml` });
  if (!parsed.ok) throw new Error(parsed.errors.map((error) => error.message).join('\n'));
  return parsed.value;
}

/** An overlay or managed file's content, without the version line. */
export type OverlayBody = Omit<PolicyOverlay, 'version'>;

/** The default pack with an overlay and a managed file on top, each optional, as the extension merges them. */
export function mergedPolicy(overlay: OverlayBody | undefined, managed: OverlayBody | undefined, pack: PolicyPack = builtinPack('default')): PolicyPack {
  const merged = overlay === undefined ? pack : mergeOverlay(pack, { version: 1, ...overlay });
  return managed === undefined ? merged : applyManaged(merged, { version: 1, ...managed });
}

/** A fresh real (symlink-free) temporary folder per test, removed by the returned function. */
export function temporaryFolder(prefix: string): { path: string; remove: () => void } {
  const path = realpathSync(mkdtempSync(join(tmpdir(), `airlock-${prefix}-`)));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
