import { realpath } from 'node:fs/promises';
import { isAbsolute, relative, sep } from 'node:path';
import type { PolicyDiagnostic } from './policyError';

/**
 * A repository can make `.airlock` (or the overlay itself) a symbolic link to a file elsewhere:
 * Airlock would then honour, hash and edit a file outside the workspace. The overlay's real
 * location must lie inside the workspace folder's real location. Call it for an existing path.
 */
export async function checkOverlayLocation(workspaceFolder: string, path: string, file: string): Promise<PolicyDiagnostic | undefined> {
  const [folder, real] = await Promise.all([realpath(workspaceFolder), realpath(path)]);
  const inside = relative(folder, real);
  if (inside !== '' && inside !== '..' && !inside.startsWith(`..${sep}`) && !isAbsolute(inside)) return undefined;
  return { code: 'POLICY_OUTSIDE_WORKSPACE', file, detail: `resolves to ${real}, outside the workspace folder ${folder}; a symbolic link must not take the policy elsewhere, so it is ignored` };
}
