import { z } from 'zod';
import { commandPatternSchema } from './commandPattern';
import { deepOptional } from './deepOptional';
import { hostPatternSchema } from './hostPattern';

/**
 * The policy pack format. This schema is the single source of truth: the loader validates with
 * it, the CLI and the docs derive from it, and `policy.schema.json` is generated from it.
 * Objects are strict so a misspelt key is an error that names the field, never a silent no-op.
 */

export const RISK_LEVELS = ['low', 'medium', 'high', 'critical'] as const;
export const riskLevelSchema = z.enum(RISK_LEVELS);
export type RiskLevel = z.infer<typeof riskLevelSchema>;

/** MCP server names: lowercase, so `mcp.<server>.<tool>` has one spelling; no dots, so the id splits once. */
export const MCP_SERVER_NAME = /^[a-z][a-z0-9-]{0,31}$/;
/** What the MCP specification allows in a tool name (1–128 of A–Z a–z 0–9 _ - .). */
export const MCP_TOOL_NAME = /^[A-Za-z0-9_.-]{1,128}$/;

export const toolIdSchema = z.string().regex(
  /^(?:[a-z][a-z0-9]*(?:\.[a-z][a-zA-Z0-9]*)*|mcp\.[a-z][a-z0-9-]{0,31}(?:\.[A-Za-z0-9_.-]{1,128})?)$/,
  'tool ids look like "web.fetch", "fs.write", "mcp.<server>" or "mcp.<server>.<tool>"',
);

const globSchema = z
  .string()
  .min(1, 'a glob must not be empty')
  .max(500)
  .refine((glob) => !glob.includes('\0'), 'a glob must not contain NUL')
  // "!x" in an allow list would mean "everything but x": write the exception as a deny glob.
  .refine((glob) => !glob.startsWith('!'), 'negated globs ("!x") are not supported; list what to exclude under files.deny')
  .refine((glob) => !glob.startsWith('/') && !/^[a-zA-Z]:/.test(glob), 'globs are relative to the workspace folder; remove the leading / or drive')
  .refine((glob) => !glob.split('/').includes('..'), 'globs must not climb out of the workspace with ..');

const extensionSchema = z.string().regex(/^\.[A-Za-z0-9_+-]{1,32}$/, 'extensions look like ".ts"').transform((ext) => ext.toLowerCase());
const hostList = z.array(hostPatternSchema).max(1000).default([]);

const egressRulesSchema = z.strictObject({
  allow: hostList.describe('Hosts the tool may reach without asking.'),
  requireApproval: hostList.describe('Hosts that need the user\'s approval per request.'),
  block: hostList.describe('Hosts that are always refused; block wins over allow.'),
});

export const filesSchema = z.strictObject({
  allow: z.array(globSchema).max(2000).default(['**']).describe('Globs, relative to each workspace folder, the agent may touch.'),
  deny: z.array(globSchema).max(2000).default([]).describe('Globs never readable or writable; deny wins over allow.'),
  readonly: z.array(globSchema).max(2000).default([]).describe('Globs the agent may read but never write.'),
  extensions: z.array(extensionSchema).max(500).default([]).describe('Allowed file extensions such as ".ts"; empty means any.'),
  maxFileSizeMb: z.number().positive().max(1024).default(5).describe('Largest file the agent may read or write, in MB.'),
  readHardLinks: z.boolean().default(false).describe('Let the agent read files that have more than one name (hard links, as in a pnpm store); another name may be a denied file or lie outside the workspace. Writes to them stay denied.'),
});

export const egressSchema = egressRulesSchema.extend({
  tools: z.record(toolIdSchema, egressRulesSchema).default({}).describe('Per-tool rules, added to the rules for every tool.'),
});

const tokenPriceSchema = z.strictObject({
  input: z.number().nonnegative().max(100_000).describe('US dollars per million input (prompt) tokens.'),
  output: z.number().nonnegative().max(100_000).describe('US dollars per million output (completion) tokens.'),
});
export type TokenPrice = z.infer<typeof tokenPriceSchema>;

