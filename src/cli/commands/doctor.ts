import { Command } from 'commander';
import { DEFAULT_BASE_URL, DEFAULT_MODEL } from '../../core/model/modelEndpoint';
import { DEFAULT_PACK_NAME } from '../../core/policy/builtinPacks';
import { ExitCode } from '../exitCode';
import { loadEffectivePolicy } from '../policy/policyCliOptions';
import { renderDoctorReport } from '../doctor/renderDoctorReport';
import { runDoctor, type DoctorOptions } from '../doctor/runDoctor';
import type { CommandContext } from './commandFactory';

interface DoctorCommandOptions extends DoctorOptions {
  readonly json?: boolean;
}

/** `airlock doctor`: can Airlock use the configured model from here, and if not, why. */
export function doctorCommand(context: CommandContext): Command {
  const command = new Command('doctor')
    .description('check the model endpoint (allowed? answering? model listed? listening on loopback only?), the Node version and the command sandbox')
    .option('--base-url <url>', `model API base URL (default: $LLM_API_BASE or ${DEFAULT_BASE_URL})`)
    .option('--model <name>', `model name (default: $LLM_MODEL or ${DEFAULT_MODEL})`)
    .option('--workspace <dir>', 'workspace folder whose .vscode/settings.json may ask for its own model (default: the current directory)')
    .option('--json', 'print one JSON object instead of the report')
    .addHelpText('after', '\nExit status: 0 all fine, 1 a check failed (a model server reachable from the network included; a missing sandbox is reported, not a failure), 2 usage error.');
  return command.action(async () => {
    const options = command.opts<DoctorCommandOptions>();
    const report = await runDoctor(options, context);
    // A policy that fails to load leaves the agent without tools: the doctor names file and field.
    const { effective } = await loadEffectivePolicy({ pack: DEFAULT_PACK_NAME, ...(options.workspace === undefined ? {} : { workspace: options.workspace }) }, context);
    const policyErrors = effective.errors.map((error) => error.message);
    context.stdout.write(options.json === true ? `${JSON.stringify({ ...report, policyErrors }, null, 2)}\n` : `${renderDoctorReport(report)}${renderPolicyErrors(policyErrors)}`);
    context.setExitCode(report.ok && policyErrors.length === 0 ? ExitCode.ok : ExitCode.failure);
  });
}

function renderPolicyErrors(errors: readonly string[]): string {
  return errors.map((error) => `  Policy  failed to load, agent tools are off: ${error}\n`).join('');
}
