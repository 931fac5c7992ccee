/**
 * The tool definitions the user approved, per server, in a user-level file outside every
 * repository (`<configDir>/mcp-pins.json`), so a repository cannot ship its own approval. An
 * approval is keyed on the server's name, how it is reached (the stdio command and arguments, or
 * the URL) and the workspace: a repository that reuses a name for another command, or the same
 * server in another workspace, starts unapproved. Each tool keeps its pin and its definition, so a
 * later change can be shown as a diff. Writes are atomic and locked; an unreadable file counts as
 * empty (nothing approved), which fails closed.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';
import { withFileLock } from '../policy/fileLock';
import { emptyRecord, ownEntries, ownValue, setOwn } from '../policy/keyedRecord';
import type { McpServerPolicy } from '../policy/policySchema';
import { canonicalJson } from './canonicalJson';
import type { ToolDefinition } from './toolDefinition';
import { pinnedPart, toolPin } from './toolPin';

/** What an approval is bound to. `workspace` is the real path of the workspace (its folder or `.code-workspace` file). */
export interface McpServerIdentity {
  readonly server: string;
  readonly workspace: string;
  readonly transport: { readonly command: string; readonly args: readonly string[] } | { readonly url: string };
}

export function mcpServerIdentity(server: string, policy: Pick<McpServerPolicy, 'stdio' | 'http'>, workspace: string): McpServerIdentity {
  const transport = policy.stdio ? { command: policy.stdio.command, args: [...policy.stdio.args] } : { url: policy.http?.url ?? '' };
  return { server, workspace, transport };
}

/** SHA-256 of the identity's canonical JSON: any change to name, command, arguments, URL or workspace is another key. */
export function pinStoreKey(identity: McpServerIdentity): string {
  return createHash('sha256').update(canonicalJson(identity), 'utf8').digest('hex');
}

export interface ApprovedTool {
  readonly pin: string;
  readonly definition: ToolDefinition;
}

export interface ApprovedServer {
  readonly approvedAt: string;
  /** Tool name → its approved pin and definition. */
  readonly tools: ReadonlyMap<string, ApprovedTool>;
}

/**
 * One hash for a whole approval: SHA-256 of the tools' names and pins, sorted by name. Two
 * approvals of the same definitions have the same one, so its prefix tells the user which
 * listing is pinned without showing every definition.
 */
export function approvalSha256(approved: ApprovedServer): string {
  const pins = [...approved.tools].map(([name, tool]): [string, string] => [name, tool.pin]).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash('sha256').update(canonicalJson(pins), 'utf8').digest('hex');
}

/** Enough servers for every workspace a user keeps; past it the oldest approval is dropped (asked again). */
const MAX_SERVERS = 500;
const PINS_FILE_NAME = 'mcp-pins.json';

const definitionSchema = z.looseObject({ name: z.string() });
const serverEntrySchema = z.object({
  identity: z.unknown(),
  approvedAt: z.string(),
  // A list, not a record: a tool may be named `__proto__`, which a parsed record would lose.
  tools: z.array(z.object({ pin: z.string().regex(/^[0-9a-f]{64}$/), definition: definitionSchema })),
});
const pinsFileSchema = z.object({ version: z.literal(1), servers: z.record(z.string(), serverEntrySchema) });
type PinsFile = z.infer<typeof pinsFileSchema>;

export class McpPinStore {
  readonly path: string;

  constructor(readonly configDir: string) {
    this.path = join(configDir, PINS_FILE_NAME);
  }

  /** The approved definitions, or undefined when this server (as identified) was never approved. */
  async approved(identity: McpServerIdentity): Promise<ApprovedServer | undefined> {
    const entry = ownValue((await this.read()).servers, pinStoreKey(identity));
    if (!entry) return undefined;
    const tools = new Map<string, ApprovedTool>();
    for (const tool of entry.tools) {
      const definition = tool.definition as ToolDefinition;
      // A hand-edited entry whose definition no longer gives its pin is not an approval of either.
      if (toolPin(definition) !== tool.pin || tools.has(definition.name)) return undefined;
      tools.set(definition.name, { pin: tool.pin, definition });
    }
    return { approvedAt: entry.approvedAt, tools };
  }

  /** Approves exactly these definitions for this server, replacing what was approved before. */
  async approve(identity: McpServerIdentity, definitions: readonly ToolDefinition[], now = new Date()): Promise<void> {
    const byName = new Map(definitions.map((definition) => [definition.name, definition]));
    const tools = [...byName.values()].map((definition) => ({ pin: toolPin(definition), definition: pinnedPart(definition) as { name: string } }));
    await this.update((servers) => {
      setOwn(servers, pinStoreKey(identity), { identity, approvedAt: now.toISOString(), tools });
    });
  }

  /** Forgets the approval: the next listing is reviewed as new. */
  async revoke(identity: McpServerIdentity): Promise<void> {
    const key = pinStoreKey(identity);
    await this.update((servers) => {
      delete servers[key];
    });
  }

  private async update(change: (servers: PinsFile['servers']) => void): Promise<void> {
    await mkdir(this.configDir, { recursive: true, mode: 0o700 });
    await withFileLock(this.path, async () => {
      const file = await this.read();
      const servers = emptyRecord<PinsFile['servers'][string]>();
      for (const [key, entry] of ownEntries(file.servers)) setOwn(servers, key, entry);
      change(servers);
      const kept = ownEntries(servers).sort(([, a], [, b]) => b.approvedAt.localeCompare(a.approvedAt)).slice(0, MAX_SERVERS);
      const next = emptyRecord<PinsFile['servers'][string]>();
      for (const [key, entry] of kept) setOwn(next, key, entry);
      await writeFileAtomic(this.path, `${JSON.stringify({ version: 1, servers: next }, null, 2)}\n`, { mode: 0o600 });
    });
  }

  private async read(): Promise<PinsFile> {
    try {
      const parsed = pinsFileSchema.safeParse(JSON.parse(await readFile(this.path, 'utf8')));
      if (parsed.success) return parsed.data;
    } catch {
      // Missing or unreadable: nothing is approved.
    }
    return { version: 1, servers: {} };
  }
}
