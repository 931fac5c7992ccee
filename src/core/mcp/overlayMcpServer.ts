import { isDeepStrictEqual } from 'node:util';
import writeFileAtomic from 'write-file-atomic';
import { parseDocument } from 'yaml';
import { withFileLock } from '../policy/fileLock';
import { ensureOverlayFolder } from '../policy/firewallEditor';
import { ownValue } from '../policy/keyedRecord';
import { composeCandidate, type CompositionFiles } from '../policy/overlayCandidate';
import { checkOverlayLocation } from '../policy/overlayLocation';
import { readPolicyFile, sha256Of } from '../policy/policyFile';
import { parseOverlay } from '../policy/policyLoader';
import { overlayDisplayPath, overlayPath } from '../policy/policyPaths';
import type { AdoptedServer } from './directServerPolicy';
import { McpAdoptionError } from './mcpAdoptionError';

export interface OverlayServerWrite extends CompositionFiles {
  readonly workspaceFolder: string;
  readonly name: string;
  readonly server: AdoptedServer;
}

export interface OverlayServerResult {
  readonly path: string;
  /** The overlay as messages show it (`.airlock/policy/<pack>.yaml`). */
  readonly file: string;
  /** The SHA-256 of the overlay now: what must be in force (approved) once the move applies. */
  readonly sha256: string;
  /** False when the overlay already declared exactly this server: nothing was written. */
  readonly written: boolean;
}

/**
 * Adds `mcp.servers.<name>` to the workspace overlay of the active pack, creating the overlay if
 * needed, for a server moved from an agent's own MCP file. Under the overlay's lock the file is
 * read again and must lie inside the workspace and load; the name must be free in the policy the
 * overlay composes into (pack, overlay, managed policy), so a move never widens or replaces a
 * server someone else declared; the new text must load too. Comments and layout are kept.
 *
 * Unlike the firewall's edits, the result is NOT recorded as written by Airlock: the command and
 * arguments come from a file the repository shipped, so the overlay waits for the user's approval
 * like any other, and the approval dialog says what the server runs. Running the same move again
 * is not an error: the overlay already declares the server, nothing is written.
 */
export async function addOverlayMcpServer(edit: OverlayServerWrite): Promise<OverlayServerResult> {
  const path = overlayPath(edit.workspaceFolder, edit.packName);
  const file = overlayDisplayPath(edit.packName);
  await ensureOverlayFolder(edit.workspaceFolder, file);
  return withFileLock(path, async () => {
    const read = await readPolicyFile(path, file);
    if (!read.ok && !read.missing) throw new McpAdoptionError('ADOPT_OVERLAY_INVALID', `${file} cannot be read: ${read.diagnostic.detail}`);
    const before = read.ok ? read.content.text : undefined;
    if (before !== undefined) {
      const misplaced = await checkOverlayLocation(edit.workspaceFolder, path, file);
      if (misplaced !== undefined) throw new McpAdoptionError('ADOPT_OUTSIDE_WORKSPACE', `${file} ${misplaced.detail}`);
    }
    const current = before === undefined ? undefined : parseOverlay({ text: before, file, expectedName: edit.packName });
    if (current !== undefined && !current.ok) throw new McpAdoptionError('ADOPT_OVERLAY_INVALID', `${file} does not load; fix it before moving a server into it: ${current.errors.map((error) => error.detail).join('; ')}`);
    const ours = ownValue(current?.value.mcp?.servers, edit.name);
    if (ours !== undefined && sameLaunch(ours, edit.server)) return { path, file, sha256: sha256Of(before ?? ''), written: false };
    const base = await composeCandidate(edit, { file, value: current?.value ?? { version: 1 }, ...(current?.locate ? { locate: current.locate } : {}) });
    if (!base.ok) throw new McpAdoptionError('ADOPT_POLICY_INVALID', `the policy does not load now (${base.error.detail}); fix it before moving a server`);
    if (ownValue(base.policy.mcp.servers, edit.name) !== undefined) {
      throw new McpAdoptionError('ADOPT_NAME_TAKEN', `the policy already names an MCP server "${edit.name}" with another command or URL; rename one of them first`);
    }
    const document = parseDocument(before ?? 'version: 1\n');
    if (before === undefined) document.commentBefore = header(edit.packName);
    document.setIn(['mcp', 'servers', edit.name], document.createNode(edit.server));
    const text = document.toString({ lineWidth: 0, flowCollectionPadding: false });
    const parsed = parseOverlay({ text, file, expectedName: edit.packName });
    if (!parsed.ok) throw new McpAdoptionError('ADOPT_POLICY_INVALID', `"${edit.name}" cannot be added to ${file}: ${parsed.errors.map((error) => error.detail).join('; ')}`);
    const composed = await composeCandidate(edit, { file, value: parsed.value, locate: parsed.locate });
    if (!composed.ok) throw new McpAdoptionError('ADOPT_POLICY_INVALID', `"${edit.name}" cannot be added to ${file}: the policy would not load (${composed.error.detail})`);
    await writeFileAtomic(path, text);
    return { path, file, sha256: sha256Of(text), written: true };
  });
}

/** Whether the overlay's entry runs what the move would write (command and arguments, or URL). */
function sameLaunch(entry: { readonly stdio?: { readonly command?: string; readonly args?: readonly string[] }; readonly http?: { readonly url?: string } }, server: AdoptedServer): boolean {
  if (server.stdio) return entry.stdio?.command === server.stdio.command && isDeepStrictEqual(entry.stdio.args ?? [], [...server.stdio.args]);
  return entry.http?.url === server.http?.url && entry.stdio === undefined;
}

function header(packName: string): string {
  return ` Airlock workspace overlay for the built-in "${packName}" pack, started by "Move Behind Airlock" (airlock mcp adopt).\n Airlock asks you to approve this content, and any later change, before it applies.`;
}
