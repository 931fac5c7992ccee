import type { ProbeResult } from '../../core/model/modelClient';
import type { ModelEndpoint, SettingProblem } from '../../core/model/modelEndpoint';
import type { NodeSupport } from '../nodeSupport';
import type { WorkspaceRequestReport } from '../settings/workspaceRequestReport';
import type { ModelServerExposure } from './modelServerExposure';

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
  /** Whether agent commands can run sandboxed here: the backend and version, or why not. */
  readonly sandbox: DoctorSandbox;
  /** Whether the model server listens on loopback only; null when no endpoint was resolved. */
  readonly modelServer: ModelServerExposure | null;
}

export interface DoctorSandbox {
  readonly available: boolean;
  /** "bubblewrap 0.8.0", or the reason there is none. */
  readonly detail: string;
}

/** The report when the settings themselves are unusable: nothing was contacted. */
export function settingsProblemReport(node: NodeSupport, sources: DoctorSources, workspaceRequests: readonly WorkspaceRequestReport[], problems: readonly SettingProblem[], sandbox: DoctorSandbox): DoctorReport {
  const status: DoctorStatus = problems.some((p) => p.kind === 'refused') ? 'refused' : 'invalid';
  return { ok: false, status, node, endpoint: null, sources, workspaceRequests, problems, probe: null, sandbox, modelServer: null };
}

/** The report after probing a valid endpoint. A model server open to the network fails it; a missing sandbox does not (commands are then unavailable). */
export function probedReport(node: NodeSupport, sources: DoctorSources, workspaceRequests: readonly WorkspaceRequestReport[], endpoint: ModelEndpoint, probe: ProbeResult, sandbox: DoctorSandbox, modelServer: ModelServerExposure): DoctorReport {
  const status = probeStatus(probe);
  return {
    ok: status === 'ready' && node.supported && modelServer.kind !== 'exposed',
    status,
    node,
    endpoint: { baseUrl: endpoint.baseUrl, model: endpoint.model, apiKeySet: endpoint.apiKey !== undefined },
    sources,
    workspaceRequests,
    problems: [],
    probe,
    sandbox,
    modelServer,
  };
}

function probeStatus(probe: ProbeResult): DoctorStatus {
  if (!probe.reachable) return probe.failure.kind === 'refused' ? 'refused' : 'unreachable';
  return probe.modelListed ? 'ready' : 'model-not-listed';
}
