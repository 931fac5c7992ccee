/**
 * What one `tools/list` of a server means against the definitions the user approved, and what the
 * model may be offered. Order of checks:
 * 1. every listed definition is pinned and compared with the approved pins: any tool changed,
 *    added or removed (or no approval at all) makes the review unapproved, and then the server
 *    offers nothing until the user has seen the review and approved it (a rug pull is caught by
 *    the pin even when the new text scans clean);
 * 2. each tool is scanned (toolDefinitionScan): a blocked definition is never offered, a flagged
 *    one is shown with its reasons, and invisible characters are stripped from what the model sees;
 * 3. each tool is named (mcpToolName): an invalid or colliding name is never offered;
 * 4. each tool is decided by the server's policy (mcpToolPolicy): allowlist, readonly, risk.
 */
import { sanitize } from '../content';
import type { McpServerPolicy, RiskLevel } from '../policy/policySchema';
import { canonicalJson } from './canonicalJson';
import { nameMcpTools, type McpNaming } from './mcpToolName';
import { decideMcpTool, type McpToolDecision } from './mcpToolPolicy';
import type { ApprovedServer } from './pinStore';
import { checkPattern } from './safePattern';
import type { DefinitionScanResult, ToolDefinition } from './toolDefinition';
import { scanToolDefinition } from './toolDefinitionScan';
import { pinnedPart, toolPin } from './toolPin';

export type ToolChange = 'unchanged' | 'added' | 'changed' | 'removed';

/** One tool as the approval dialog shows it. */
export interface ToolReview {
  readonly name: string;
  readonly change: ToolChange;
  /** The approved definition as indented canonical JSON with invisible characters shown as `\u{…}` (absent when added). */
  readonly before?: string;
  /** The listed definition, the same way (absent when removed). */
  readonly after?: string;
  /** The scan of the listed definition (absent when removed). */
  readonly scan?: DefinitionScanResult;
  /** Absent when removed. */
  readonly naming?: McpNaming;
  readonly policy: McpToolDecision;
  /** Set when Airlock cannot call the tool at all, with why: it is never offered. */
  readonly unsupported?: string;
}

export interface DefinitionReview {
  readonly server: string;
  /** True when the listing is exactly what the user approved: nothing to show, the tools may be offered. */
  readonly approved: boolean;
  /** True when this server (as identified) was never approved. */
  readonly firstApproval: boolean;
  /** Listed and removed tools, sorted by name. */
  readonly tools: readonly ToolReview[];
  /** What approving this review pins: the listing as reviewed. */
  readonly definitions: readonly ToolDefinition[];
}

/** A tool the model may be offered, with the definition that was approved. */
export interface OfferedMcpTool {
  readonly server: string;
  readonly name: string;
  readonly id: string;
  readonly functionName: string;
  readonly risk: RiskLevel;
  readonly pin: string;
  /** Title and description with invisible characters removed, for the model. */
  readonly description: string;
  /** The input schema with invisible characters removed from every string, for the model. */
  readonly modelSchema: Readonly<Record<string, unknown>>;
  /** The pinned input schema, exactly as approved: arguments are validated against it. */
  readonly inputSchema: unknown;
  readonly flags: DefinitionScanResult['reasons'];
}

export function reviewDefinitions(server: string, policy: McpServerPolicy | undefined, approved: ApprovedServer | undefined, listed: readonly ToolDefinition[]): DefinitionReview {
  const names = nameMcpTools(server, listed.map((tool) => tool.name));
  const seen = new Set<string>();
  const tools: ToolReview[] = [];
  listed.forEach((definition, index) => {
    seen.add(definition.name);
    const scan = scanToolDefinition(definition);
    // Past the scan's bounds a definition is not walked again (pinned, shown): the listing is refused.
    const tooLarge = scan.reasons.find((reason) => reason.rule === 'mcp.too-large');
    if (tooLarge) throw new Error(`the definition of "${definition.name}" cannot be reviewed: ${tooLarge.text}`);
    const before = approved?.tools.get(definition.name);
    const change: ToolChange = !before ? 'added' : before.pin === toolPin(definition) ? 'unchanged' : 'changed';
    tools.push({
      name: definition.name,
      change,
      ...(before ? { before: displayDefinition(before.definition) } : {}),
      after: displayDefinition(definition),
      scan,
      naming: names[index],
      policy: decideMcpTool(policy, definition.name),
      ...unsupported(definition),
    });
  });
  for (const [name, before] of approved?.tools ?? []) {
    if (!seen.has(name)) tools.push({ name, change: 'removed', before: displayDefinition(before.definition), policy: decideMcpTool(policy, name) });
  }
  tools.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { server, approved: approved !== undefined && tools.every((tool) => tool.change === 'unchanged'), firstApproval: approved === undefined, tools, definitions: listed };
}

