import { RISK_LEVELS, type AnomalyThresholds, type CommandLimits, type EgressRules, type PolicyPack, type TokenPrice } from './policySchema';
import { ownEntries, ownValue } from './keyedRecord';
import { mcpLoosening } from './mcpLoosening';

/**
 * What `candidate` allows that `base` does not, one sentence per change, for the dialog that asks
 * the user to approve a repository's overlay. Compared on effective policies (pack, overlay and
 * managed policy merged), so it shows what would really change, whatever the file says:
 * added allow rules, endpoints and remote model APIs; removed deny, readonly, block and
 * requireApproval rules and approval levels; widened extensions; raised size and rate limits
 * and costs; enabled or added tools; lowered risk levels; session-wide approvals turned on;
 * raised content-guard and anomaly thresholds; lowered or newly stated token prices; added
 * command allow rules, removed command deny and requireApproval rules, unsandboxed commands
 * turned on and raised command limits; MCP servers added or switched on, and what a server
 * already on may newly do (mcpLoosening).
 * An empty list means the candidate is at least as strict as the base.
 */
export function describeLoosening(base: PolicyPack, candidate: PolicyPack): string[] {
  return [...filesLoosening(base, candidate), ...egressLoosening(base, candidate), ...modelLoosening(base, candidate), ...toolLoosening(base, candidate), ...approvalLoosening(base, candidate), ...limitLoosening(base, candidate), ...contentGuardLoosening(base, candidate), ...anomalyLoosening(base, candidate), ...commandLoosening(base, candidate), ...mcpLoosening(base, candidate)];
}

function contentGuardLoosening(base: PolicyPack, candidate: PolicyPack): string[] {
  const lines: string[] = [];
  if (candidate.contentGuard.flagAt > base.contentGuard.flagAt) lines.push(`content guard: flags untrusted text only from score ${candidate.contentGuard.flagAt} (was ${base.contentGuard.flagAt})`);
  if (candidate.contentGuard.blockAt > base.contentGuard.blockAt) lines.push(`content guard: withholds untrusted text only from score ${candidate.contentGuard.blockAt} (was ${base.contentGuard.blockAt})`);
  return lines;
}

function added(base: readonly string[], candidate: readonly string[]): string[] {
  return candidate.filter((entry) => !base.includes(entry));
}

function removed(base: readonly string[], candidate: readonly string[]): string[] {
  return added(candidate, base);
}

function filesLoosening(base: PolicyPack, candidate: PolicyPack): string[] {
  const lines = [
    ...added(base.files.allow, candidate.files.allow).map((glob) => `files: lets the agent use ${glob} (files.allow)`),
    ...removed(base.files.deny, candidate.files.deny).map((glob) => `files: no longer denies ${glob} (files.deny)`),
    ...removed(base.files.readonly, candidate.files.readonly).map((glob) => `files: lets the agent write ${glob}, which was read-only (files.readonly)`),
  ];
  if (base.files.extensions.length > 0 && candidate.files.extensions.length === 0) lines.push('files: allows every file extension (files.extensions)');
  else if (base.files.extensions.length > 0) lines.push(...added(base.files.extensions, candidate.files.extensions).map((ext) => `files: allows ${ext} files (files.extensions)`));
  if (candidate.files.maxFileSizeMb > base.files.maxFileSizeMb) lines.push(`files: raises the file size limit from ${base.files.maxFileSizeMb} MB to ${candidate.files.maxFileSizeMb} MB`);
  if (candidate.files.readHardLinks && !base.files.readHardLinks) lines.push('files: lets the agent read files with more than one name (hard links), whose other name may be a denied file (files.readHardLinks)');
  return lines;
}

function egressLoosening(base: PolicyPack, candidate: PolicyPack): string[] {
  const empty: EgressRules = { allow: [], requireApproval: [], block: [] };
  const lines = rulesLoosening(base.egress, candidate.egress, 'every tool', 'egress');
  for (const tool of new Set([...Object.keys(base.egress.tools), ...Object.keys(candidate.egress.tools)])) {
    lines.push(...rulesLoosening(ownValue(base.egress.tools, tool) ?? empty, ownValue(candidate.egress.tools, tool) ?? empty, tool, `egress.tools["${tool}"]`));
  }
  return lines;
}

function rulesLoosening(base: EgressRules, candidate: EgressRules, who: string, field: string): string[] {
  return [
    ...added(base.allow, candidate.allow).map((host) => `network: lets ${who} reach ${host} without asking (${field}.allow)`),
    ...removed(base.requireApproval, candidate.requireApproval).map((host) => `network: no longer asks before ${who} reaches ${host} (${field}.requireApproval)`),
    ...removed(base.block, candidate.block).map((host) => `network: no longer blocks ${host} for ${who} (${field}.block)`),
  ];
}

function modelLoosening(base: PolicyPack, candidate: PolicyPack): string[] {
  const lines = added(base.model.endpoints, candidate.model.endpoints).map((endpoint) => `model: adds the model endpoint ${endpoint}`);
  for (const remote of candidate.model.remote) {
    const before = base.model.remote.find((entry) => entry.url === remote.url);
    if (before === undefined) lines.push(`model: may send prompts and code to ${remote.provider} at ${remote.url} (${remote.purpose}; up to $${remote.maxMonthlyCostUsd} a month)`);
    else {
      if (remote.maxMonthlyCostUsd > before.maxMonthlyCostUsd) lines.push(`model: raises the monthly cost limit for ${remote.url} from $${before.maxMonthlyCostUsd} to $${remote.maxMonthlyCostUsd}`);
      lines.push(...priceLoosening(remote.url, before.priceUsdPerMillionTokens, remote.priceUsdPerMillionTokens));
    }
  }
  return lines;
}

