import { emptyRecord, ownEntries, ownValue, recordFrom, setOwn } from './keyedRecord';
import { isGlob, mcpToolMatches } from './mcpToolPattern';
import { RISK_LEVELS, mcpServerDefaults, type EgressPolicyRules, type EgressRules, type McpPolicy, type McpServerPolicy, type PolicyOverlay, type PolicyPack, type RemoteModel, type RiskLevel, type TokenPrice, type ToolSettings } from './policySchema';

type OverlayEgress = NonNullable<PolicyOverlay['egress']>;
type OverlayRules = Partial<EgressRules>;
type OverlayTools = NonNullable<PolicyOverlay['tools']>;
type OverlayLimits = NonNullable<PolicyOverlay['limits']>;
type OverlayMcp = NonNullable<PolicyOverlay['mcp']>;
type OverlayMcpServer = NonNullable<NonNullable<OverlayMcp['servers']>[string]>;

/**
 * The built-in pack with a workspace overlay (`.airlock/policy/<pack>.yaml`) on top:
 *  - every list adds: the result holds the pack's entries, then the overlay's new ones. An overlay
 *    therefore cannot remove a deny, readonly, block or requireApproval entry, nor an approval
 *    level; it can only add. (`files.extensions` adds too: empty means any extension, so an
 *    overlay list on a pack that allows any extension restricts it to the listed ones.)
 *  - scalars the overlay states replace the pack's (`files.maxFileSizeMb`, `files.readHardLinks`, `limits.*`, `anomalies.*`,
 *    `approvals.allowSessionScope`, `approvals.timeoutSeconds`, `description`);
 *  - maps merge by key: a tool's `risk` and `enabled`, per-tool egress lists (which add), per-tool
 *    request limits; a remote model API with the same `url` is replaced by the overlay's entry;
 *  - a tool the pack does not know and the overlay gives no risk is `critical`.
 *  - `posture.requireNativeAgentOff` is true when either says so: an overlay can require it, never lift it.
 *  - `commands` lists add like the others; `commands.unsandboxed` and `commands.limits.*` are scalars the overlay replaces.
 *  - `mcp.servers` merge by name (see mergeMcp): an overlay may add a server or loosen one.
 * What the merge cannot express is settled when a decision is made: `block` and `deny` win over
 * `allow`, and `requireApproval` wins over `allow`. Loosening that an overlay can still do (a
 * raised limit, an enabled tool, an added allow rule) is what `describeLoosening` reports.
 */
export function mergeOverlay(pack: PolicyPack, overlay: PolicyOverlay): PolicyPack {
  return {
    version: 1,
    name: pack.name,
    description: overlay.description ?? pack.description,
    files: {
      allow: union(pack.files.allow, overlay.files?.allow),
      deny: union(pack.files.deny, overlay.files?.deny),
      readonly: union(pack.files.readonly, overlay.files?.readonly),
      extensions: union(pack.files.extensions, overlay.files?.extensions),
      maxFileSizeMb: overlay.files?.maxFileSizeMb ?? pack.files.maxFileSizeMb,
      readHardLinks: overlay.files?.readHardLinks ?? pack.files.readHardLinks,
    },
    egress: addEgress(pack.egress, overlay.egress),
    model: {
      endpoints: union(pack.model.endpoints, overlay.model?.endpoints),
      remote: mergeRemote(pack.model.remote, overlay.model?.remote, (_base, added) => added),
    },
    tools: mergeTools(pack.tools, overlay.tools, (base, added) => ({ risk: added.risk ?? base.risk, enabled: added.enabled ?? base.enabled })),
    approvals: {
      require: union(pack.approvals.require, overlay.approvals?.require),
      allowSessionScope: overlay.approvals?.allowSessionScope ?? pack.approvals.allowSessionScope,
      timeoutSeconds: overlay.approvals?.timeoutSeconds ?? pack.approvals.timeoutSeconds,
    },
    limits: replaceLimits(pack.limits, overlay.limits),
    contentGuard: {
      flagAt: overlay.contentGuard?.flagAt ?? pack.contentGuard.flagAt,
      blockAt: overlay.contentGuard?.blockAt ?? pack.contentGuard.blockAt,
    },
    anomalies: { ...pack.anomalies, ...definedOnly(overlay.anomalies) },
    posture: { requireNativeAgentOff: pack.posture.requireNativeAgentOff || overlay.posture?.requireNativeAgentOff === true },
    commands: {
      allow: union(pack.commands.allow, overlay.commands?.allow),
      requireApproval: union(pack.commands.requireApproval, overlay.commands?.requireApproval),
      deny: union(pack.commands.deny, overlay.commands?.deny),
      unsandboxed: overlay.commands?.unsandboxed ?? pack.commands.unsandboxed,
      limits: commandLimits(pack.commands.limits, overlay.commands?.limits, (value, replacement) => replacement ?? value),
    },
    mcp: mergeMcp(pack.mcp, overlay.mcp),
  };
}

