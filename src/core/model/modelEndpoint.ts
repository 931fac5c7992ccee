import { z } from 'zod';
import { decide, MODEL_TOOL } from '../egress/decide';
import { loopbackOnlyPolicy } from '../egress/loopbackPolicy';
import type { PolicyPack } from '../policy/policySchema';

/** Ollama's OpenAI-compatible endpoint: what most local-first users already run. */
export const DEFAULT_BASE_URL = 'http://127.0.0.1:11434/v1';
export const DEFAULT_MODEL = 'qwen2.5-coder';

/** Where the agent's model lives; only ever a validated, allowed endpoint. */
export interface ModelEndpoint {
  readonly baseUrl: string;
  readonly model: string;
  readonly apiKey: string | undefined;
}

/** A setting that cannot be used, with the setting's name so the user can fix it. */
export interface SettingProblem {
  readonly setting: string;
  readonly kind: 'invalid' | 'refused';
  readonly message: string;
}

export type EndpointResult = { ok: true; endpoint: ModelEndpoint } | { ok: false; problems: SettingProblem[] };

export interface ModelSettingsInput {
  readonly baseUrl?: string | undefined;
  readonly model?: string | undefined;
  readonly apiKey?: string | undefined;
  /** `LLM_API_BASE`, `LLM_API_KEY` and `LLM_MODEL` fill in what the settings leave unset. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /**
   * The effective policy: the base URL must be a loopback endpoint in `model.endpoints` or an
   * API named in `model.remote`. Without it, only this machine (127.0.0.1, [::1], localhost).
   */
  readonly policy?: PolicyPack;
}

const BASE_URL_SETTING = 'airlock.model.baseUrl';
const MODEL_SETTING = 'airlock.model.name';

const modelName = z
  .string()
  .trim()
  .min(1, 'is empty; name the model to use, e.g. "qwen2.5-coder" (see `ollama list`)')
  .max(200, 'is longer than 200 characters')
  .regex(/^[^\s\p{Cc}]+$/u, 'must not contain spaces or control characters');

/**
 * Turns raw settings (and environment defaults) into an endpoint, or into problems that name
 * the setting. A URL the policy's `model` section does not allow is refused here, before anything connects.
 */
export function resolveModelEndpoint(input: ModelSettingsInput): EndpointResult {
  const env = input.env ?? {};
  // A setting the user left unset is undefined; one set to "" is a mistake worth reporting.
  const rawUrl = input.baseUrl ?? nonEmpty(env.LLM_API_BASE) ?? DEFAULT_BASE_URL;
  const rawModel = input.model ?? nonEmpty(env.LLM_MODEL) ?? DEFAULT_MODEL;
  const problems: SettingProblem[] = [];
  const baseUrl = checkBaseUrl(rawUrl, input.policy ?? loopbackOnlyPolicy(), problems);
  const model = modelName.safeParse(rawModel);
  if (!model.success) {
    problems.push({ setting: MODEL_SETTING, kind: 'invalid', message: `${MODEL_SETTING} ${model.error.issues[0]?.message ?? 'is invalid'}.` });
  }
  if (baseUrl === undefined || !model.success || problems.length > 0) return { ok: false, problems };
  return { ok: true, endpoint: { baseUrl, model: model.data, apiKey: nonEmpty(input.apiKey) ?? nonEmpty(env.LLM_API_KEY) } };
}

function checkBaseUrl(raw: string, policy: PolicyPack, problems: SettingProblem[]): string | undefined {
  const trimmed = raw.trim();
  if (trimmed === '' || !URL.canParse(trimmed)) {
    problems.push({ setting: BASE_URL_SETTING, kind: 'invalid', message: `${BASE_URL_SETTING} "${trimmed}" is not a URL; use something like ${DEFAULT_BASE_URL}.` });
    return undefined;
  }
  const url = new URL(trimmed);
  // Judged by the URL alone: a refused endpoint is never looked up or contacted.
  const decision = decide(policy, MODEL_TOOL, url);
  if (decision.verdict !== 'allow') {
    const kind = decision.reason === 'model-endpoint-not-listed' || decision.reason === 'blocked-by-rule' ? 'refused' : 'invalid';
    problems.push({ setting: BASE_URL_SETTING, kind, message: `${BASE_URL_SETTING}: ${decision.detail}` });
    return undefined;
  }
  if (url.search !== '' || url.hash !== '') {
    problems.push({ setting: BASE_URL_SETTING, kind: 'invalid', message: `${BASE_URL_SETTING} must not carry a query or fragment.` });
    return undefined;
  }
  return url.toString().replace(/\/+$/, '');
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