const remoteModelSchema = z.strictObject({
  provider: z.string().min(1).max(100),
  url: z.url({ protocol: /^https$/, error: 'remote model APIs must use https' }),
  purpose: z.string().min(1).max(500),
  maxMonthlyCostUsd: z.number().nonnegative().max(1_000_000).describe('Most this API may cost in a calendar month (UTC); at 80 % Airlock warns, at 100 % it refuses to send.'),
  // Optional so a policy without prices still loads; a chat request to an API without them is refused.
  priceUsdPerMillionTokens: tokenPriceSchema.optional().describe('What the API charges, used to count spending against maxMonthlyCostUsd. Without it, chat requests to this API are refused.'),
});
export type RemoteModel = z.infer<typeof remoteModelSchema>;

export const modelSchema = z.strictObject({
  endpoints: hostList.describe('Loopback model endpoints (host or host:port) the model client may use.'),
  remote: z.array(remoteModelSchema).max(50).default([]).describe('Named remote model APIs; any other remote endpoint is refused.'),
});

const toolSettingsSchema = z.strictObject({
  risk: riskLevelSchema,
  enabled: z.boolean().default(true),
});

export const approvalsSchema = z.strictObject({
  require: z.array(riskLevelSchema).default(['high', 'critical']).describe('Risk levels that need the user\'s approval.'),
  allowSessionScope: z.boolean().default(true).describe('Whether a dialog may offer "Allow for this session" for one tool and target.'),
  timeoutSeconds: z.number().int().min(5).max(3600).default(300).describe('An unanswered approval is a denial after this long.'),
});

export const limitsSchema = z.strictObject({
  requestsPerMinute: z.strictObject({
    default: z.number().int().positive().max(10_000).default(30),
    tools: z.record(toolIdSchema, z.number().int().positive().max(10_000)).default({}),
  }).default({ default: 30, tools: {} }),
  maxResponseBytes: z.number().int().positive().max(1 << 30).default(5 * 1024 * 1024),
  maxDecompressedBytes: z.number().int().positive().max(1 << 30).default(20 * 1024 * 1024),
  maxConcurrentRequests: z.number().int().positive().max(64).default(4),
  requestTimeoutSeconds: z.number().positive().max(3600).default(30),
  maxRedirects: z.number().int().min(0).max(20).default(5),
});

/** Pack names are also file names (`policy/<name>.yaml`, `.airlock/policy/<name>.yaml`). */
export const PACK_NAME = /^[a-z0-9][a-z0-9-]{0,63}$/;
const versionSchema = z.literal(1, { error: 'must be 1 (the only policy format so far)' });

export const contentGuardSchema = z.strictObject({
  flagAt: z.number().min(0).max(1).default(0.35).describe('Untrusted text scoring at least this is flagged (shown on the tool card and in the audit log).'),
  blockAt: z.number().min(0).max(1).default(0.8).describe('Untrusted text scoring at least this is withheld from the model; a value below flagAt blocks everything flagged.'),
});

export const anomaliesSchema = z.strictObject({
  deniedFileReadsPerTurn: z.number().int().positive().max(10_000).default(10).describe('File reads the guard denies in one turn before the turn is paused and you are asked.'),
  blockedRequestsPerTurn: z.number().int().positive().max(10_000).default(10).describe('Requests the firewall blocks in one turn before the turn is paused and you are asked.'),
  toolCallsPerTurn: z.number().int().positive().max(10_000).default(40).describe('Tool calls in one turn (a request flood) before the turn is paused and you are asked.'),
  sentMbPerTurn: z.number().positive().max(1024).default(2).describe('New data sent to the model in one turn (your message, attachments, tool results), in MB, before the turn is paused.'),
  readMbPerTurn: z.number().positive().max(1024).default(4).describe('Data the agent\'s file tools read from the workspace in one turn, in MB, before the turn is paused.'),
});

const commandList = z.array(commandPatternSchema).max(1000).default([]);

