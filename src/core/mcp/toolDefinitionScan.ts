/**
 * The definition scan: every string of an MCP tool definition, checked before the definition
 * reaches the model. Order of checks, first decisive one wins:
 * 1. a definition past the size, depth or string-count bounds is `block` (not scanned);
 * 2. each string is sanitized by the content guard: Unicode tag characters are `block` (they carry
 *    text the user cannot see), other invisible characters (zero-width, bidi, controls) `flag`;
 * 3. the MCP rules (definitionRules.ts) on the sanitized text: one family `flag`, two or more
 *    different families in one definition `block`;
 * 4. the content guard's own scan: its `block` verdict on a string is a `flag` here, because
 *    definitions are imperative by nature and the guard was calibrated on documents.
 * Pure and deterministic; time linear in the size of the definition.
 */
import { scanContent, sanitize, type RemovalKind } from '../content';
import { DEFINITION_RULES, foldForRules } from './definitionRules';
import { definitionStrings } from './definitionStrings';
import type { DefinitionReason, DefinitionScanResult, DefinitionVerdict, ToolDefinition } from './toolDefinition';

/** Invisible kinds that never belong in a definition; a lone emoji variation selector is kept by sanitize and is not one. */
const FLAGGED_REMOVALS: readonly RemovalKind[] = ['zero-width', 'bidi', 'control', 'variation-selector'];
/** MCP rule families that together make a definition an attack beyond doubt. */
const BLOCK_AT_FAMILIES = 2;
/** Printable ASCII with tab and newlines: nothing in it for the sanitizer to remove, so it is skipped. */
const PLAIN_ASCII = /^[\x20-\x7e\t\n\r]*$/;
/**
 * A short identifier-like string (a schema keyword, a type, a property name, an enum value) holds
 * no sentence and no encoded payload long enough for the content guard: most strings of a schema
 * are such, and skipping the guard on them makes the scan several times faster.
 */
const SHORT_TOKEN = /^[A-Za-z0-9_.$/-]{0,40}$/;

export function scanToolDefinition(definition: ToolDefinition): DefinitionScanResult {
  const walked = definitionStrings(definition as unknown as Readonly<Record<string, unknown>>);
  if ('overLimit' in walked) return { verdict: 'block', reasons: [{ rule: 'mcp.too-large', text: `definition not scanned: ${walked.overLimit}` }] };
  const reasons: DefinitionReason[] = [];
  const seen = new Set<string>();
  const families = new Set<string>();
  let verdict: DefinitionVerdict = 'allow';
  const add = (reason: DefinitionReason, level: DefinitionVerdict): void => {
    const key = `${reason.rule}\u0000${reason.at ?? ''}`;
    if (seen.has(key)) return;
    seen.add(key);
    reasons.push(reason);
    if (level === 'block' || (level === 'flag' && verdict === 'allow')) verdict = level;
  };
  for (const { at, text, parameter } of walked.strings) {
    const clean = PLAIN_ASCII.test(text) ? { text, removed: {} as Partial<Record<RemovalKind, number>> } : sanitize(text);
    if ((clean.removed.tag ?? 0) > 0) add({ rule: 'mcp.unicode-tags', text: `${clean.removed.tag} Unicode tag characters (text the user cannot see) removed`, at }, 'block');
    const invisible = FLAGGED_REMOVALS.reduce((sum, kind) => sum + (clean.removed[kind] ?? 0), 0);
    if (invisible > 0) add({ rule: 'mcp.invisible-characters', text: `${invisible} invisible characters (${describeRemoved(clean.removed)}) removed`, at }, 'flag');
    const folded = foldForRules(clean.text);
    for (const rule of DEFINITION_RULES) {
      if (rule.parameterOnly === true && parameter === undefined) continue;
      if (!rule.patterns.some((pattern) => pattern.test(folded))) continue;
      families.add(rule.id);
      add({ rule: rule.id, text: rule.text, at }, 'flag');
    }
    if (SHORT_TOKEN.test(clean.text)) continue;
    const guard = scanContent(clean.text);
    if (guard.verdict === 'block') {
      const categories = [...new Set(guard.flags.map((flag) => flag.category))].join(', ');
      add({ rule: 'mcp.content-guard', text: `the content guard blocks this text as prompt injection (${categories})`, at }, 'flag');
    }
  }
  if (families.size >= BLOCK_AT_FAMILIES) verdict = 'block';
  return { verdict, reasons };
}

function describeRemoved(removed: Readonly<Partial<Record<RemovalKind, number>>>): string {
  return FLAGGED_REMOVALS.filter((kind) => (removed[kind] ?? 0) > 0).map((kind) => `${kind} ${removed[kind]}`).join(', ');
}
