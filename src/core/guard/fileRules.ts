/**
 * The file section of a policy pack, as the guard consumes it. The policy schema produces this
 * shape; the guard depends on nothing else from the policy so it can be built and tested alone.
 */
export interface FileRules {
  /** Globs relative to each workspace folder that the agent may touch; the packs default to ["**"]. */
  readonly allow: readonly string[];
  /** Globs never readable or writable; a deny glob also covers everything below a matched folder. */
  readonly deny: readonly string[];
  /** Globs the agent may read but never write; like deny, they cover a matched folder's contents. */
  readonly readonly: readonly string[];
  /** Allowed file extensions such as ".ts", compared case-insensitively; empty means any. */
  readonly extensions: readonly string[];
  /** Largest file the agent may read or write, in MiB (1 MB here is 1,048,576 bytes). */
  readonly maxFileSizeMb: number;
  /**
   * Whether a file with more than one name (hard link) may be read. Default no: its other name may
   * be a denied file (`.env` linked as `notes.txt`) or lie outside the workspace, and nothing on
   * disk says which. Writes to such a file are denied either way.
   */
  readonly readHardLinks?: boolean;
}
