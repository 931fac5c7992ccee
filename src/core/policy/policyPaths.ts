import { join } from 'node:path';

/** Where a workspace keeps the overlay for a pack: `<folder>/.airlock/policy/<pack>.yaml`. */
export function overlayPath(workspaceFolder: string, packName: string): string {
  return join(workspaceFolder, '.airlock', 'policy', `${packName}.yaml`);
}

/** The overlay's path as messages show it: relative to the workspace folder, with forward slashes. */
export function overlayDisplayPath(packName: string): string {
  return `.airlock/policy/${packName}.yaml`;
}

/**
 * The user-level folder, outside every repository, that holds what a repository must not be able
 * to forge (the overlay approvals): `$AIRLOCK_CONFIG_DIR`, else `$XDG_CONFIG_HOME/airlock`, else
 * `~/.config/airlock`. The CLI and the extension compute it the same way so they share it.
 */
export function resolveConfigDir(env: Readonly<Record<string, string | undefined>>, homeDir: string): string {
  const explicit = env.AIRLOCK_CONFIG_DIR?.trim();
  if (explicit) return explicit;
  const xdg = env.XDG_CONFIG_HOME?.trim();
  return join(xdg ? xdg : join(homeDir, '.config'), 'airlock');
}

/**
 * The managed policy file: the machine-scoped setting when it is set (an administrator's choice),
 * else `$AIRLOCK_MANAGED_POLICY`, else none.
 */
export function resolveManagedPolicyPath(env: Readonly<Record<string, string | undefined>>, setting?: string): string | undefined {
  const configured = setting?.trim() || env.AIRLOCK_MANAGED_POLICY?.trim();
  return configured ? configured : undefined;
}
