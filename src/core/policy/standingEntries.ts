import { parseDocument } from 'yaml';
import { OTHER_LISTS } from './firewallEditor';
import { ALL_TOOLS, EGRESS_LISTS, type EgressList } from './firewallRules';
import { ownEntries, ownValue } from './keyedRecord';
import { readPolicyFile } from './policyFile';
import { overlayDisplayPath, overlayPath } from './policyPaths';

/** One egress entry as it is written in the overlay, whether or not the file loads. */
export interface StandingEntry {
  readonly tool: string;
  readonly list: EgressList;
  readonly pattern: string;
}

/**
 * The egress entries that stand in the workspace overlay, read from its YAML alone (no schema):
 * what the firewall commands offer to remove, so a file that cannot load can still be repaired
 * with them. A file whose YAML does not parse has no entries to offer; it must be fixed by hand.
 */
export async function standingEgressEntries(workspaceFolder: string, packName: string): Promise<StandingEntry[]> {
  const read = await readPolicyFile(overlayPath(workspaceFolder, packName), overlayDisplayPath(packName));
  return read.ok ? egressEntriesOf(read.content.text) : [];
}

/** One entry of another list of the overlay (files.deny, model.endpoints, …), as it is written. */
export interface StandingFieldEntry {
  readonly field: string;
  readonly value: string;
}

/** The entries of the overlay's other lists, read like the egress entries: loadable or not. */
export async function standingFieldEntries(workspaceFolder: string, packName: string): Promise<StandingFieldEntry[]> {
  const read = await readPolicyFile(overlayPath(workspaceFolder, packName), overlayDisplayPath(packName));
  return read.ok ? fieldEntriesOf(read.content.text) : [];
}

export function fieldEntriesOf(text: string): StandingFieldEntry[] {
  const data = overlayData(text);
  return [...OTHER_LISTS].flatMap((field) => {
    const [section, list] = field.split('.');
    const entries = ownValue(asRecord(ownValue(asRecord(data), section ?? '')), list ?? '');
    return Array.isArray(entries) ? entries.map((entry) => ({ field, value: String(entry) })) : [];
  });
}

/** The overlay's YAML as plain data, or undefined when it does not parse. */
function overlayData(text: string): unknown {
  const document = parseDocument(text, { uniqueKeys: false });
  if (document.errors.length > 0) return undefined;
  try {
    return document.toJS({ maxAliasCount: 50 });
  } catch {
    return undefined; // an alias bomb: nothing to offer, the loader reports it
  }
}

export function egressEntriesOf(text: string): StandingEntry[] {
  const data = overlayData(text);
  const egress = asRecord(ownValue(asRecord(data), 'egress'));
  const tools = ownEntries(asRecord(ownValue(egress, 'tools')));
  return [...listsOf(ALL_TOOLS, egress), ...tools.flatMap(([tool, rules]) => listsOf(tool, asRecord(rules)))];
}

function listsOf(tool: string, rules: Record<string, unknown> | undefined): StandingEntry[] {
  return EGRESS_LISTS.flatMap((list) => {
    const entries = ownValue(rules, list);
    return Array.isArray(entries) ? entries.map((entry) => ({ tool, list, pattern: String(entry) })) : [];
  });
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
