/**
 * The one list of tool ids Airlock knows: the agent's tools, the model client (which reaches its
 * server through SafeFetch as the tool `model`), and, when MCP comes, `mcp.<server>.<tool>`.
 * The agent's firewall tool, the CLI, the palette and `policy validate` all ask it, so no dialog
 * ever asks about a tool that does not exist. A Map, so a name such as `constructor` is only a key.
 */
const KNOWN_TOOLS: ReadonlyMap<string, string> = new Map([
  ['fs.list', 'lists a folder of the workspace'],
  ['fs.read', 'reads a file of the workspace'],
  ['fs.search', 'searches the workspace'],
  ['fs.write', 'writes a file of the workspace'],
  ['web.fetch', 'reads a web page'],
  ['shell.run', 'runs a command in the sandbox'],
  ['shell', 'connections a sandboxed command opens through the egress proxy'],
  ['security.egress.update', 'asks to change the firewall'],
  ['model', 'the model client\'s requests to the model server'],
]);

export function isKnownTool(id: string): boolean {
  return KNOWN_TOOLS.has(id);
}

/** The known tool ids, in a stable order, for messages and pickers. */
export function knownToolIds(): readonly string[] {
  return [...KNOWN_TOOLS.keys()];
}

/** What a refusal says: the id is not a tool, and which ones are. */
export function unknownToolMessage(id: string): string {
  return `"${id}" is not a tool Airlock knows; known tools: ${knownToolIds().join(', ')}`;
}
