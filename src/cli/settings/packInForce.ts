import { resolve } from 'node:path';
import { DEFAULT_PACK_NAME } from '../../core/policy/builtinPacks';
import type { SecuritySettingKey } from '../../core/settings/securitySettings';
import type { CliContext } from '../cliContext';
import { cliSecuritySettings } from './cliSecuritySettings';
import { cliSourceLabel, renderWorkspaceRequest, workspaceRequestReports, type WorkspaceRequestReport } from './workspaceRequestReport';

/** The pack the extension would use in this folder, where it comes from, and what the workspace asked. */
export interface PackInForce {
  readonly name: string;
  readonly source: string;
  readonly workspaceRequests: readonly WorkspaceRequestReport[];
}

const POLICY_SETTINGS: readonly SecuritySettingKey[] = ['airlock.policy.pack', 'airlock.policy.managedPath', 'airlock.audit.path'];

/**
 * `--pack` given on the command line stands for the user's setting; without it, a pack the
 * workspace asks for applies only when it is stricter or the user approved it, as in VS Code.
 */
export async function packInForce(workspace: string | undefined, explicitPack: string | undefined, context: CliContext): Promise<PackInForce> {
  const folder = resolve(context.cwd ?? process.cwd(), workspace ?? '.');
  const user = new Map<SecuritySettingKey, string>(explicitPack === undefined ? [] : [['airlock.policy.pack', explicitPack]]);
  const { resolved } = await cliSecuritySettings(folder, user, context);
  const pack = resolved.get('airlock.policy.pack');
  return {
    name: pack?.value ?? DEFAULT_PACK_NAME,
    source: cliSourceLabel(pack?.source ?? 'default', '--pack', undefined, ''),
    workspaceRequests: workspaceRequestReports(resolved, POLICY_SETTINGS),
  };
}

/** `airlock policy show`'s report with where the pack comes from right under its "Pack:" line. */
export function withPackSource(pack: PackInForce, report: string): string {
  const lines = [`Pack source: ${pack.source}`, ...pack.workspaceRequests.map((request) => `Workspace asks: ${renderWorkspaceRequest(request)}`)];
  const firstLineEnd = report.indexOf('\n') + 1;
  return `${report.slice(0, firstLineEnd)}${lines.join('\n')}\n${report.slice(firstLineEnd)}`;
}
