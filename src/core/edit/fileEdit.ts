/** One change the model asks for, as fs.write receives it. */
export type EditChange =
  | { readonly action: 'replace'; readonly path: string; readonly search: string; readonly replace: string }
  | { readonly action: 'write'; readonly path: string; readonly content: string }
  | { readonly action: 'delete'; readonly path: string }
  | { readonly action: 'rename'; readonly path: string; readonly to: string };

/**
 * What one file will become, planned against the text the user sees now. Paths are the real
 * locations the file guard judged; `shown` is the workspace-relative name for people.
 */
export interface FileEdit {
  readonly path: string;
  readonly shown: string;
  readonly kind: 'create' | 'change' | 'delete' | 'rename';
  /** The text now (undefined: the file does not exist yet). */
  readonly before: string | undefined;
  /** The text after (undefined: the file is deleted, or renamed away unchanged). */
  readonly after: string | undefined;
  /** For a rename: the real location it moves to, and its shown name. */
  readonly to?: { readonly path: string; readonly shown: string };
  readonly added: number;
  readonly removed: number;
}

/**
 * The editor fs.write plans against and applies through: in VS Code, the buffers of documents
 * with unsaved changes (the user's unsaved text is what is edited) and the guarded writes for
 * every other file.
 */
export interface WorkspaceEditor {
  /** The text the user sees: an unsaved editor's buffer, else the file on disk; undefined when missing. */
  currentText(path: string): Promise<string | undefined>;
  /** Applies every edit, or none of them (it throws, having put back what it had changed). */
  apply(edits: readonly FileEdit[]): Promise<void>;
}