export const commandLimitsSchema = z.strictObject({
  cpuSeconds: z.number().int().positive().max(3600).default(120).describe('CPU time each process of a command may use, in seconds.'),
  wallSeconds: z.number().int().positive().max(3600).default(600).describe('How long a command may run before its whole process tree is killed, in seconds.'),
  memoryMb: z.number().int().min(64).max(65_536).default(4096).describe('Data memory (heap and other writable mappings) each process of a command may map, in MB.'),
  outputBytes: z.number().int().min(1024).max(256 * 1024 * 1024).default(4 * 1024 * 1024).describe('Output (stdout and stderr together) after which a command is killed, in bytes.'),
});

/** Commands the agent runs (`shell.run`): rules on the parsed argv, and the sandbox they run in. */
export const commandsSchema = z.strictObject({
  allow: commandList.describe('Commands that run without asking, such as "npm test" or "npm run *". Every part of a chained command must be allowed.'),
  requireApproval: commandList.describe('Commands that always ask, even when an allow rule matches.'),
  deny: commandList.describe('Commands that are always refused, such as "rm -rf *"; deny wins over requireApproval and allow.'),
  unsandboxed: z.boolean().default(false).describe('Run commands without the sandbox where none is available; then every command asks. Off: without a sandbox, commands do not run.'),
  limits: commandLimitsSchema.default(commandLimitsSchema.parse({})).describe('Limits that end a runaway command.'),
});

const mcpToolPattern = z.string().regex(/^[A-Za-z0-9_.*?-]{1,128}$/, 'MCP tool names and globs use A–Z a–z 0–9 _ - . and the wildcards * and ?');
const envNameSchema = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,127}$/, 'environment variable names look like "API_KEY"');

const mcpStdioSchema = z.strictObject({
  command: z.string().min(1).max(1000).refine((command) => !command.includes('\0'), 'a command must not contain NUL').describe('The program that starts the server, such as "npx" or "node"; it runs inside the sandbox.'),
  args: z.array(z.string().max(4000)).max(200).default([]).describe('Its arguments.'),
  env: z.array(envNameSchema).max(100).default([]).describe('Names of environment variables the server gets; the values come from Airlock\'s secret storage or the environment, never from a policy file.'),
});

const mcpHttpSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/, error: 'an MCP server URL is http(s)' }).describe('The server\'s streamable HTTP endpoint; it is reached through the firewall as the tool mcp.<server>.'),
});

const mcpServerToolsSchema = z.strictObject({
  allow: z.array(mcpToolPattern).max(500).default([]).describe('Tools of this server the agent may be offered (names or globs); none by default.'),
  risk: z.record(mcpToolPattern, riskLevelSchema).default({}).describe('Risk per tool (name or glob); a tool not named here is "high", which asks before every call.'),
  readonly: z.array(mcpToolPattern).max(500).default([]).describe('Tools this policy declares read-only (a server\'s own readOnlyHint is a claim, not a proof).'),
});

const mcpServerLimitsSchema = z.strictObject({
  callTimeoutSeconds: z.number().positive().max(3600).default(60).describe('A call that has not answered after this long is cancelled.'),
  outputBytes: z.number().int().min(1024).max(64 * 1024 * 1024).default(1024 * 1024).describe('Output of one call beyond this is cut off before the model sees it.'),
  callsPerMinute: z.number().int().positive().max(10_000).default(30).describe('Calls to this server per minute.'),
});

const mcpServerFields = z.strictObject({
  enabled: z.boolean().default(true),
  stdio: mcpStdioSchema.optional().describe('A server Airlock starts as a process inside the sandbox.'),
  http: mcpHttpSchema.optional().describe('A server Airlock reaches over streamable HTTP.'),
  tools: mcpServerToolsSchema.default(mcpServerToolsSchema.parse({})),
  readonly: z.boolean().default(false).describe('Offer only the tools listed under tools.readonly.'),
  write: z.boolean().default(false).describe('Let a stdio server write to the workspace (read-only inside the sandbox otherwise).'),
  storageMb: z.number().int().min(1).max(65_536).default(100).describe('Writable space a stdio server gets for itself (its home and temporary folder), in MB.'),
  egress: hostList.describe('Hosts a stdio server may reach, through the egress proxy, as the tool mcp.<server>; none by default.'),
  sampling: z.boolean().default(false).describe('Let the server ask to use your model (sampling); each request still asks you.'),
  limits: mcpServerLimitsSchema.default(mcpServerLimitsSchema.parse({})),
});

