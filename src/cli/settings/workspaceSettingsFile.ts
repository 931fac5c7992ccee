import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
// The ESM build: the package's UMD main loads its parts with a require the bundler cannot follow.
import { parse, type ParseError } from 'jsonc-parser/lib/esm/main.js';

/** What a workspace's `.vscode/settings.json` says, by setting name; the file may hold comments. */
export interface WorkspaceSettingsFile {
  readonly values: ReadonlyMap<string, unknown>;
  /** Why the file could not be read as settings; absent when it is fine or missing. */
  readonly problem?: string;
}

/**
 * Reads `<folder>/.vscode/settings.json` the way VS Code does (JSON with comments and trailing
 * commas). The keys are the repository's, so they land in a Map, never on a plain object.
 */
export async function readWorkspaceSettingsFile(folder: string): Promise<WorkspaceSettingsFile> {
  const file = join(folder, '.vscode', 'settings.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return { values: new Map() };
  }
  const errors: ParseError[] = [];
  const parsed: unknown = parse(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0 || typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { values: new Map(), problem: `${file} is not a settings object; its values are not considered` };
  }
  return { values: new Map(Object.entries(parsed)) };
}
