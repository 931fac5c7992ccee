/** Why an MCP server's connection failed; stable codes for the card, the log and tests. */
export type McpFailure =
  /** No sandbox, no such server in the policy, or the program could not start. */
  | 'not-started'
  /** The process ended (crashed, was killed) while connected. */
  | 'exited'
  /** It wrote a line that is not a JSON-RPC message. */
  | 'invalid-message'
  /** It wrote a message larger than the transport accepts. */
  | 'message-too-large'
  /** It did not answer `initialize` in time. */
  | 'initialize-timeout'
  /** It crashed too often; it is not restarted until stopped or reset. */
  | 'gave-up';

/** A server's connection failed; the message names the server, what happened, and its stderr tail (redacted). */
export class McpProcessError extends Error {
  override readonly name = 'McpProcessError';

  constructor(
    readonly code: McpFailure,
    readonly server: string,
    message: string,
  ) {
    super(message);
  }
}
