import type { ProbeResult } from '../../core/model/modelClient';
import { renderWorkspaceRequest } from '../settings/workspaceRequestReport';
import type { DoctorReport } from './doctorReport';

type Line = readonly [label: string, value: string];

// A server can list hundreds of models; the report stays readable, --json has them all.
const MAX_MODELS_SHOWN = 20;
// The core's hints name VS Code settings; a CLI user sets the same things here.
const CLI_SETTINGS_NOTE = 'in the CLI the base URL comes from --base-url or LLM_API_BASE, the model from --model or LLM_MODEL, the key from LLM_API_KEY';

/** The human form of a doctor report: one aligned "label  value" line per finding. */
export function renderDoctorReport(report: DoctorReport): string {
  const lines: Line[] = [nodeLine(report), ...endpointLines(report), ...workspaceLines(report), ...probeLines(report.probe, report), ...exposureLines(report), sandboxLine(report), resultLine(report)];
  if (!report.ok) lines.push(['Note', CLI_SETTINGS_NOTE]);
  const width = Math.max(...lines.map(([label]) => label.length));
  const body = lines.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`).join('\n');
  return `Airlock doctor\n${body}\n`;
}

function nodeLine({ node }: DoctorReport): Line {
  const verdict = node.supported ? 'supported' : 'NOT supported, install a newer Node';
  return ['Node', `${node.version} (${verdict}; Airlock needs ${node.required})`];
}

function endpointLines(report: DoctorReport): Line[] {
  const { endpoint, sources } = report;
  if (endpoint === null) {
    return report.problems.map((problem): Line => [problem.kind === 'refused' ? 'Refused' : 'Invalid', problem.message])
      .concat([['Sources', `base URL from ${sources.baseUrl}, model from ${sources.model}`]]);
  }
  return [
    ['Endpoint', `${endpoint.baseUrl} ${sourceNote(sources.baseUrl)}`],
    ['Model', `${endpoint.model} ${sourceNote(sources.model)}`],
    ['API key', endpoint.apiKeySet ? 'set (LLM_API_KEY)' : 'not set (LLM_API_KEY; local servers rarely need one)'],
  ];
}

function workspaceLines({ workspaceRequests }: DoctorReport): Line[] {
  return workspaceRequests.map((request): Line => ['Workspace asks', renderWorkspaceRequest(request)]);
}

function sourceNote(source: string): string {
  return source === 'default' ? '(default)' : `(from ${source})`;
}

function probeLines(probe: ProbeResult | null, report: DoctorReport): Line[] {
  if (probe === null) return [['Server', 'not contacted']];
  if (!probe.reachable) {
    const lines: Line[] = [['Server', `not reachable (${probe.failure.kind}): ${probe.failure.message}`]];
    if (probe.failure.hint !== undefined) lines.push(['Hint', probe.failure.hint]);
    return lines;
  }
  const model = report.endpoint?.model ?? '';
  return [
    ['Server', `reachable, ${modelList(probe.models)}`],
    ['Model listed', probe.modelListed ? 'yes' : `no: pull it (\`ollama pull ${model}\`) or pick a listed one with --model`],
  ];
}

function modelList(models: readonly string[]): string {
  if (models.length === 0) return 'no models';
  const shown = models.slice(0, MAX_MODELS_SHOWN).join(', ');
  const more = models.length > MAX_MODELS_SHOWN ? `, and ${models.length - MAX_MODELS_SHOWN} more` : '';
  return `${models.length} model${models.length === 1 ? '' : 's'}: ${shown}${more}`;
}

function exposureLines({ modelServer }: DoctorReport): Line[] {
  if (modelServer === null) return [];
  switch (modelServer.kind) {
    case 'loopback-only':
      return [['Listens on', `${modelServer.addresses.join(', ')} port ${modelServer.port}: this machine only`]];
    case 'exposed':
      return [
        ['Listens on', `EXPOSED: ${modelServer.addresses.join(', ')} port ${modelServer.port} is reachable from the network; anyone on it can use the model and see the prompts, with your code in them`],
        ['Fix', modelServer.fix],
      ];
    case 'not-found':
      return [['Listens on', `no listening socket on port ${modelServer.port} in this network namespace (a container or another namespace may hide it)`]];
    case 'unknown':
      return [['Listens on', `not checked: ${modelServer.reason}`]];
  }
}

function sandboxLine({ sandbox }: DoctorReport): Line {
  return ['Sandbox', sandbox.available ? `${sandbox.detail}: agent commands run sandboxed` : `none: ${sandbox.detail}; agent commands are unavailable unless commands.unsandboxed is on (then every command asks)`];
}

function resultLine(report: DoctorReport): Line {
  if (report.ok) return ['Result', 'ok'];
  const reasons: string[] = report.status === 'ready' ? [] : [report.status];
  if (report.modelServer?.kind === 'exposed') reasons.push('model-server-exposed');
  if (!report.node.supported) reasons.push('node-unsupported');
  return ['Result', `NOT OK: ${reasons.join(', ')}`];
}