/**
 * The managed policy (an organisation's file, in the overlay format) over an effective policy.
 * Nothing below it can undo it:
 *  - its lists add like an overlay's, so its deny, readonly, block and requireApproval entries
 *    and its approval levels are always present;
 *  - its limits, `files.maxFileSizeMb`, `approvals.timeoutSeconds` and a remote API's
 *    `maxMonthlyCostUsd` are upper bounds (the lower of both applies; its default request rate
 *    also caps every per-tool rate);
 *  - a tool it disables stays disabled, and a tool's risk is the higher of both;
 *  - `approvals.allowSessionScope: false` and `files.readHardLinks: false` stay false;
 *  - `posture.requireNativeAgentOff: true` stays true;
 *  - its `commands` lists add, its `commands.limits` are upper bounds and `commands.unsandboxed: false` stays false;
 *  - its content-guard and anomaly thresholds are upper bounds too (lower flags, blocks and pauses more);
 *  - a remote API's token prices are lower bounds (a higher price counts spending sooner);
 *  - it only narrows MCP servers that a layer below names (see narrowMcp): it never adds one.
 */
export function applyManaged(policy: PolicyPack, managed: PolicyOverlay): PolicyPack {
  return {
    ...policy,
    files: {
      allow: union(policy.files.allow, managed.files?.allow),
      deny: union(policy.files.deny, managed.files?.deny),
      readonly: union(policy.files.readonly, managed.files?.readonly),
      extensions: union(policy.files.extensions, managed.files?.extensions),
      maxFileSizeMb: lowest(policy.files.maxFileSizeMb, managed.files?.maxFileSizeMb),
      readHardLinks: policy.files.readHardLinks && managed.files?.readHardLinks !== false,
    },
    egress: addEgress(policy.egress, managed.egress),
    model: {
      endpoints: union(policy.model.endpoints, managed.model?.endpoints),
      remote: mergeRemote(policy.model.remote, managed.model?.remote, (base, added) => ({ ...added, maxMonthlyCostUsd: Math.min(base.maxMonthlyCostUsd, added.maxMonthlyCostUsd), ...higherPrice(base.priceUsdPerMillionTokens, added.priceUsdPerMillionTokens) })),
    },
    tools: mergeTools(policy.tools, managed.tools, (base, added) => ({
      risk: higherRisk(base.risk, added.risk ?? base.risk),
      enabled: base.enabled && added.enabled !== false,
    })),
    approvals: {
      require: union(policy.approvals.require, managed.approvals?.require),
      allowSessionScope: policy.approvals.allowSessionScope && managed.approvals?.allowSessionScope !== false,
      timeoutSeconds: lowest(policy.approvals.timeoutSeconds, managed.approvals?.timeoutSeconds),
    },
    limits: boundLimits(policy.limits, managed.limits),
    // Lower thresholds are stricter: the managed values are upper bounds.
    contentGuard: {
      flagAt: lowest(policy.contentGuard.flagAt, managed.contentGuard?.flagAt),
      blockAt: lowest(policy.contentGuard.blockAt, managed.contentGuard?.blockAt),
    },
    anomalies: lowestAnomalies(policy.anomalies, managed.anomalies),
    posture: { requireNativeAgentOff: policy.posture.requireNativeAgentOff || managed.posture?.requireNativeAgentOff === true },
    commands: {
      allow: union(policy.commands.allow, managed.commands?.allow),
      requireApproval: union(policy.commands.requireApproval, managed.commands?.requireApproval),
      deny: union(policy.commands.deny, managed.commands?.deny),
      unsandboxed: policy.commands.unsandboxed && managed.commands?.unsandboxed !== false,
      limits: commandLimits(policy.commands.limits, managed.commands?.limits, lowest),
    },
    mcp: narrowMcp(policy.mcp, managed.mcp),
  };
}

