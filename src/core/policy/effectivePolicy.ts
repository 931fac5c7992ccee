import { access } from 'node:fs/promises';
import { DEFAULT_PACK_NAME, loadBuiltinPack } from './builtinPacks';
import { checkOverlayLocation } from './overlayLocation';
import { OverlayTrustStore, overlayTrustKey } from './overlayTrust';
import { PolicyError, formatDiagnostic } from './policyError';
import { readPolicyFile } from './policyFile';
import { parseOverlay, type ParsedPolicy } from './policyLoader';
import { describeLoosening } from './policyLoosening';
import { composePolicy, type ComposedLayer } from './policyComposition';
import { overlayDisplayPath, overlayPath } from './policyPaths';
import type { PolicyOverlay, PolicyPack } from './policySchema';
import { unknownToolWarnings } from './unknownTools';
import { mcpServerNames } from './mcpToolId';
import { mcpPatternWarnings } from './mcpPolicyChecks';
import { ownEntries, ownValue } from './keyedRecord';

export interface PolicyLoadOptions {
  /** The folder whose `.airlock/policy/<pack>.yaml` applies; without one there is no overlay. */
  readonly workspaceFolder?: string;
  readonly packName: string;
  /** The folder holding the built-in packs (`<extension>/policy`, `<dist>/../policy`). */
  readonly builtinDir: string;
  readonly managedPath?: string;
  /** VS Code's workspace trust; the CLI, run by the user in a shell, passes true. */
  readonly workspaceTrusted: boolean;
  /** Where the overlay approvals live (see resolveConfigDir). */
  readonly configDir: string;
}

export type PolicySourceKind = 'builtin' | 'overlay' | 'managed';

/** A file that contributes to the effective policy, and what it contributed. */
export interface PolicySource {
  readonly kind: PolicySourceKind;
  readonly path: string;
  /** The path as messages show it (workspace-relative for the overlay). */
  readonly file: string;
  readonly sha256: string;
  readonly content: PolicyOverlay;
  /** False when the file is now invalid and this, its last valid content, is still in force. */
  readonly current: boolean;
}

/** An overlay that is valid but not approved: it does not apply until the user approves this hash. */
export interface PendingOverlay {
  readonly path: string;
  readonly file: string;
  /** The trust store key (see overlayTrustKey) to approve or reject. */
  readonly key: string;
  readonly sha256: string;
  /** What it would loosen, one sentence each, for the approval dialog. */
  readonly loosens: readonly string[];
  /** The user already refused this exact content; the UI need not ask again. */
  readonly rejected: boolean;
}

export interface EffectivePolicy {
  readonly policy: PolicyPack;
  readonly packName: string;
  /** In merge order: built-in pack, overlay, managed policy. */
  readonly sources: readonly PolicySource[];
  readonly pendingOverlay?: PendingOverlay;
  readonly errors: readonly PolicyError[];
  readonly warnings: readonly string[];
}

interface Layer<T> {
  readonly source: PolicySource;
  readonly value: T;
  readonly locate?: ParsedPolicy<T>['locate'];
}

interface Report {
  readonly errors: PolicyError[];
  readonly warnings: string[];
}

type OverlayOutcome = { layer?: Layer<PolicyOverlay>; pending?: Omit<PendingOverlay, 'loosens'> & Pick<ParsedPolicy<PolicyOverlay>, 'value' | 'locate'> };

/**
 * Builds the effective policy: built-in pack ← workspace overlay ← managed policy (see
 * mergeOverlay and applyManaged). Keeps each file's last valid content, so a file that turns
 * invalid leaves its previous content in force (or nothing, if it never was valid) and the error
 * is reported; an invalid built-in pack falls back the same way, and an unknown pack name to the
 * default pack. An overlay applies only in a trusted workspace, only from inside the workspace
 * folder, and only when its exact content is trusted (approved or written by Airlock); otherwise
 * it is reported as pending with what it would loosen. One store per window (or CLI run).
 */
export class PolicyStore {
  private readonly lastValidPacks = new Map<string, Layer<PolicyPack>>();
  private readonly lastValidFiles = new Map<string, Layer<PolicyOverlay>>();

