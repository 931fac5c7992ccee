// A throwaway VS Code profile for one extension-host run: extensions dir, user data, a copy of the
// sample workspace and the path the suite writes its result to.
import { cpSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeUserSettings } from '../../scripts/lib/codeServer';
import { REPO_ROOT } from './buildSuite';
import { EXTENSIONS_DIR_ENV, RESULT_ENV } from './suite/suiteEnv';

export interface Sandbox {
  root: string;
  extensionsDir: string;
  userDataDir: string;
  workspace: string;
  resultPath: string;
}

// Quiet, deterministic workbench: no welcome page, no gallery checks (there is no internet).
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'extensions.autoCheckUpdates': false,
  // "off", not false: VS Code 1.139 takes "on" | "off" and rewrites a boolean in settings.json.
  'extensions.autoUpdate': 'off',
  'telemetry.telemetryLevel': 'off',
};

export function createSandbox(): Sandbox {
  const root = mkdtempSync(path.join(os.tmpdir(), 'airlock-exthost-'));
  const workspace = path.join(root, 'workspace');
  // A copy, so nothing the extension writes ends up in the repo's sample workspace.
  cpSync(path.join(REPO_ROOT, 'sample-workspace'), workspace, { recursive: true });
  const userDataDir = path.join(root, 'user-data');
  writeUserSettings(userDataDir, USER_SETTINGS);
  return { root, extensionsDir: path.join(root, 'extensions'), userDataDir, workspace, resultPath: path.join(root, 'result.json') };
}

/** Environment the suite reads: where to write its result, and where the VSIX was installed. */
export function suiteEnv(sandbox: Sandbox): Record<string, string> {
  return { [RESULT_ENV]: sandbox.resultPath, [EXTENSIONS_DIR_ENV]: sandbox.extensionsDir };
}