/** A lower stated price lets more be spent under the same cap: it loosens as a raised cap does. */
function priceLoosening(url: string, before: TokenPrice | undefined, after: TokenPrice | undefined): string[] {
  if (before === undefined || after === undefined) return before === undefined && after !== undefined ? [`model: states token prices for ${url}, so chat requests to it are no longer refused for want of them`] : [];
  const lowered = (kind: string, was: number, now: number): string[] => (now < was ? [`model: counts ${kind} tokens to ${url} at $${now} per million (was $${was}), so the cap allows more use`] : []);
  return [...lowered('input', before.input, after.input), ...lowered('output', before.output, after.output)];
}

function anomalyLoosening(base: PolicyPack, candidate: PolicyPack): string[] {
  return ANOMALY_THRESHOLDS.flatMap(({ key, what, of }) => {
    const was = of(base.anomalies);
    const now = of(candidate.anomalies);
    return now > was ? [`anomalies: pauses a turn only after ${now} ${what} (was ${was}; anomalies.${key})`] : [];
  });
}

const ANOMALY_THRESHOLDS: readonly { readonly key: keyof AnomalyThresholds; readonly what: string; readonly of: (thresholds: AnomalyThresholds) => number }[] = [
  { key: 'deniedFileReadsPerTurn', what: 'denied file reads', of: (t) => t.deniedFileReadsPerTurn },
  { key: 'blockedRequestsPerTurn', what: 'blocked requests', of: (t) => t.blockedRequestsPerTurn },
  { key: 'toolCallsPerTurn', what: 'tool calls', of: (t) => t.toolCallsPerTurn },
  { key: 'sentMbPerTurn', what: 'MB sent to the model', of: (t) => t.sentMbPerTurn },
  { key: 'readMbPerTurn', what: 'MB read from the workspace', of: (t) => t.readMbPerTurn },
];

function toolLoosening(base: PolicyPack, candidate: PolicyPack): string[] {
  const lines: string[] = [];
  for (const [tool, settings] of ownEntries(candidate.tools)) {
    const before = ownValue(base.tools, tool);
    if (before === undefined) {
      if (settings.enabled) lines.push(`tools: adds the tool ${tool} (${settings.risk} risk)`);
      continue;
    }
    if (settings.enabled && !before.enabled) lines.push(`tools: enables ${tool} (${settings.risk} risk)`);
    if (RISK_LEVELS.indexOf(settings.risk) < RISK_LEVELS.indexOf(before.risk)) lines.push(`tools: lowers the risk of ${tool} from ${before.risk} to ${settings.risk}`);
  }
  return lines;
}

function approvalLoosening(base: PolicyPack, candidate: PolicyPack): string[] {
  const lines = removed(base.approvals.require, candidate.approvals.require).map((level) => `approvals: no longer asks before ${level}-risk actions`);
  if (candidate.approvals.allowSessionScope && !base.approvals.allowSessionScope) lines.push('approvals: offers "Allow for this session" in approval dialogs');
  return lines;
}

function limitLoosening(base: PolicyPack, candidate: PolicyPack): string[] {
  const lines: string[] = [];
  const raise = (what: string, from: number, to: number): void => {
    if (to > from) lines.push(`limits: raises ${what} from ${from} to ${to}`);
  };
  const baseRates = base.limits.requestsPerMinute;
  const rates = candidate.limits.requestsPerMinute;
  raise('requests per minute (default)', baseRates.default, rates.default);
  for (const tool of new Set([...Object.keys(baseRates.tools), ...Object.keys(rates.tools)])) raise(`requests per minute for ${tool}`, ownValue(baseRates.tools, tool) ?? baseRates.default, ownValue(rates.tools, tool) ?? rates.default);
  raise('the response size limit (bytes)', base.limits.maxResponseBytes, candidate.limits.maxResponseBytes);
  raise('the decompressed size limit (bytes)', base.limits.maxDecompressedBytes, candidate.limits.maxDecompressedBytes);
  raise('concurrent requests', base.limits.maxConcurrentRequests, candidate.limits.maxConcurrentRequests);
  raise('the request timeout (seconds)', base.limits.requestTimeoutSeconds, candidate.limits.requestTimeoutSeconds);
  raise('redirects followed', base.limits.maxRedirects, candidate.limits.maxRedirects);
  return lines;
}

function commandLoosening(base: PolicyPack, candidate: PolicyPack): string[] {
  const before = base.commands;
  const after = candidate.commands;
  const lines = [
    ...added(before.allow, after.allow).map((rule) => `commands: lets the agent run "${rule}" without asking (commands.allow)`),
    ...removed(before.requireApproval, after.requireApproval).map((rule) => `commands: no longer asks before "${rule}" (commands.requireApproval)`),
    ...removed(before.deny, after.deny).map((rule) => `commands: no longer refuses "${rule}" (commands.deny)`),
  ];
  if (after.unsandboxed && !before.unsandboxed) lines.push('commands: runs commands without a sandbox where none is available, each after asking (commands.unsandboxed)');
  for (const { key, of } of COMMAND_LIMITS) {
    if (of(after.limits) > of(before.limits)) lines.push(`commands: raises commands.limits.${key} from ${of(before.limits)} to ${of(after.limits)}`);
  }
  return lines;
}

const COMMAND_LIMITS: readonly { readonly key: keyof CommandLimits; readonly of: (limits: CommandLimits) => number }[] = [
  { key: 'cpuSeconds', of: (l) => l.cpuSeconds },
  { key: 'wallSeconds', of: (l) => l.wallSeconds },
  { key: 'memoryMb', of: (l) => l.memoryMb },
  { key: 'outputBytes', of: (l) => l.outputBytes },
];