/** The tools of an approved review that the scan, the naming and the policy all let through; none when unapproved. */
export function offeredTools(review: DefinitionReview): OfferedMcpTool[] {
  if (!review.approved) return [];
  const byName = new Map(review.definitions.map((definition) => [definition.name, definition]));
  return review.tools.flatMap((tool): OfferedMcpTool[] => {
    const definition = byName.get(tool.name);
    if (!definition || tool.scan?.verdict === 'block' || !tool.naming?.ok || !tool.policy.offered || tool.unsupported !== undefined) return [];
    const text = [definition.title, definition.description].filter((part): part is string => typeof part === 'string' && part !== '').join(': ');
    return [{
      server: review.server,
      name: tool.name,
      id: tool.naming.id,
      functionName: tool.naming.functionName,
      risk: tool.policy.risk,
      pin: toolPin(definition),
      description: sanitize(text).text,
      modelSchema: modelSchema(definition.inputSchema),
      inputSchema: definition.inputSchema,
      flags: tool.scan?.reasons ?? [],
    }];
  });
}

/** Why Airlock could not call the tool at all; offering it would only give the model errors. */
function unsupported(definition: ToolDefinition): { readonly unsupported?: string } {
  if (taskOnly(definition)) return { unsupported: 'it runs only as a task (execution.taskSupport "required"), which Airlock does not call' };
  const pattern = refusedPattern(definition.inputSchema);
  return pattern === undefined ? {} : { unsupported: `a "pattern" in its input schema is refused (${pattern}), so its arguments cannot be checked` };
}

/** Why the first pattern of the schema that safePattern refuses is refused (the `pattern` keyword and `patternProperties` keys). */
function refusedPattern(schema: unknown): string | undefined {
  if (Array.isArray(schema)) return schema.reduce<string | undefined>((found, child) => found ?? refusedPattern(child), undefined);
  if (schema === null || typeof schema !== 'object') return undefined;
  for (const [key, value] of Object.entries(schema as Record<string, unknown>)) {
    const patterns = key === 'pattern' && typeof value === 'string' ? [value] : key === 'patternProperties' && value !== null && typeof value === 'object' ? Object.keys(value) : [];
    for (const pattern of patterns) {
      const check = checkPattern(pattern);
      if (!check.ok) return check.reason;
    }
    const inner = refusedPattern(value);
    if (inner !== undefined) return inner;
  }
  return undefined;
}

/** The SDK's callTool refuses such a tool. */
function taskOnly(definition: ToolDefinition): boolean {
  const execution = (definition as { readonly execution?: unknown }).execution;
  return typeof execution === 'object' && execution !== null && (execution as { readonly taskSupport?: unknown }).taskSupport === 'required';
}

/** Indented, keys sorted, invisible characters made visible, long runs kept: a text for vscode.diff. */
export function displayDefinition(definition: ToolDefinition): string {
  const text = JSON.stringify(JSON.parse(canonicalJson(pinnedPart(definition))), null, 2);
  return sanitize(text, { mode: 'escape', maxRun: Number.MAX_SAFE_INTEGER, maxWhitespaceRun: Number.MAX_SAFE_INTEGER }).text;
}

/** The input schema with every string (keys included) stripped of invisible characters; an object schema when the server sent none. */
function modelSchema(schema: unknown): Readonly<Record<string, unknown>> {
  const clean = (value: unknown): unknown => {
    if (typeof value === 'string') return sanitize(value).text;
    if (Array.isArray(value)) return value.map(clean);
    if (value === null || typeof value !== 'object') return value;
    return Object.fromEntries(Object.entries(value).map(([key, child]) => [sanitize(key).text, clean(child)]));
  };
  const cleaned = clean(schema);
  return cleaned !== null && typeof cleaned === 'object' && !Array.isArray(cleaned) ? (cleaned as Record<string, unknown>) : { type: 'object' };
}
