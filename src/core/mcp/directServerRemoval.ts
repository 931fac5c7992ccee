import { readFile, realpath } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
// The ESM build: the package's UMD main loads its parts with a require the bundler cannot follow.
import { createScanner, findNodeAtLocation, parseTree, type Node } from 'jsonc-parser/lib/esm/main.js';
import { withFileLock } from '../policy/fileLock';
import { mcpServerEntries, type McpServerEntry } from '../posture/mcpServerEntries';
import { McpAdoptionError } from './mcpAdoptionError';

export interface DirectServerRemoval {
  readonly workspaceFolder: string;
  /** The agent's MCP file, relative to the workspace folder (`.vscode/mcp.json`…). */
  readonly file: string;
  /** The server as it was moved: it is removed only while the file still declares exactly that. */
  readonly entry: McpServerEntry;
}

/**
 * Removes a server that was moved behind Airlock from the agent's own MCP file, so the agent stops
 * running it directly. The file is JSON with comments (as VS Code, Cursor, Claude Code and Roo
 * read it; `.mcp.json` is plain JSON to Claude Code): only the server's property is cut out, with
 * its comma and, when it had its line to itself, that line; every other comment and the layout stay.
 * Under a lock on the file, it is read again, must lie inside the workspace, and must still declare
 * the server with the same command and arguments (or URL); a file that changed meanwhile is not
 * edited, since the user agreed to remove what they saw.
 */
export async function removeDirectServer(removal: DirectServerRemoval): Promise<void> {
  const path = join(removal.workspaceFolder, removal.file);
  await withFileLock(path, async () => {
    const [folder, real] = await Promise.all([realpath(removal.workspaceFolder), realpath(path)]);
    const inside = relative(folder, real);
    if (inside === '' || inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside)) {
      throw new McpAdoptionError('ADOPT_OUTSIDE_WORKSPACE', `${removal.file} resolves to ${real}, outside the workspace folder; Airlock does not edit it`);
    }
    const text = await readFile(path, 'utf8');
    const tree = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
    const still = mcpServerEntries(text).some((entry) => entry.rawName === removal.entry.rawName && sameLaunch(entry, removal.entry));
    const properties = (['servers', 'mcpServers'] as const).flatMap((key) => {
      const property = tree === undefined ? undefined : findNodeAtLocation(tree, [key, removal.entry.rawName])?.parent;
      return property === undefined ? [] : [property];
    });
    if (properties.length === 0 || !still) {
      throw new McpAdoptionError('ADOPT_DIRECT_CHANGED', `${removal.file} no longer declares "${removal.entry.name}" as it was moved; it was left as it is`);
    }
    // From the end of the file backwards, so each cut leaves the offsets of the ones before it valid.
    let next = text;
    for (const property of properties.sort((a, b) => b.offset - a.offset)) next = cut(next, ...propertyRange(next, property));
    await writeFileAtomic(path, next);
  });
}

/** jsonc-parser's SyntaxKind values: a const enum, which isolated modules cannot read from the package. */
const TOKEN = { comma: 5, lineComment: 12, blockComment: 13, lineBreak: 14, trivia: 15, eof: 17 } as const;
const SKIPPED: ReadonlySet<number> = new Set([TOKEN.lineComment, TOKEN.blockComment, TOKEN.lineBreak, TOKEN.trivia]);

/** The property with its comma (the one after it, or for the last one the one before it), and its line when it is alone there. */
function propertyRange(text: string, property: Node): [number, number] {
  let start = property.offset;
  let end = property.offset + property.length;
  const after = tokenAfter(text, end);
  if (after?.kind === TOKEN.comma) end = after.end;
  else {
    const siblings = property.parent?.children ?? [];
    const before = siblings[siblings.indexOf(property) - 1];
    const comma = before === undefined ? undefined : tokenAfter(text, before.offset + before.length);
    if (comma?.kind === TOKEN.comma) start = comma.start;
  }
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const rest = /^[ \t]*(\/\/[^\n]*)?(\r?\n|$)/.exec(text.slice(end));
  if (/^[ \t]*$/.test(text.slice(lineStart, start)) && rest !== null) return [lineStart, end + rest[0].length];
  return [start, end];
}

/** The first token after `offset` that is not whitespace, a line break or a comment. */
function tokenAfter(text: string, offset: number): { kind: number; start: number; end: number } | undefined {
  const scanner = createScanner(text.slice(offset), false);
  for (let kind = Number(scanner.scan()); kind !== TOKEN.eof; kind = Number(scanner.scan())) {
    if (SKIPPED.has(kind)) continue;
    return { kind, start: offset + scanner.getTokenOffset(), end: offset + scanner.getTokenOffset() + scanner.getTokenLength() };
  }
  return undefined;
}

function cut(text: string, start: number, end: number): string {
  return text.slice(0, start) + text.slice(end);
}

function sameLaunch(a: McpServerEntry, b: McpServerEntry): boolean {
  return a.command === b.command && a.url === b.url && JSON.stringify(a.args ?? []) === JSON.stringify(b.args ?? []);
}
