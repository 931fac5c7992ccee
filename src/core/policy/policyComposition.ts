import { PolicyError, type PolicyLocation } from './policyError';
import { applyManaged, mergeOverlay } from './policyMerge';
import { policyPackSchema, type PolicyOverlay, type PolicyPack } from './policySchema';
import { formatFieldPath, type FieldPath } from './yamlLocation';

/** A file's content in the merge, with the name its errors carry. */
export interface ComposedLayer<T> {
  readonly file: string;
  readonly value: T;
  /** Where a field is written in the file, when it was parsed here: a merge error then names the line. */
  readonly locate?: (path: FieldPath) => PolicyLocation;
}

export type Composition = { readonly ok: true; readonly policy: PolicyPack } | { readonly ok: false; readonly error: PolicyError };

/**
 * The effective policy from its files, exactly as the extension, the CLI and every policy edit
 * compute it: the pack, the overlay merged on it, the managed policy over both, and the result
 * checked against the pack schema (the guards read nothing else). A step that fails is an error
 * naming the file whose merge failed and, when the schema can say, the field: never an exception.
 */
export function composePolicy(pack: PolicyPack, overlay: ComposedLayer<PolicyOverlay> | undefined, managed: ComposedLayer<PolicyOverlay> | undefined): Composition {
  const merged = step(overlay, () => (overlay === undefined ? pack : mergeOverlay(pack, overlay.value)));
  if (!merged.ok) return merged;
  if (managed === undefined) return checked(merged.policy, overlay);
  // Checked before the managed file too, so an error the overlay caused (an MCP server left without a transport) names the overlay.
  const mergedChecked = overlay === undefined ? merged : checked(merged.policy, overlay);
  if (!mergedChecked.ok) return mergedChecked;
  const bounded = step(managed, () => applyManaged(merged.policy, managed.value));
  if (!bounded.ok) return bounded;
  return checked(bounded.policy, managed);
}

function checked(policy: PolicyPack, layer: ComposedLayer<PolicyOverlay> | undefined): Composition {
  const result = policyPackSchema.safeParse(policy);
  if (result.success) return { ok: true, policy };
  const issue = result.error.issues.at(0);
  const path: FieldPath = issue === undefined ? [] : issue.path.filter((segment) => typeof segment !== 'symbol');
  const detail = `the merged policy is invalid: ${issue?.message ?? 'unknown reason'}`;
  const located = issue === undefined ? undefined : layer?.locate?.(path);
  if (located !== undefined) return { ok: false, error: new PolicyError({ code: 'POLICY_MERGE_FAILED', ...located, detail }) };
  return failed(layer?.file ?? 'the built-in pack', issue === undefined ? undefined : formatFieldPath(path), detail);
}

function step(layer: ComposedLayer<PolicyOverlay> | undefined, merge: () => PolicyPack): Composition {
  try {
    return { ok: true, policy: merge() };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return failed(layer?.file ?? 'the built-in pack', undefined, `cannot be merged with the pack: ${reason}`);
  }
}

function failed(file: string, field: string | undefined, detail: string): Composition {
  return { ok: false, error: new PolicyError({ code: 'POLICY_MERGE_FAILED', file, ...(field === undefined ? {} : { field }), detail }) };
}
