/**
 * An MCP tool definition as a server lists it (`tools/list`), and what the definition scan decides
 * about it. A definition is untrusted text: every string in it reaches the model's context.
 */

/** One `tools/list` entry. Only `name` is required by the protocol; the rest is whatever the server sent. */
export interface ToolDefinition {
  readonly name: string;
  readonly title?: unknown;
  readonly description?: unknown;
  readonly inputSchema?: unknown;
  readonly annotations?: unknown;
}

/** `allow`: offer as is; `flag`: show the reasons at approval; `block`: never offer to the model. */
export type DefinitionVerdict = 'allow' | 'flag' | 'block';

/** Stable ids of the reasons a definition is flagged or blocked. */
export type DefinitionRuleId =
  | 'mcp.too-large'
  | 'mcp.invisible-characters'
  | 'mcp.unicode-tags'
  | 'mcp.conceal-from-user'
  | 'mcp.sensitive-read'
  | 'mcp.credential-harvest'
  | 'mcp.parameter-harvest'
  | 'mcp.exfiltration'
  | 'mcp.shadowing'
  | 'mcp.hidden-trigger'
  | 'mcp.airlock-tool'
  | 'mcp.content-guard';

export interface DefinitionReason {
  readonly rule: DefinitionRuleId;
  /** Short, readable: what was found. */
  readonly text: string;
  /** Where in the definition, e.g. `description` or `inputSchema.properties.notes.description`. */
  readonly at?: string;
}

export interface DefinitionScanResult {
  readonly verdict: DefinitionVerdict;
  /** At most one reason per rule and place, in the order the definition was walked. */
  readonly reasons: readonly DefinitionReason[];
}