/** Entries of `base`, then those of `added` not already there. */
function union<T>(base: readonly T[], added: readonly T[] | undefined): T[] {
  const result = [...base];
  for (const entry of added ?? []) if (!result.includes(entry)) result.push(entry);
  return result;
}

function higherRisk(a: RiskLevel, b: RiskLevel): RiskLevel {
  return RISK_LEVELS.indexOf(a) >= RISK_LEVELS.indexOf(b) ? a : b;
}

function lowest(base: number, bound: number | undefined): number {
  return bound === undefined ? base : Math.min(base, bound);
}

function addRules(base: EgressRules, added: OverlayRules | undefined): EgressRules {
  return {
    allow: union(base.allow, added?.allow),
    requireApproval: union(base.requireApproval, added?.requireApproval),
    block: union(base.block, added?.block),
  };
}

function addEgress(base: EgressPolicyRules, added: OverlayEgress | undefined): EgressPolicyRules {
  const tools = recordFrom(ownEntries(base.tools));
  for (const [tool, rules] of ownEntries(added?.tools)) {
    setOwn(tools, tool, addRules(ownValue(base.tools, tool) ?? { allow: [], requireApproval: [], block: [] }, rules));
  }
  return { ...addRules(base, added), tools };
}

function mergeTools(
  base: Record<string, ToolSettings>,
  added: OverlayTools | undefined,
  combine: (base: ToolSettings, added: Partial<ToolSettings>) => ToolSettings,
): Record<string, ToolSettings> {
  const tools = recordFrom(ownEntries(base));
  for (const [tool, settings] of ownEntries(added)) {
    const existing = ownValue(base, tool);
    setOwn(tools, tool, existing === undefined ? { risk: settings.risk ?? 'critical', enabled: settings.enabled ?? true } : combine(existing, settings));
  }
  return tools;
}

function mergeRemote(base: readonly RemoteModel[], added: readonly RemoteModel[] | undefined, combine: (base: RemoteModel, added: RemoteModel) => RemoteModel): RemoteModel[] {
  const remote = [...base];
  for (const entry of added ?? []) {
    const index = remote.findIndex((existing) => existing.url === entry.url);
    const existing = remote.at(index);
    if (index < 0 || existing === undefined) remote.push(entry);
    else remote.splice(index, 1, combine(existing, entry));
  }
  return remote;
}

/** A higher price counts spending sooner, so the managed policy's cannot be undercut. */
function higherPrice(base: TokenPrice | undefined, added: TokenPrice | undefined): { priceUsdPerMillionTokens?: TokenPrice } {
  if (base === undefined || added === undefined) {
    const price = added ?? base;
    return price === undefined ? {} : { priceUsdPerMillionTokens: price };
  }
  return { priceUsdPerMillionTokens: { input: Math.max(base.input, added.input), output: Math.max(base.output, added.output) } };
}

type Anomalies = PolicyPack['anomalies'];

function definedOnly(overlay: Partial<Anomalies> | undefined): Partial<Anomalies> {
  return Object.fromEntries(Object.entries(overlay ?? {}).filter(([, value]) => value !== undefined));
}