  async load(options: PolicyLoadOptions): Promise<EffectivePolicy> {
    const report: Report = { errors: [], warnings: [] };
    const pack = await this.builtinLayer(options.builtinDir, options.packName, report);
    const managed = options.managedPath === undefined ? undefined : await this.managedLayer(options.managedPath, pack.value, report);
    const overlay = await this.overlayLayer(options, pack.value, report);

    const composed = composeOrFallBack(pack, overlay.layer, managed, report);
    const sources = [pack.source, composed.overlay?.source, composed.managed?.source].filter((source) => source !== undefined);
    const result: EffectivePolicy = { policy: composed.policy, packName: pack.value.name, sources, errors: report.errors, warnings: report.warnings };
    if (overlay.pending === undefined) return result;
    const { value, locate, ...pending } = overlay.pending;
    const candidate = composePolicy(pack.value, { file: pending.file, value, locate }, layerOf(composed.managed));
    if (!candidate.ok) {
      report.errors.push(candidate.error);
      return result;
    }
    return { ...result, pendingOverlay: { ...pending, loosens: describeLoosening(composed.withoutOverlay, candidate.policy) } };
  }

  private async builtinLayer(builtinDir: string, packName: string, report: Report): Promise<Layer<PolicyPack>> {
    const loaded = await loadBuiltinPack(builtinDir, packName);
    if (loaded.ok && loaded.sha256 !== undefined) {
      report.warnings.push(...loaded.warnings);
      const layer = { value: loaded.value, source: { kind: 'builtin', path: loaded.path, file: loaded.path, sha256: loaded.sha256, content: loaded.value, current: true } } as const;
      this.lastValidPacks.set(loaded.path, layer);
      return layer;
    }
    const errors = loaded.ok ? [] : loaded.errors;
    report.errors.push(...errors);
    const last = this.lastValidPacks.get(loaded.path);
    if (last !== undefined) return { ...last, source: { ...last.source, current: false } };
    if (packName !== DEFAULT_PACK_NAME) {
      report.warnings.push(`using the built-in "${DEFAULT_PACK_NAME}" pack instead of "${packName}"`);
      return this.builtinLayer(builtinDir, DEFAULT_PACK_NAME, report);
    }
    throw errors[0] ?? new PolicyError({ code: 'POLICY_READ_FAILED', file: loaded.path, detail: 'the built-in pack could not be loaded' });
  }

  private async managedLayer(path: string, pack: PolicyPack, report: Report): Promise<Layer<PolicyOverlay> | undefined> {
    const read = await readPolicyFile(path, path);
    if (read.ok) {
      const parsed = parseOverlay({ text: read.content.text, file: path }, 'managed');
      report.warnings.push(...parsed.warnings, ...(parsed.ok ? [...unknownToolWarnings(parsed, mcpServerNames(pack, parsed.value)), ...mcpPatternWarnings(parsed, pack.mcp)] : []));
      if (parsed.ok) return this.remember({ kind: 'managed', path, file: path, sha256: read.content.sha256, content: parsed.value, current: true }, parsed);
      report.errors.push(...parsed.errors);
    } else {
      report.errors.push(new PolicyError(read.diagnostic));
    }
    return this.lastValid(path);
  }

