import { join } from 'node:path';
import { PolicyError } from './policyError';
import { readPolicyFile } from './policyFile';
import { parsePack, type PolicyParseResult } from './policyLoader';
import type { PolicyPack } from './policySchema';

/** The packs Airlock ships in `policy/`; the active-pack setting offers these. */
export const BUILTIN_PACK_NAMES = ['default', 'strict'] as const;
export type BuiltinPackName = (typeof BUILTIN_PACK_NAMES)[number];
export const DEFAULT_PACK_NAME: BuiltinPackName = 'default';

export function isBuiltinPackName(name: string): name is BuiltinPackName {
  return (BUILTIN_PACK_NAMES as readonly string[]).includes(name);
}

/** A built-in pack, validated like any other file, and its SHA-256 for the list of sources. */
export type BuiltinPackResult = PolicyParseResult<PolicyPack> & { readonly path: string; readonly sha256?: string };

/**
 * Loads `<dir>/<name>.yaml`. The directory is passed in because each front end finds it
 * differently: the extension under its install folder, the CLI next to its bundle, tests in the
 * repository.
 */
export async function loadBuiltinPack(dir: string, name: string): Promise<BuiltinPackResult> {
  const path = join(dir, `${name}.yaml`);
  if (!isBuiltinPackName(name)) {
    const detail = `there is no built-in pack named "${name}"; choose one of ${BUILTIN_PACK_NAMES.join(', ')}`;
    return { ok: false, errors: [new PolicyError({ code: 'POLICY_UNKNOWN_PACK', file: path, detail })], warnings: [], path };
  }
  const read = await readPolicyFile(path, path);
  if (!read.ok) return { ok: false, errors: [new PolicyError(read.diagnostic)], warnings: [], path };
  return { ...parsePack({ text: read.content.text, file: path, expectedName: name }), path, sha256: read.content.sha256 };
}
