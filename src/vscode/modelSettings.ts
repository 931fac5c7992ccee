import * as vscode from 'vscode';
import type { ModelSettingsInput } from '../core/model/modelEndpoint';

export const MODEL_SECTION = 'airlock.model';
const API_KEY_SECRET = 'airlock.model.apiKey';
const DEFAULT_TIMEOUT_SECONDS = 120;

/** Reads the model settings; a value the user never set is undefined so env defaults apply. */
export async function readModelSettings(secrets: vscode.SecretStorage): Promise<ModelSettingsInput> {
  const config = vscode.workspace.getConfiguration(MODEL_SECTION);
  return {
    baseUrl: explicitValue(config, 'baseUrl'),
    model: explicitValue(config, 'name'),
    apiKey: await secrets.get(API_KEY_SECRET),
    env: process.env,
  };
}

/** Seconds to wait for the first token and between tokens; clamped to a sane range. */
export function readRequestTimeoutMs(): number {
  const value = vscode.workspace.getConfiguration(MODEL_SECTION).get<unknown>('requestTimeoutSeconds');
  const seconds = typeof value === 'number' && Number.isFinite(value) ? value : DEFAULT_TIMEOUT_SECONDS;
  return Math.min(Math.max(seconds, 1), 3600) * 1000;
}

function explicitValue(config: vscode.WorkspaceConfiguration, key: string): string | undefined {
  const inspected = config.inspect<unknown>(key);
  const value = inspected?.workspaceFolderValue ?? inspected?.workspaceValue ?? inspected?.globalValue;
  if (value === undefined) return undefined;
  // A non-string (e.g. a number typed into settings.json) is reported by the endpoint check.
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The API key lives only in SecretStorage: never in settings, never in logs. */
export class ApiKeyStore {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  readonly onDidChange = (listener: () => void): vscode.Disposable =>
    this.secrets.onDidChange((event) => {
      if (event.key === API_KEY_SECRET) listener();
    });

  async set(key: string): Promise<void> {
    await this.secrets.store(API_KEY_SECRET, key);
  }

  async clear(): Promise<void> {
    await this.secrets.delete(API_KEY_SECRET);
  }
}
