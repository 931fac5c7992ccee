// The policy module's public API: what the extension, the CLI and the guards use.
export { BUILTIN_PACK_NAMES, DEFAULT_PACK_NAME, isBuiltinPackName, type BuiltinPackName } from './builtinPacks';
export { PolicyStore, type EffectivePolicy, type PendingOverlay, type PolicyLoadOptions, type PolicySource, type PolicySourceKind } from './effectivePolicy';
export { FileLockError, type FileLockErrorCode } from './fileLock';
export { FirewallEditError, type FirewallEditErrorCode } from './firewallEditError';
export { addFirewallRule, removeFirewallRule, type FirewallEdit, type FirewallEditResult } from './firewallEditor';
export { ALL_TOOLS, EGRESS_LISTS, isDefaultDeny, listRules, rulesForTool, type EgressList, type EgressRuleRow } from './firewallRules';
export { formatHostPattern, hostMatches, parseHostPattern, type HostPattern } from './hostPattern';
export { OverlayTrustStore, overlayTrustKey, type OverlayTrustStatus, type TrustOrigin } from './overlayTrust';
export { PolicyError, formatDiagnostic, type PolicyErrorCode } from './policyError';
export { parseOverlay, parsePack, type PolicyParseResult } from './policyLoader';
export { describeLoosening } from './policyLoosening';
export { applyManaged, mergeOverlay } from './policyMerge';
export { overlayDisplayPath, overlayPath, resolveConfigDir, resolveManagedPolicyPath } from './policyPaths';
export type { PolicyOverlay, PolicyPack, RiskLevel } from './policySchema';
