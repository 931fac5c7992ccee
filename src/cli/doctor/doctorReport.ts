import type { ProbeResult } from '../../core/model/modelClient';
import type { ModelEndpoint, SettingProblem } from '../../core/model/modelEndpoint';
import type { NodeSupport } from '../nodeSupport';
import type { WorkspaceRequestReport } from '../settings/workspaceRequestReport';

/** Same words as the chat panel's status, plus the one state only a listing can reveal. */
export type DoctorStatus = 'ready' | 'model-not-listed' | 'unreachable' | 'invalid' | 'refused';

/** Where the base URL and model name came from (`--base-url`, `approved for this workspace`, `LLM_API_BASE`, `default`, …). */
export interface DoctorSources {
  readonly baseUrl: string;
  readonly model: string;
}

/** Everything `airlock doctor` found; printed as text or, with --json, as is. Never holds the key. */
export interface DoctorReport {
  readonly ok: boolean;
  readonly status: DoctorStatus;
  readonly node: NodeSupport;
  readonly endpoint: { readonly baseUrl: string; readonly model: string; readonly apiKeySet: boolean } | null;
  readonly sources: DoctorSources;
  /** What the workspace's `.vscode/settings.json` asks for the model, and whether it applies. */
  readonly workspaceRequests: readonly WorkspaceRequestReport[];
  readonly problems: readonly SettingProblem[];
  readonly probe: ProbeResult | null;
}

/** The report when the settings themselves are unusable: nothing was contacted. */
export function settingsProblemReport(node: NodeSupport, sources: DoctorSources, workspaceRequests: readonly WorkspaceRequestReport[], problems: readonly SettingProblem[]): DoctorReport {
  const status: DoctorStatus = problems.some((p) => p.kind === 'refused') ? 'refused' : 'invalid';
  return { ok: false, status, node, endpoint: null, sources, workspaceRequests, problems, probe: null };
}

/** The report after probing a valid endpoint. */
export function probedReport(node: NodeSupport, sources: DoctorSources, workspaceRequests: readonly WorkspaceRequestReport[], endpoint: ModelEndpoint, probe: ProbeResult): DoctorReport {
  const status = probeStatus(probe);
  return {
    ok: status === 'ready' && node.supported,
    status,
    node,
    endpoint: { baseUrl: endpoint.baseUrl, model: endpoint.model, apiKeySet: endpoint.apiKey !== undefined },
    sources,
    workspaceRequests,
    problems: [],
    probe,
  };
}

function probeStatus(probe: ProbeResult): DoctorStatus {
  if (!probe.reachable) return probe.failure.kind === 'refused' ? 'refused' : 'unreachable';
  return probe.modelListed ? 'ready' : 'model-not-listed';
}
