// Where OpenAI-compatible servers put a model's context length in their /v1/models entry, if at
// all: vLLM `max_model_len`, LM Studio and OpenRouter `context_length`, llama.cpp's server
// `meta.n_ctx_train`. Ollama reports none.
const FIELDS = ['max_model_len', 'context_length', 'context_window'] as const;
const MAX_TOKENS = 10_000_000;

/** The context length a /v1/models entry reports, in tokens, or undefined. */
export function reportedContextLength(entry: unknown): number | undefined {
  if (typeof entry !== 'object' || entry === null) return undefined;
  for (const field of FIELDS) {
    const value = Object.hasOwn(entry, field) ? (entry as Record<string, unknown>)[field] : undefined;
    if (isTokenCount(value)) return value;
  }
  const meta = Object.hasOwn(entry, 'meta') ? (entry as { meta: unknown }).meta : undefined;
  const trained = typeof meta === 'object' && meta !== null && Object.hasOwn(meta, 'n_ctx_train') ? (meta as { n_ctx_train: unknown }).n_ctx_train : undefined;
  return isTokenCount(trained) ? trained : undefined;
}

function isTokenCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 && value <= MAX_TOKENS;
}
