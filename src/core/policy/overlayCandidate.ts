import { loadBuiltinPack } from './builtinPacks';
import { composePolicy, type ComposedLayer, type Composition } from './policyComposition';
import { PolicyError } from './policyError';
import { readPolicyFile } from './policyFile';
import { parseOverlay } from './policyLoader';
import type { PolicyOverlay } from './policySchema';

/** Where the other layers of the merge come from. */
export interface CompositionFiles {
  readonly builtinDir: string;
  readonly packName: string;
  readonly managedPath?: string;
}

/**
 * The effective policy an overlay (or a managed file) would give, merged with the built-in pack
 * and the managed policy now on disk: what every edit computes before it writes, and what
 * `policy validate` runs on a file. A layer that cannot be read or parsed is an error.
 */
export async function composeCandidate(files: CompositionFiles, candidate: ComposedLayer<PolicyOverlay>, kind: 'overlay' | 'managed' = 'overlay'): Promise<Composition> {
  const pack = await loadBuiltinPack(files.builtinDir, files.packName);
  if (!pack.ok) return { ok: false, error: pack.errors.at(0) ?? new PolicyError({ code: 'POLICY_READ_FAILED', file: pack.path, detail: 'the built-in pack could not be loaded' }) };
  if (kind === 'managed') return composePolicy(pack.value, undefined, candidate);
  const managed = files.managedPath === undefined ? undefined : await readManaged(files.managedPath);
  if (managed instanceof PolicyError) return { ok: false, error: managed };
  return composePolicy(pack.value, candidate, managed);
}

async function readManaged(path: string): Promise<ComposedLayer<PolicyOverlay> | PolicyError | undefined> {
  const read = await readPolicyFile(path, path);
  if (!read.ok) return read.missing ? undefined : new PolicyError(read.diagnostic);
  const parsed = parseOverlay({ text: read.content.text, file: path }, 'managed');
  return parsed.ok ? { file: path, value: parsed.value, locate: parsed.locate } : parsed.errors.at(0);
}
