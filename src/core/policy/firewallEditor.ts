import { access, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { isMap, isScalar, isSeq, parseDocument, type Document, type ToStringOptions } from 'yaml';
import { isBuiltinPackName } from './builtinPacks';
import { withFileLock } from './fileLock';
import { FirewallEditError } from './firewallEditError';
import { ALL_TOOLS, type EgressList } from './firewallRules';
import { formatHostPattern, parseHostPattern } from './hostPattern';
import { checkOverlayLocation } from './overlayLocation';
import { OverlayTrustStore, overlayTrustKey } from './overlayTrust';
import { PolicyError } from './policyError';
import { readPolicyFile, sha256Of } from './policyFile';
import { composeCandidate } from './overlayCandidate';
import { parseOverlay } from './policyLoader';
import { overlayDisplayPath, overlayPath } from './policyPaths';
import { toolIdSchema } from './policySchema';
import { isKnownTool, isKnownToolIn, unknownToolMessage } from '../agent/toolRegistry';
import { mcpServerNames, parseMcpToolId } from './mcpToolId';

export interface FirewallEdit {
  readonly workspaceFolder: string;
  readonly packName: string;
  /** Where the trust store lives: the edited content is recorded there as written by Airlock. */
  readonly configDir: string;
  readonly pattern: string;
  /** A tool id for `egress.tools.<tool>`; absent or `*` for every tool (`egress`). */
  readonly tool?: string;
  /** Which list; the firewall commands edit `allow`. */
  readonly list?: EgressList;
  /**
   * For a removal only: another list of the overlay (`files.deny`, `model.endpoints`, …) to take
   * the entry out of, as it stands in the file, so any section of an unloadable overlay can be repaired.
   */
  readonly field?: string;
  /** The built-in packs and the managed policy: the edited overlay is merged with them before it is written. */
  readonly builtinDir: string;
  readonly managedPath?: string;
}

export interface FirewallEditResult {
  readonly path: string;
  readonly file: string;
  /** The pattern as written, in canonical form. */
  readonly pattern: string;
  /** False when the rule was already there: nothing was written. */
  readonly changed: boolean;
  /** True when the overlay did not exist and was created. */
  readonly created: boolean;
  /** The SHA-256 of the content written (or found, when nothing changed): what must be in force once the edit applies. */
  readonly sha256: string;
  /** False when the file could not load before this edit: the result is not recorded as written by Airlock, so it asks for approval. */
  readonly trusted: boolean;
}

/** Adds a host pattern to the overlay of the workspace's active pack, creating the overlay if needed. */
export async function addFirewallRule(edit: FirewallEdit): Promise<FirewallEditResult> {
  return editOverlay(edit, true, addChange);
}

function addChange(seq: readonly string[], pattern: string): readonly string[] {
  return seq.some((entry) => canonical(entry) === pattern) ? seq : [...seq, pattern];
}

function removeChange(seq: readonly string[], pattern: string, where: string): readonly string[] {
  const kept = seq.filter((entry) => canonical(entry) !== pattern);
  if (kept.length === seq.length) throw new FirewallEditError('FIREWALL_RULE_NOT_FOUND', `${pattern} is not in ${where}`);
  return kept;
}

/** Removes a host pattern from the overlay; a rule the overlay does not hold is FIREWALL_RULE_NOT_FOUND. */
export async function removeFirewallRule(edit: FirewallEdit): Promise<FirewallEditResult> {
  return editOverlay(edit, false, removeChange);
}

/** Returns the new list, or the very same array when there is nothing to change. */
type ListChange = (entries: readonly string[], pattern: string, where: string) => readonly string[];

/**
 * One edit of `.airlock/policy/<pack>.yaml`, safe against the other writers and against the file:
 *  1. the pack, tool and pattern are checked before anything is touched;
 *  2. the overlay must lie inside the workspace (no symlink out of it);
 *  3. under an inter-process lock (the palette and the CLI may edit at the same moment), the
 *     file is read again, and must be trusted (approved or written by Airlock) or absent: an
 *     overlay that came with the repository and was never approved is not edited, so an edit
 *     cannot turn it into "written by Airlock" and launder it; it must be approved first;
 *  4. the file must be valid, and the edited text must validate too (the schema and the checks
 *     refuse, say, an allow rule for the metadata service) before it is written;
 *  5. comments and layout are kept (yaml's Document API); the new content's hash is recorded as
 *     written by Airlock, then the file is replaced atomically.
 */
async function editOverlay(edit: FirewallEdit, create: boolean, change: ListChange): Promise<FirewallEditResult> {
  const { pattern, path, file } = await prepare(edit, create);
  return withFileLock(path, async () => {
    const planned = await planEdit(edit, create, change);
    if (planned.after === undefined) return { path, file, pattern, changed: false, created: false, sha256: sha256Of(planned.before ?? ''), trusted: planned.trusted };
    if (planned.trusted) await new OverlayTrustStore(edit.configDir).trust(await overlayTrustKey(path), sha256Of(planned.after), 'written');
    await writeFileAtomic(path, planned.after);
    return { path, file, pattern, changed: true, created: planned.before === undefined, sha256: sha256Of(planned.after), trusted: planned.trusted };
  });
}

/** The overlay's text before and after an edit, without writing anything (for an approval's diff). */
export interface FirewallPreview {
  readonly file: string;
  readonly pattern: string;
  /** Undefined when the overlay does not exist yet. */
  readonly before: string | undefined;
  /** Undefined when the edit would change nothing. */
  readonly after: string | undefined;
  /** Whether the new content counts as written by Airlock (see FirewallEditResult.trusted). */
  readonly trusted: boolean;
}

/** What `addFirewallRule` / `removeFirewallRule` would write, checked the same way; nothing is written. */
export async function previewFirewallEdit(edit: FirewallEdit, action: 'add' | 'remove'): Promise<FirewallPreview> {
  const create = action === 'add';
  const planned = await planEdit(edit, create, create ? addChange : removeChange);
  return { file: planned.file, pattern: planned.pattern, before: planned.before, after: planned.after, trusted: planned.trusted };
}

async function prepare(edit: FirewallEdit, create: boolean): Promise<{ pattern: string; path: string; file: string }> {
  const { pattern, where } = checkRequest(edit, create);
  const path = overlayPath(edit.workspaceFolder, edit.packName);
  const file = overlayDisplayPath(edit.packName);
  if (create) await ensureOverlayFolder(edit.workspaceFolder, file);
  // Nothing to lock or remove from when the overlay's folder does not exist.
  else if (!(await exists(dirname(path)))) throw new FirewallEditError('FIREWALL_RULE_NOT_FOUND', `${pattern} is not in ${where}: ${file} does not exist`);
  return { pattern, path, file };
}

interface PlannedEdit {
  readonly file: string;
  readonly pattern: string;
  readonly before: string | undefined;
  readonly after: string | undefined;
  readonly trusted: boolean;
}

/** Reads the overlay (checked: inside the workspace, trusted, valid), applies the change, validates the result. */
async function planEdit(edit: FirewallEdit, create: boolean, change: ListChange): Promise<PlannedEdit> {
  const { pattern, listPath, where } = checkRequest(edit, create);
  const path = overlayPath(edit.workspaceFolder, edit.packName);
  const file = overlayDisplayPath(edit.packName);
  const current = (await exists(dirname(path))) ? await readCurrent(edit, path, file, create) : undefined;
  if (current === undefined && !create) throw new FirewallEditError('FIREWALL_RULE_NOT_FOUND', `${pattern} is not in ${where}: ${file} does not exist`);
  const document = current === undefined ? newOverlayDocument(edit.packName) : parseDocument(current.text);
  const trusted = current?.loadable ?? true;
  const before = readList(document, listPath);
  const after = change(before, pattern, `${where} of ${file}`);
  if (after === before) return { file, pattern, before: current?.text, after: undefined, trusted };
  writeList(document, listPath, before, after);
  const text = document.toString(toStringOptions(current?.text));
  // A removal from a file that cannot load is a repair: written even if other entries are still wrong.
  if (!trusted) return { file, pattern, before: current?.text, after: text, trusted };
  const parsed = parseOverlay({ text, file, expectedName: edit.packName });
  const verb = create ? 'added to' : 'removed from';
  // The details only: line numbers of a file that was never written would mislead.
  if (!parsed.ok) throw new FirewallEditError('FIREWALL_RULE_REFUSED', `${pattern} cannot be ${verb} ${where}: ${parsed.errors.map((error) => error.detail).join('; ')}`);
  // The new effective policy is computed before anything is written: an edit that would leave it unloadable is refused.
  const composed = await composeCandidate({ builtinDir: edit.builtinDir, packName: edit.packName, ...(edit.managedPath === undefined ? {} : { managedPath: edit.managedPath }) }, { file, value: parsed.value, locate: parsed.locate });
  if (!composed.ok) throw new FirewallEditError('FIREWALL_RULE_REFUSED', `${pattern} cannot be ${verb} ${where}: the policy would not load (${composed.error.detail})`);
  // An MCP tool is known once the policy names its server: asked of the policy this edit would be in force in.
  const servers = mcpServerNames(composed.policy);
  if (create && edit.tool !== undefined && edit.tool !== ALL_TOOLS && !isKnownToolIn(edit.tool, servers)) throw new FirewallEditError('FIREWALL_UNKNOWN_TOOL', unknownToolMessage(edit.tool, servers));
  return { file, pattern, before: current?.text, after: text, trusted };
}

function checkRequest(edit: FirewallEdit, create: boolean): { pattern: string; listPath: string[]; where: string } {
  if (!isBuiltinPackName(edit.packName)) throw new FirewallEditError('FIREWALL_UNKNOWN_PACK', `there is no built-in pack named "${edit.packName}"`);
  if (edit.field !== undefined) return otherListRequest(edit.field, edit.pattern, create);
  const list = edit.list ?? 'allow';
  const pattern = requestedPattern(edit.pattern, create);
  if (edit.tool === undefined || edit.tool === ALL_TOOLS) return { pattern, listPath: ['egress', list], where: `egress.${list} (every tool)` };
  if (create) checkNewTool(edit.tool);
  else if (edit.tool.trim() === '') throw new FirewallEditError('FIREWALL_INVALID_TOOL', 'the tool id is empty');
  return { pattern, listPath: ['egress', 'tools', edit.tool, list], where: `egress.tools["${edit.tool}"].${list}` };
}

/** The string lists outside `egress` whose entries a removal may name. */
/** The overlay's lists outside egress whose entries a removal may name (`--field`, the palette's Remove). */
export const OTHER_LISTS: ReadonlySet<string> = new Set(['files.allow', 'files.deny', 'files.readonly', 'files.extensions', 'model.endpoints', 'approvals.require']);

function otherListRequest(field: string, entry: string, create: boolean): { pattern: string; listPath: string[]; where: string } {
  if (create) throw new FirewallEditError('FIREWALL_INVALID_FIELD', 'only removals name another list of the overlay; allow rules go under egress');
  if (!OTHER_LISTS.has(field)) throw new FirewallEditError('FIREWALL_INVALID_FIELD', `"${field}" is not a list of the overlay outside egress; one of ${[...OTHER_LISTS].join(', ')}`);
  return { pattern: requestedPattern(entry, false), listPath: field.split('.'), where: field };
}

/**
 * The pattern in canonical form. A removal may also name an entry that is not a valid pattern,
 * exactly as it stands in the file: that is how a file that cannot load is repaired.
 */
function requestedPattern(raw: string, create: boolean): string {
  const parsed = parseHostPattern(raw);
  if (parsed.ok) return formatHostPattern(parsed.pattern);
  if (create || raw.trim() === '') throw new FirewallEditError('FIREWALL_INVALID_PATTERN', parsed.error);
  return raw.trim();
}

/**
 * A new rule names a tool that exists; removing one for any id that stands in the file is always
 * allowed. An MCP id passes here and is checked against the policy's servers once it is composed.
 */
function checkNewTool(tool: string): void {
  const parsed = toolIdSchema.safeParse(tool);
  if (!parsed.success) throw new FirewallEditError('FIREWALL_INVALID_TOOL', `"${tool}" is not a tool id: ${parsed.error.issues.at(0)?.message ?? 'invalid'}`);
  if (!isKnownTool(tool) && parseMcpToolId(tool) === undefined) throw new FirewallEditError('FIREWALL_UNKNOWN_TOOL', unknownToolMessage(tool));
}

/** Creates `.airlock/policy` one level at a time, refusing to follow a link out of the workspace. */
export async function ensureOverlayFolder(workspaceFolder: string, file: string): Promise<void> {
  for (const folder of [join(workspaceFolder, '.airlock'), join(workspaceFolder, '.airlock', 'policy')]) {
    await mkdir(folder).catch((error: unknown) => {
      if (!(error instanceof Error && 'code' in error && error.code === 'EEXIST')) throw error;
    });
    const misplaced = await checkOverlayLocation(workspaceFolder, folder, file);
    if (misplaced !== undefined) throw new FirewallEditError('FIREWALL_OVERLAY_OUTSIDE_WORKSPACE', misplaced.detail);
  }
}

/**
 * The overlay's current text, after checking it may be edited; undefined when it does not exist.
 * A file that cannot load may still lose entries (`loadable: false`): that is how the product's
 * own commands repair it. Adding to it is refused until it is fixed.
 */
async function readCurrent(edit: FirewallEdit, path: string, file: string, create: boolean): Promise<{ text: string; loadable: boolean } | undefined> {
  const read = await readPolicyFile(path, file);
  if (!read.ok && read.missing) return undefined;
  if (!read.ok) throw new FirewallEditError('FIREWALL_OVERLAY_INVALID', `${file} cannot be edited:`, [new PolicyError(read.diagnostic)]);
  const misplaced = await checkOverlayLocation(edit.workspaceFolder, path, file);
  if (misplaced !== undefined) throw new FirewallEditError('FIREWALL_OVERLAY_OUTSIDE_WORKSPACE', misplaced.detail);
  const parsed = parseOverlay({ text: read.content.text, file, expectedName: edit.packName });
  if (!parsed.ok && !create && parseDocument(read.content.text).errors.length === 0) return { text: read.content.text, loadable: false };
  if (!parsed.ok) throw new FirewallEditError('FIREWALL_OVERLAY_INVALID', `${file} is invalid; fix it before editing it:`, parsed.errors);
  const status = await new OverlayTrustStore(edit.configDir).status(await overlayTrustKey(path), read.content.sha256);
  if (status !== 'trusted') {
    throw new FirewallEditError('FIREWALL_OVERLAY_NOT_APPROVED', `${file} was not written by Airlock and has not been approved (it may have come with the repository); approve it first ("airlock policy approve", or the dialog in VS Code), then edit it`);
  }
  return { text: read.content.text, loadable: true };
}

/** The comment a new overlay starts with: what the file is, how it merges, and why a hand edit asks again. */
function header(packName: string): string {
  return [
    ` Airlock workspace overlay for the built-in "${packName}" pack.`,
    ' Lists here add to the pack\'s lists; block and deny always win over allow.',
    ' Written by `airlock firewall` and the "Airlock: Firewall" commands. After an edit by hand,',
    ' or a change that comes with the repository, Airlock asks you to approve the new content.',
  ].join('\n');
}

function newOverlayDocument(packName: string): Document {
  const document = parseDocument('version: 1\n');
  document.commentBefore = header(packName);
  return document;
}

function readList(document: Document, listPath: readonly string[]): readonly string[] {
  const node = document.getIn(listPath, true);
  return isSeq(node) ? node.items.map((item) => String(isScalar(item) ? item.value : item)) : [];
}

/** Edits the sequence in place when it exists, so its comments and flow or block style survive. */
function writeList(document: Document, listPath: readonly string[], before: readonly string[], after: readonly string[]): void {
  if (after.length === 0) {
    removeEmptied(document, listPath);
    return;
  }
  const node = document.getIn(listPath, true);
  if (!isSeq(node)) {
    document.setIn(listPath, document.createNode(after));
    return;
  }
  for (let index = before.length - 1; index >= 0; index--) {
    if (!after.includes(before.at(index) ?? '')) node.delete(index);
  }
  for (const entry of after) if (!before.includes(entry)) node.add(document.createNode(entry));
}

/**
 * A list left empty goes, and so does each map above it that it leaves empty (`tools.web.fetch`,
 * `tools`, `egress`): an `allow: []` left behind reads as a rule that allows nothing, and the next
 * reader has to work out that it means the same as no list at all.
 */
function removeEmptied(document: Document, listPath: readonly string[]): void {
  document.deleteIn(listPath);
  for (let depth = listPath.length - 1; depth > 0; depth--) {
    const parent = listPath.slice(0, depth);
    const node = document.getIn(parent, true);
    if (!isMap(node) || node.items.length > 0) return;
    document.deleteIn(parent);
  }
}

function canonical(entry: string): string {
  const parsed = parseHostPattern(entry);
  return parsed.ok ? formatHostPattern(parsed.pattern) : entry;
}

/** Keeps the file's own habits where yaml lets us choose: no line folding, its list indentation. */
function toStringOptions(original: string | undefined): ToStringOptions {
  const unindentedLists = original !== undefined && /^( *)[^\s#-][^\n]*:[ \t]*(#[^\n]*)?\n\1- /m.test(original);
  return { lineWidth: 0, flowCollectionPadding: false, indentSeq: !unindentedLists };
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(() => true, () => false);
}
