import type { CliContext } from '../../../src/cli/cliContext';
import { main } from '../../../src/cli/program';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliRunOptions {
  /** Defaults to an empty environment so the machine's LLM_* variables never leak into a test. */
  readonly env?: Record<string, string | undefined>;
  readonly nodeVersion?: string;
  /** What the command reads on stdin; none by default. */
  readonly stdin?: string;
  readonly cwd?: string;
}

/** Runs `airlock argv…` in-process against string buffers. */
export async function runCli(argv: readonly string[], options: CliRunOptions = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const context: CliContext = {
    stdout: { write: (text) => { stdout += text; } },
    stderr: { write: (text) => { stderr += text; } },
    env: options.env ?? {},
    nodeVersion: options.nodeVersion ?? process.version,
    ...(options.stdin === undefined ? {} : { stdin: [options.stdin] }),
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
  };
  const code = await main(argv, context);
  return { code, stdout, stderr };
}
