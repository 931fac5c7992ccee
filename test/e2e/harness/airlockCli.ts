// The `airlock` CLI (dist/cli.js, built by `npm run build`) run against a test workspace, with the
// same AIRLOCK_CONFIG_DIR as the code-server under test: the UI and the CLI must agree on the
// overlay file and on which overlay contents are trusted.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');
const CLI_TIMEOUT_MS = 30_000;

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** One row of `airlock firewall list --json`. */
export interface FirewallRow {
  tool: string;
  list: string;
  pattern: string;
  source: string;
  file: string;
}

/** The parts of `airlock policy show --json` the tests read. */
export interface PolicyShow {
  packName: string;
  defaultDeny: boolean;
  sources: { kind: string; file: string; sha256: string; current: boolean }[];
  pendingOverlay: { file: string; sha256: string; rejected: boolean; loosens: string[] } | null;
  errors: unknown[];
  policy: { egress: { allow: string[]; tools: Record<string, { allow?: string[] } | undefined> } };
}

export async function runAirlockCli(args: string[], configDir: string): Promise<CliRun> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { cwd: REPO_ROOT, env: { ...process.env, AIRLOCK_CONFIG_DIR: configDir }, timeout: CLI_TIMEOUT_MS, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error !== null && typeof error.code !== 'number') {
          reject(new Error(`airlock ${args.join(' ')} failed to run: ${error.message}\n${stderr}`));
          return;
        }
        resolve({ code: error === null ? 0 : Number(error.code), stdout, stderr });
      },
    );
  });
}

export async function cliFirewallList(workspace: string, configDir: string): Promise<FirewallRow[]> {
  const run = await runAirlockCli(['firewall', 'list', '--workspace', workspace, '--json'], configDir);
  if (run.code !== 0) throw new Error(`airlock firewall list exited ${run.code}: ${run.stderr}`);
  return JSON.parse(run.stdout) as FirewallRow[];
}

export async function cliPolicyShow(workspace: string, configDir: string): Promise<PolicyShow> {
  const run = await runAirlockCli(['policy', 'show', '--workspace', workspace, '--json'], configDir);
  if (run.code !== 0) throw new Error(`airlock policy show exited ${run.code}: ${run.stderr}`);
  return JSON.parse(run.stdout) as PolicyShow;
}
