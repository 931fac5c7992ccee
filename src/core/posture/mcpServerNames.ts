// The ESM build: the package's UMD main loads its parts with a require the bundler cannot follow.
import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser/lib/esm/main.js';

const MAX_NAME_CHARS = 60;

/**
 * The server names an MCP configuration declares: `servers` (VS Code's `mcp.json` and its `mcp`
 * setting) or `mcpServers` (the workspace-root `.mcp.json` other tools share). Read the way
 * VS Code reads it (comments and trailing commas allowed, a damaged file read as far as it goes),
 * from the syntax tree, so a name such as `__proto__` is listed like any other.
 */
export function mcpServerNames(config: unknown): string[] {
  const tree = parseTree(typeof config === 'string' ? config : JSON.stringify(config) ?? '', [], { allowTrailingComma: true, disallowComments: false });
  if (tree?.type !== 'object') return [];
  return [...serverKeys(tree, 'servers'), ...serverKeys(tree, 'mcpServers')].map(printable);
}

function serverKeys(tree: Node, key: 'servers' | 'mcpServers'): string[] {
  const servers = findNodeAtLocation(tree, [key]);
  if (servers?.type !== 'object') return [];
  return (servers.children ?? []).flatMap((property) => {
    const name: unknown = property.children?.[0]?.value;
    return typeof name === 'string' ? [name] : [];
  });
}

/** A name from the repository is shown in the palette: no control characters, bounded length. */
function printable(name: string): string {
  // eslint-disable-next-line no-control-regex
  const plain = name.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '');
  return plain.length > MAX_NAME_CHARS ? `${plain.slice(0, MAX_NAME_CHARS - 1)}…` : plain;
}
