/**
 * Pins of tool definitions: at approval, the SHA-256 of each tool's canonical definition is
 * stored; a later `tools/list` is compared pin by pin, so a changed description is caught even
 * when the new text scans clean (a rug pull).
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonicalJson';
import type { ToolDefinition } from './toolDefinition';

/** The parts of a definition the model or the user sees; anything else a server sends is not pinned. */
export function pinnedPart(definition: ToolDefinition): Readonly<Record<string, unknown>> {
  const { name, title, description, inputSchema, annotations } = definition;
  return { name, title, description, inputSchema, annotations };
}

/** SHA-256 (hex) of the canonical JSON of name, title, description, inputSchema and annotations. */
export function toolPin(definition: ToolDefinition): string {
  return createHash('sha256').update(canonicalJson(pinnedPart(definition)), 'utf8').digest('hex');
}

/** Tool name → pin. */
export type PinSet = ReadonlyMap<string, string>;

export function pinSet(definitions: readonly ToolDefinition[]): PinSet {
  return new Map(definitions.map((definition) => [definition.name, toolPin(definition)]));
}

export interface PinDiff {
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly changed: readonly string[];
}

/** What differs between the approved pins and the current ones; names sorted, so the result is deterministic. */
export function diffPins(approved: PinSet, current: PinSet): PinDiff {
  const added = [...current.keys()].filter((name) => !approved.has(name)).sort();
  const removed = [...approved.keys()].filter((name) => !current.has(name)).sort();
  const changed = [...current.keys()].filter((name) => approved.has(name) && approved.get(name) !== current.get(name)).sort();
  return { added, removed, changed };
}