/** Lower thresholds pause sooner: the managed values are upper bounds. */
function lowestAnomalies(base: Anomalies, managed: Partial<Anomalies> | undefined): Anomalies {
  return {
    deniedFileReadsPerTurn: lowest(base.deniedFileReadsPerTurn, managed?.deniedFileReadsPerTurn),
    blockedRequestsPerTurn: lowest(base.blockedRequestsPerTurn, managed?.blockedRequestsPerTurn),
    toolCallsPerTurn: lowest(base.toolCallsPerTurn, managed?.toolCallsPerTurn),
    sentMbPerTurn: lowest(base.sentMbPerTurn, managed?.sentMbPerTurn),
    readMbPerTurn: lowest(base.readMbPerTurn, managed?.readMbPerTurn),
  };
}

type Limits = PolicyPack['limits'];

/** The overlay's limits replace the pack's; tools without their own rate follow the default. */
function replaceLimits(base: Limits, added: OverlayLimits | undefined): Limits {
  const toolRates = recordFrom([...ownEntries(base.requestsPerMinute.tools), ...ownEntries(added?.requestsPerMinute?.tools)]);
  return { ...base, ...scalarLimits(base, added, (value, replacement) => replacement ?? value), requestsPerMinute: { default: added?.requestsPerMinute?.default ?? base.requestsPerMinute.default, tools: toolRates } };
}

/** Upper bounds: the lower value wins, and the bound's default rate caps every tool's rate. */
function boundLimits(base: Limits, bound: OverlayLimits | undefined): Limits {
  const rates = bound?.requestsPerMinute;
  const toolRates = emptyRecord<number>();
  for (const tool of union(Object.keys(base.requestsPerMinute.tools), Object.keys(rates?.tools ?? {}))) {
    setOwn(toolRates, tool, lowest(ownValue(base.requestsPerMinute.tools, tool) ?? base.requestsPerMinute.default, ownValue(rates?.tools, tool) ?? rates?.default));
  }
  return { ...base, ...scalarLimits(base, bound, lowest), requestsPerMinute: { default: lowest(base.requestsPerMinute.default, rates?.default), tools: toolRates } };
}

/** The scalar limits, each combined from the base's value and the other file's, if it states one. */
function scalarLimits(base: Limits, other: OverlayLimits | undefined, combine: (value: number, other: number | undefined) => number): Omit<Limits, 'requestsPerMinute'> {
  return {
    maxResponseBytes: combine(base.maxResponseBytes, other?.maxResponseBytes),
    maxDecompressedBytes: combine(base.maxDecompressedBytes, other?.maxDecompressedBytes),
    maxConcurrentRequests: combine(base.maxConcurrentRequests, other?.maxConcurrentRequests),
    requestTimeoutSeconds: combine(base.requestTimeoutSeconds, other?.requestTimeoutSeconds),
    maxRedirects: combine(base.maxRedirects, other?.maxRedirects),
  };
}

type CommandLimits = PolicyPack['commands']['limits'];

/** Each command limit combined from the base's value and the other file's, if it states one. */
function commandLimits(base: CommandLimits, other: Partial<CommandLimits> | undefined, combine: (value: number, other: number | undefined) => number): CommandLimits {
  return {
    cpuSeconds: combine(base.cpuSeconds, other?.cpuSeconds),
    wallSeconds: combine(base.wallSeconds, other?.wallSeconds),
    memoryMb: combine(base.memoryMb, other?.memoryMb),
    outputBytes: combine(base.outputBytes, other?.outputBytes),
  };
}

/**
 * An overlay's MCP servers, by name: a server the pack names gets the fields the overlay states
 * (lists add, a risk pattern it states replaces the pack's for that pattern, scalars replace, a
 * stated transport replaces the transport whole); a new server starts from the schema's defaults.
 * All of it may loosen, and describeLoosening lists it for the approval. Whether the result names
 * exactly one transport is checked after the merge, with the overlay's file and line.
 */
function mergeMcp(base: McpPolicy, added: OverlayMcp | undefined): McpPolicy {
  const servers = recordFrom(ownEntries(base.servers));
  for (const [name, server] of ownEntries(added?.servers)) setOwn(servers, name, mergeMcpServer(ownValue(base.servers, name) ?? mcpServerDefaults(), server));
  return { servers };
}

