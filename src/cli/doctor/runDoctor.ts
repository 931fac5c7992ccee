import { ModelClient } from '../../core/model/modelClient';
import { resolveModelEndpoint } from '../../core/model/modelEndpoint';
import type { CliContext } from '../cliContext';
import { probedReport, settingsProblemReport, type DoctorReport, type DoctorSources } from './doctorReport';
import { checkNodeSupport } from '../nodeSupport';
import { settingSource } from './settingSource';

export interface DoctorOptions {
  readonly baseUrl?: string;
  readonly model?: string;
}

/**
 * Resolves the endpoint the way the extension does (options first, then LLM_* variables, then
 * defaults), and probes it only when the core allows it: a refused URL is never contacted.
 * The client bounds the probe with its own timeout.
 */
export async function runDoctor(options: DoctorOptions, context: CliContext): Promise<DoctorReport> {
  const node = checkNodeSupport(context.nodeVersion);
  const sources = doctorSources(options, context.env);
  const resolved = resolveModelEndpoint({ baseUrl: options.baseUrl, model: options.model, env: context.env });
  if (!resolved.ok) return settingsProblemReport(node, sources, resolved.problems);
  const probe = await new ModelClient(resolved.endpoint).probe();
  return probedReport(node, sources, resolved.endpoint, probe);
}

function doctorSources(options: DoctorOptions, env: CliContext['env']): DoctorSources {
  return {
    baseUrl: settingSource(options.baseUrl, '--base-url', env.LLM_API_BASE, 'LLM_API_BASE'),
    model: settingSource(options.model, '--model', env.LLM_MODEL, 'LLM_MODEL'),
  };
}
