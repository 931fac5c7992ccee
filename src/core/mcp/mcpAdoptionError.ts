export type McpAdoptionErrorCode =
  /** The file's name for the server cannot be a policy name, or the entry names nothing to run. */
  | 'ADOPT_REFUSED'
  /** The policy already names another server by that name. */
  | 'ADOPT_NAME_TAKEN'
  /** The overlay does not load; it is not edited until it is fixed. */
  | 'ADOPT_OVERLAY_INVALID'
  /** The edit would leave the policy unloadable. */
  | 'ADOPT_POLICY_INVALID'
  /** The agent's file no longer declares the server as it was moved. */
  | 'ADOPT_DIRECT_CHANGED'
  /** A file resolves outside the workspace folder. */
  | 'ADOPT_OUTSIDE_WORKSPACE';

/** Moving a direct MCP server behind Airlock stopped; nothing (more) was written. */
export class McpAdoptionError extends Error {
  override readonly name = 'McpAdoptionError';
  constructor(readonly code: McpAdoptionErrorCode, message: string) {
    super(message);
  }
}
