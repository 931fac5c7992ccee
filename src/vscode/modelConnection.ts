import * as vscode from 'vscode';
import type { AuditSink } from '../core/audit/auditSink';
import type { SafeFetch } from '../core/egress/safeFetch';
import { createModelFetch, ModelClient, type ProbeResult } from '../core/model/modelClient';
import type { PolicyPack } from '../core/policy/policySchema';
import { resolveModelEndpoint } from '../core/model/modelEndpoint';
import type { EndpointState, NoticeKind } from '../core/protocol/chatProtocol';
import { settingSourceLabel } from '../core/settings/settingSourceLabel';
import { readModelSettings, readRequestTimeoutMs, MODEL_SECTION, type ApiKeyStore } from './modelSettings';
import type { SecuritySettings } from './securitySettings';

export interface Notice {
  readonly kind: NoticeKind;
  readonly message: string;
  readonly hint?: string;
}

/** What the panel shows about the model: where it is, whether it answers, what to do if not. */
export interface ConnectionStatus {
  readonly state: EndpointState;
  readonly endpoint: string;
  readonly model: string;
  readonly detail: string;
  /** Where the endpoint comes from: "user settings", "approved for this workspace", … */
  readonly source: string;
  readonly notice: Notice | null;
  readonly probe: ProbeResult;
}

/**
 * Owns the model client built from the current settings and its reachability. Settings or the
 * API key changing rebuilds it at once; only the newest check's answer is kept.
 */
export class ModelConnection implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ConnectionStatus>();
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private generation = 0;
  private current: { status: ConnectionStatus; client: ModelClient | undefined };

  readonly onDidChange = this.changed.event;

  private modelFetch: { timeoutMs: number; fetch: SafeFetch } | undefined;
  /** The policy parts the endpoint decision reads, as of the last refresh. */
  private endpointRules = '';

  constructor(
    private readonly secrets: vscode.SecretStorage,
    apiKeys: ApiKeyStore,
    private readonly log: vscode.LogOutputChannel,
    private readonly policy: () => PolicyPack,
    private readonly audit: AuditSink,
    policyChanged: vscode.Event<unknown>,
    private readonly settings: SecuritySettings,
  ) {
    this.current = { status: checkingStatus('', ''), client: undefined };
    this.disposables.push(
      // The policy's model and egress sections decide which endpoints are allowed; a reload that
      // changed neither (a file rule, a trust-store write) needs no new probe.
      policyChanged(() => {
        if (endpointRulesOf(this.policy()) !== this.endpointRules) void this.refresh();
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(MODEL_SECTION)) void this.refresh();
      }),
      apiKeys.onDidChange(() => void this.refresh()),
      // An approval for this workspace (or its withdrawal) changes the endpoint without a settings change.
      settings.onDidChange(() => void this.refresh()),
    );
  }

  get status(): ConnectionStatus {
    return this.current.status;
  }

  /** The client for the current settings, or undefined when the settings cannot be used. */
  get client(): ModelClient | undefined {
    return this.current.client;
  }

  async refresh(): Promise<ConnectionStatus> {
    const generation = ++this.generation;
    const policy = this.policy();
    this.endpointRules = endpointRulesOf(policy);
    const resolved = resolveModelEndpoint({ ...(await readModelSettings(this.secrets, this.settings)), policy });
    const source = this.endpointSource();
    if (!resolved.ok) {
      const status = { ...settingsProblemStatus(resolved.problems), source };
      for (const problem of resolved.problems) this.log.error(problem.message);
      return this.publish(generation, status, undefined);
    }
    const { endpoint } = resolved;
    const requestTimeoutMs = readRequestTimeoutMs();
    const client = new ModelClient(endpoint, { requestTimeoutMs, fetch: this.sharedFetch(requestTimeoutMs), audit: this.audit });
    this.publish(generation, { ...checkingStatus(endpoint.baseUrl, endpoint.model), source }, client);
    const probe = await client.probe();
    const status = { ...probeStatus(endpoint.baseUrl, endpoint.model, probe), source };
    this.log.info(`model endpoint ${endpoint.baseUrl} (${endpoint.model}, from ${source}): ${status.state}${probe.reachable ? '' : ` — ${probe.failure.message}`}`);
    return this.publish(generation, status, client);
  }

  /** The endpoint's source; a value nobody set falls back to LLM_API_BASE, then the default. */
  private endpointSource(): string {
    const { source } = this.settings.resolved('airlock.model.baseUrl');
    if (source !== 'default') return settingSourceLabel(source);
    return process.env.LLM_API_BASE?.trim() ? 'LLM_API_BASE' : 'default';
  }

  /** One guarded fetch per timeout, so its rate and concurrency limits outlive a client rebuild. */
  private sharedFetch(timeoutMs: number): SafeFetch {
    if (this.modelFetch?.timeoutMs !== timeoutMs) {
      // The replaced fetch's pooled connections would otherwise stay open until the window closes.
      void this.modelFetch?.fetch.close();
      this.modelFetch = { timeoutMs, fetch: createModelFetch({ requestTimeoutMs: timeoutMs, policy: this.policy, audit: this.audit }) };
    }
    return this.modelFetch.fetch;
  }

  private publish(generation: number, status: ConnectionStatus, client: ModelClient | undefined): ConnectionStatus {
    if (generation !== this.generation) return status;
    this.current = { status, client };
    this.changed.fire(status);
    return status;
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
    void this.modelFetch?.fetch.close();
  }
}

function endpointRulesOf(policy: PolicyPack): string {
  return JSON.stringify([policy.model, policy.egress]);
}

function checkingStatus(endpoint: string, model: string): ConnectionStatus {
  return { state: 'checking', endpoint, model, detail: 'Checking the model server…', source: '', notice: null, probe: { reachable: false, failure: { kind: 'failed', message: 'not checked yet' } } };
}

function settingsProblemStatus(problems: readonly { kind: 'invalid' | 'refused'; message: string; setting: string }[]): ConnectionStatus {
  const refused = problems.some((problem) => problem.kind === 'refused');
  const message = problems.map((problem) => problem.message).join(' ');
  const notice: Notice = refused
    ? { kind: 'refused', message, hint: 'Airlock sends model traffic only to this machine, or to a remote model API the policy names under model.remote. Set airlock.model.baseUrl to e.g. http://127.0.0.1:11434/v1, or name the API under model.remote (docs/policy.md).' }
    : { kind: 'invalid-settings', message, hint: 'Fix the setting in Settings (search "airlock.model").' };
  return {
    state: refused ? 'refused' : 'invalid',
    endpoint: '',
    model: '',
    detail: refused ? 'Endpoint refused: not on this machine, nor a model.remote API' : 'Model settings are invalid',
    source: '',
    notice,
    probe: { reachable: false, failure: { kind: refused ? 'refused' : 'failed', message } },
  };
}

function probeStatus(endpoint: string, model: string, probe: ProbeResult): ConnectionStatus {
  if (!probe.reachable) {
    const { failure } = probe;
    return { state: 'unreachable', endpoint, model, detail: 'Model server not reachable', source: '', notice: { kind: 'unreachable', message: failure.message, ...(failure.hint ? { hint: failure.hint } : {}) }, probe };
  }
  const notice: Notice | null = probe.modelListed || probe.models.length === 0
    ? null
    : { kind: 'warning', message: `The server does not list the model "${model}" (it has: ${probe.models.slice(0, 8).join(', ')}).`, hint: `Run \`ollama pull ${model}\` or change airlock.model.name.` };
  return { state: 'ready', endpoint, model, detail: 'Connected', source: '', notice, probe };
}