  private async overlayLayer(options: PolicyLoadOptions, pack: PolicyPack, report: Report): Promise<OverlayOutcome> {
    if (options.workspaceFolder === undefined) return {};
    const path = overlayPath(options.workspaceFolder, pack.name);
    const file = overlayDisplayPath(pack.name);
    if (!options.workspaceTrusted) {
      if (await exists(path)) report.warnings.push(`${file}: ignored, because the workspace is not trusted`);
      return {};
    }
    const read = await readPolicyFile(path, file);
    if (!read.ok && read.missing) {
      this.lastValidFiles.delete(path);
      return {};
    }
    const misplaced = read.ok ? await checkOverlayLocation(options.workspaceFolder, path, file) : undefined;
    if (misplaced !== undefined) {
      report.errors.push(new PolicyError(misplaced));
      return {};
    }
    if (!read.ok) {
      report.errors.push(new PolicyError(read.diagnostic));
      return { layer: this.lastValid(path) };
    }
    const parsed = parseOverlay({ text: read.content.text, file, expectedName: pack.name });
    report.warnings.push(...parsed.warnings);
    if (!parsed.ok) {
      report.errors.push(...parsed.errors);
      return { layer: this.lastValid(path) };
    }
    report.warnings.push(...toolsWithoutRisk(parsed, pack), ...unknownToolWarnings(parsed, mcpServerNames(pack, parsed.value)), ...mcpPatternWarnings(parsed, pack.mcp));
    const key = await overlayTrustKey(path);
    const status = await new OverlayTrustStore(options.configDir).status(key, read.content.sha256);
    if (status !== 'trusted') {
      return { pending: { path, file, key, sha256: read.content.sha256, rejected: status === 'rejected', value: parsed.value, locate: parsed.locate } };
    }
    return { layer: this.remember({ kind: 'overlay', path, file, sha256: read.content.sha256, content: parsed.value, current: true }, parsed) };
  }

  private remember(source: PolicySource, parsed: ParsedPolicy<PolicyOverlay>): Layer<PolicyOverlay> {
    const layer = { source, value: parsed.value, locate: parsed.locate };
    this.lastValidFiles.set(source.path, layer);
    return layer;
  }

  private lastValid(path: string): Layer<PolicyOverlay> | undefined {
    const last = this.lastValidFiles.get(path);
    return last === undefined ? undefined : { ...last, source: { ...last.source, current: false } };
  }
}

interface Composed {
  readonly policy: PolicyPack;
  /** The pack with only the managed policy that applied: what a pending overlay is compared with. */
  readonly withoutOverlay: PolicyPack;
  readonly overlay: Layer<PolicyOverlay> | undefined;
  readonly managed: Layer<PolicyOverlay> | undefined;
}

/**
 * Composes the layers; when that fails, the error is reported and the failing layer left out
 * (first the overlay, then the managed policy), so the pack's own rules still hold and every
 * front end can show what is wrong instead of crashing.
 */
function composeOrFallBack(pack: Layer<PolicyPack>, overlay: Layer<PolicyOverlay> | undefined, managed: Layer<PolicyOverlay> | undefined, report: Report): Composed {
  const attempts: [Layer<PolicyOverlay> | undefined, Layer<PolicyOverlay> | undefined][] = [[overlay, managed], [undefined, managed], [undefined, undefined]];
  const withoutOverlay = composePolicy(pack.value, undefined, layerOf(managed));
  for (const [withOverlay, withManaged] of attempts) {
    const composed = composePolicy(pack.value, layerOf(withOverlay), layerOf(withManaged));
    if (composed.ok) return { policy: composed.policy, withoutOverlay: withoutOverlay.ok ? withoutOverlay.policy : pack.value, overlay: withOverlay, managed: withManaged };
    if (!report.errors.some((error) => error.message === composed.error.message)) report.errors.push(composed.error);
  }
  return { policy: pack.value, withoutOverlay: pack.value, overlay: undefined, managed: undefined };
}

function layerOf(layer: Layer<PolicyOverlay> | undefined): ComposedLayer<PolicyOverlay> | undefined {
  return layer === undefined ? undefined : { file: layer.source.file, value: layer.value, ...(layer.locate === undefined ? {} : { locate: layer.locate }) };
}

/** A tool the pack does not define gets `critical` when the overlay names no risk: say so. */
function toolsWithoutRisk(parsed: ParsedPolicy<PolicyOverlay>, pack: PolicyPack): string[] {
  return ownEntries(parsed.value.tools)
    .filter(([tool, settings]) => settings?.risk === undefined && ownValue(pack.tools, tool) === undefined)
    .map(([tool]) => formatDiagnostic({ code: 'POLICY_SCHEMA', ...parsed.locate(['tools', tool]), detail: `the "${pack.name}" pack has no tool ${tool}, so it gets risk "critical"; give it a risk` }));
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(() => true, () => false);
}
