/** Where a command writes text; process.stdout satisfies it, and so does a test's buffer. */
export interface TextSink {
  write(text: string): void;
}

/**
 * Everything a command may touch outside itself. Commands get it injected so tests run them
 * in-process against buffers and a made-up environment instead of the real process.
 */
export interface CliContext {
  readonly stdout: TextSink;
  readonly stderr: TextSink;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** `process.version` form, e.g. "v24.21.0". */
  readonly nodeVersion: string;
  /** Input for commands that read a stream (`airlock check path --jsonl`); none means empty. */
  readonly stdin?: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>;
  /** The directory relative options are resolved against; default the process's. */
  readonly cwd?: string;
}

/** The real process, used only by the entry point. */
export function processContext(): CliContext {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, nodeVersion: process.version, stdin: process.stdin, cwd: process.cwd() };
}
