import { resolve } from 'node:path';
import { ModelClient } from '../../core/model/modelClient';
import { resolveModelEndpoint } from '../../core/model/modelEndpoint';
import type { CliContext } from '../cliContext';
import { findSandboxBackend } from '../../core/sandbox/sandboxBackend';
import { probedReport, settingsProblemReport, type DoctorReport, type DoctorSandbox, type DoctorSources } from './doctorReport';
import { listeningSockets } from './listeningSockets';
import { modelServerExposure } from './modelServerExposure';
import { checkNodeSupport } from '../nodeSupport';
import type { SecuritySettingKey } from '../../core/settings/securitySettings';
import { cliSecuritySettings } from '../settings/cliSecuritySettings';
import { cliSourceLabel, workspaceRequestReports } from '../settings/workspaceRequestReport';

export interface DoctorOptions {
  readonly baseUrl?: string;
  readonly model?: string;
  readonly workspace?: string;
}

const MODEL_SETTINGS: readonly SecuritySettingKey[] = ['airlock.model.baseUrl', 'airlock.model.name'];

/**
 * Resolves the endpoint the way the extension does (the options stand for the user's settings;
 * the workspace's `.vscode/settings.json` counts only once approved in Airlock's store; then
 * LLM_* variables, then defaults), and probes it only when the core allows it: a refused URL is
 * never contacted. The client bounds the probe with its own timeout.
 */
export async function runDoctor(options: DoctorOptions, context: CliContext): Promise<DoctorReport> {
  const node = checkNodeSupport(context.nodeVersion);
  const folder = resolve(context.cwd ?? process.cwd(), options.workspace ?? '.');
  const user = new Map<SecuritySettingKey, string>([
    ...(options.baseUrl === undefined ? [] : [['airlock.model.baseUrl', options.baseUrl] as const]),
    ...(options.model === undefined ? [] : [['airlock.model.name', options.model] as const]),
  ]);
  const { resolved: settings } = await cliSecuritySettings(folder, user, context);
  const baseUrl = settings.get('airlock.model.baseUrl');
  const model = settings.get('airlock.model.name');
  const sources: DoctorSources = {
    baseUrl: cliSourceLabel(baseUrl?.source ?? 'default', '--base-url', context.env.LLM_API_BASE, 'LLM_API_BASE'),
    model: cliSourceLabel(model?.source ?? 'default', '--model', context.env.LLM_MODEL, 'LLM_MODEL'),
  };
  const requests = workspaceRequestReports(settings, MODEL_SETTINGS);
  const resolved = resolveModelEndpoint({ baseUrl: baseUrl?.value, model: model?.value, env: context.env });
  const backend = await findSandboxBackend();
  const sandbox: DoctorSandbox = backend.ok ? { available: true, detail: backend.version } : { available: false, detail: backend.reason };
  if (!resolved.ok) return settingsProblemReport(node, sources, requests, resolved.problems, sandbox);
  const probe = await new ModelClient(resolved.endpoint).probe();
  return probedReport(node, sources, requests, resolved.endpoint, probe, sandbox, modelServerExposure(resolved.endpoint.baseUrl, listeningSockets()));
}
