import { PolicyError } from './policyError';
import { applyManaged, mergeOverlay } from './policyMerge';
import { policyPackSchema, type PolicyOverlay, type PolicyPack } from './policySchema';
import { formatFieldPath } from './yamlLocation';

/** A file's content in the merge, with the name its errors carry. */
export interface ComposedLayer<T> {
  readonly file: string;
  readonly value: T;
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
  const bounded = step(managed, () => (managed === undefined ? merged.policy : applyManaged(merged.policy, managed.value)));
  if (!bounded.ok) return bounded;
  const checked = policyPackSchema.safeParse(bounded.policy);
  if (checked.success) return bounded;
  const issue = checked.error.issues.at(0);
  const file = managed?.file ?? overlay?.file ?? 'the built-in pack';
  return failed(file, issue === undefined ? undefined : formatFieldPath(issue.path.filter((segment) => typeof segment !== 'symbol')), `the merged policy is invalid: ${issue?.message ?? 'unknown reason'}`);
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
