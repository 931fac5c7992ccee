// Shared helpers for the extension-host tests.
import * as vscode from 'vscode';

export const EXTENSION_ID = 'airlock-dev.airlock';

export const CONTRIBUTED_COMMANDS = [
  'airlock.newChat',
  'airlock.addSelectionToChat',
  'airlock.checkModel',
  'airlock.setApiKey',
  'airlock.clearApiKey',
  'airlock.showLog',
  'airlock.firewall.list',
  'airlock.firewall.allowDomain',
  'airlock.firewall.removeDomain',
  'airlock.selectPolicyPack',
  'airlock.showEffectivePolicy',
  'airlock.reviewPolicyOverlay',
  'airlock.reviewWorkspaceSettings',
  'airlock.showAuditLog',
  'airlock.reviewSideDoors',
  'airlock.reviewMcpServers',
] as const;

export interface AirlockManifest {
  activationEvents?: string[];
  capabilities?: { untrustedWorkspaces?: { supported?: unknown } };
  contributes?: { commands?: { command: string }[] };
}

export function airlockExtension(): vscode.Extension<unknown> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed in this VS Code`);
  return extension;
}

export function airlockManifest(): AirlockManifest {
  return airlockExtension().packageJSON as AirlockManifest;
}

/** Polls a condition; activation travels browser → server, so it is not synchronous. */
export async function waitFor(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function updateGlobalSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration().update(key, value, vscode.ConfigurationTarget.Global);
}
