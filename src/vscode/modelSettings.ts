import * as vscode from 'vscode';
import type { ModelSettingsInput } from '../core/model/modelEndpoint';
import type { SecuritySettings } from './securitySettings';

export const MODEL_SECTION = 'airlock.model';
const API_KEY_SECRET = 'airlock.model.apiKey';
const DEFAULT_TIMEOUT_SECONDS = 120;
// When neither the user nor the server says: a size every current local model handles.
const DEFAULT_CONTEXT_TOKENS = 8192;

/**
 * Reads the model settings as the user's (a workspace's value only once approved); a value
 * nobody set is undefined so env defaults apply.
 */
export async function readModelSettings(secrets: vscode.SecretStorage, settings: SecuritySettings): Promise<ModelSettingsInput> {
  return {
    baseUrl: settings.value('airlock.model.baseUrl'),
    model: settings.value('airlock.model.name'),
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

  /** Removes the key; answers whether there was one, so the user is told what really happened. */
  async clear(): Promise<boolean> {
    const had = (await this.secrets.get(API_KEY_SECRET)) !== undefined;
    await this.secrets.delete(API_KEY_SECRET);
    return had;
  }
}

/** The model's context length in tokens: the user's setting, else what the server reports, else 8192. */
export function readContextTokens(reported: number | undefined): number {
  const value = vscode.workspace.getConfiguration(MODEL_SECTION).get<unknown>('contextLength');
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1024) return Math.min(value, 10_000_000);
  return reported ?? DEFAULT_CONTEXT_TOKENS;
}