export const mcpServerSchema = mcpServerFields.refine((server) => (server.stdio === undefined) !== (server.http === undefined), { message: 'an MCP server needs exactly one of stdio or http' });

/** A server's settings with every default and no transport: where a merge starts for a server it adds. */
export function mcpServerDefaults(): z.infer<typeof mcpServerSchema> {
  return mcpServerFields.parse({});
}

export const mcpSchema = z.strictObject({
  servers: z.record(z.string().regex(MCP_SERVER_NAME, 'MCP server names are lowercase letters, digits and dashes, at most 32'), mcpServerSchema).default({}).describe('MCP servers by name; their tools are mcp.<server>.<tool>.'),
});

/** What Airlock asks of the editor around it: other ways into the workspace that its guard does not see. */
export const postureSchema = z.strictObject({
  requireNativeAgentOff: z.boolean().default(false).describe('Say in the panel, until it is closed, that VS Code\'s own agent (agent mode, its bundled chat extension) can act in this workspace outside Airlock\'s guard. An overlay or the managed policy can turn this on, never off.'),
});

export const policyPackSchema = z.strictObject({
  version: versionSchema,
  name: z.string().regex(PACK_NAME, 'pack names are lowercase letters, digits and dashes'),
  description: z.string().max(2000).default(''),
  files: filesSchema.default(filesSchema.parse({})),
  egress: egressSchema.default(egressSchema.parse({})),
  model: modelSchema.default(modelSchema.parse({})),
  tools: z.record(toolIdSchema, toolSettingsSchema).default({}),
  approvals: approvalsSchema.default(approvalsSchema.parse({})),
  limits: limitsSchema.default(limitsSchema.parse({})),
  contentGuard: contentGuardSchema.default(contentGuardSchema.parse({})).describe('Thresholds of the content guard that scans untrusted text (web pages, files, tool output).'),
  anomalies: anomaliesSchema.default(anomaliesSchema.parse({})).describe('What in one turn is unusual enough to pause it and ask you whether to go on.'),
  posture: postureSchema.default(postureSchema.parse({})).describe('Side doors: agents in the same editor that act outside Airlock\'s guard.'),
  commands: commandsSchema.default(commandsSchema.parse({})).describe('Commands the agent runs: which run without asking, which always ask or are refused, and the sandbox\'s limits.'),

  mcp: mcpSchema.default(mcpSchema.parse({})).describe('MCP servers the agent may use: nothing starts unless it is named here, and only the tools allowed here are offered.'),
});

/** A validated pack with every default filled in: the domain type the guards read. */
export type PolicyPack = z.infer<typeof policyPackSchema>;
export type FilesPolicy = PolicyPack['files'];
export type EgressPolicyRules = PolicyPack['egress'];
export type EgressRules = z.infer<typeof egressRulesSchema>;
export type ToolSettings = PolicyPack['tools'][string];
export type AnomalyThresholds = PolicyPack['anomalies'];
export type CommandsPolicy = PolicyPack['commands'];
export type CommandLimits = CommandsPolicy['limits'];
export type McpPolicy = PolicyPack['mcp'];
export type McpServerPolicy = McpPolicy['servers'][string];

/** Every field optional at any depth; arrays stay whole. */
type DeepPartial<T> = T extends readonly unknown[] ? T : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

/**
 * An overlay (`.airlock/policy/<pack>.yaml`, and the managed file) is a pack in which every field
 * is optional, at any depth, and nothing is defaulted: only what the file states takes part in the
 * merge. It is validated by the same field schemas, so the same mistakes get the same errors.
 */
export type PolicyOverlay = Pick<PolicyPack, 'version'> & DeepPartial<Omit<PolicyPack, 'version'>>;

// deepOptional is checked against this type by the overlay tests; zod cannot infer it.
export const policyOverlaySchema = z.strictObject({
  ...(deepOptional(policyPackSchema) as z.ZodObject).shape,
  version: versionSchema,
}) as unknown as z.ZodType<PolicyOverlay>;