function mergeMcpServer(base: McpServerPolicy, added: OverlayMcpServer): McpServerPolicy {
  const transport = added.stdio !== undefined || added.http !== undefined
    ? { ...(added.stdio ? { stdio: { command: added.stdio.command ?? base.stdio?.command ?? '', args: added.stdio.args ?? base.stdio?.args ?? [], env: added.stdio.env ?? base.stdio?.env ?? [] } } : {}), ...(added.http?.url ? { http: { url: added.http.url } } : {}) }
    : { ...(base.stdio ? { stdio: base.stdio } : {}), ...(base.http ? { http: base.http } : {}) };
  return {
    enabled: added.enabled ?? base.enabled,
    ...transport,
    tools: {
      allow: union(base.tools.allow, added.tools?.allow),
      risk: recordFrom([...ownEntries(base.tools.risk), ...ownEntries(added.tools?.risk)]),
      readonly: union(base.tools.readonly, added.tools?.readonly),
    },
    readonly: added.readonly ?? base.readonly,
    write: added.write ?? base.write,
    storageMb: added.storageMb ?? base.storageMb,
    egress: union(base.egress, added.egress),
    sampling: added.sampling ?? base.sampling,
    limits: {
      callTimeoutSeconds: added.limits?.callTimeoutSeconds ?? base.limits.callTimeoutSeconds,
      outputBytes: added.limits?.outputBytes ?? base.limits.outputBytes,
      callsPerMinute: added.limits?.callsPerMinute ?? base.limits.callsPerMinute,
    },
  };
}

/**
 * The managed policy over the MCP servers below it: it only narrows. A server it switches off
 * stays off; `readonly: true` stays true, `write` and `sampling: false` stay false; its limits
 * and `storageMb` are upper bounds; a risk pattern it states is at least its level, and so is
 * every entry for one tool that the pattern covers (such an entry wins over globs), so its
 * `"*": critical` holds for every tool. It adds
 * nothing: no server (an entry for a server no layer names waits for one, so an organisation can
 * switch a server off before any repository proposes it), no transport, tool, read-only tool or
 * egress host; the checks refuse those in the managed file, and the merge ignores them.
 */
function narrowMcp(base: McpPolicy, managed: OverlayMcp | undefined): McpPolicy {
  const servers = recordFrom(ownEntries(base.servers));
  for (const [name, bound] of ownEntries(managed?.servers)) {
    const server = ownValue(base.servers, name);
    if (server !== undefined) setOwn(servers, name, narrowMcpServer(server, bound));
  }
  return { servers };
}

function narrowMcpServer(server: McpServerPolicy, bound: OverlayMcpServer): McpServerPolicy {
  const risk = recordFrom(ownEntries(server.tools.risk));
  for (const [pattern, level] of ownEntries(bound.tools?.risk)) {
    setOwn(risk, pattern, higherRisk(ownValue(risk, pattern) ?? level, level));
    // An entry for one tool wins over globs (mcpToolRisk): the ones this pattern covers are raised too.
    for (const [name, was] of ownEntries(risk)) if (!isGlob(name) && mcpToolMatches(pattern, name)) setOwn(risk, name, higherRisk(was, level));
  }
  return {
    ...server,
    enabled: server.enabled && bound.enabled !== false,
    tools: { ...server.tools, risk },
    readonly: server.readonly || bound.readonly === true,
    write: server.write && bound.write !== false,
    storageMb: lowest(server.storageMb, bound.storageMb),
    sampling: server.sampling && bound.sampling !== false,
    limits: {
      callTimeoutSeconds: lowest(server.limits.callTimeoutSeconds, bound.limits?.callTimeoutSeconds),
      outputBytes: lowest(server.limits.outputBytes, bound.limits?.outputBytes),
      callsPerMinute: lowest(server.limits.callsPerMinute, bound.limits?.callsPerMinute),
    },
  };
}
