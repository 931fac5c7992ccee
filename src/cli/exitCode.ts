/** Exit codes shared by every command, so scripts can tell a failed check from a typo. */
export const ExitCode = {
  ok: 0,
  /** The command ran and found a problem (e.g. the model is unreachable). */
  failure: 1,
  /** The command line itself was wrong: unknown command, bad option, missing argument. */
  usage: 2,
  /** `airlock check`: the guard denied (at least one of) the requests. */
  denied: 10,
  /** `airlock check url`: none denied, but (at least one) needs the user's approval. */
  ask: 11,
  /** `airlock scan`: the content guard flagged a text (and blocked none). */
  flagged: 10,
  /** `airlock scan`: the content guard blocked a text. */
  blocked: 11,
  /** `airlock sandbox run`: the command was killed at its wall-time or output limit, or stopped. */
  sandboxKilled: 124,
  /** `airlock sandbox run`: no sandbox could be made here (the reason is on stderr); the command did not run. */
  sandboxUnavailable: 125,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** `airlock sandbox run` exits with the sandboxed command's own status (0–255) when it ran to its end. */
export type CommandStatus = number & { readonly commandStatus?: never };
