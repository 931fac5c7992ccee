import { ModelFailureError } from '../model/modelFailure';

// What servers answer when a request offers tools to a model that cannot call them: Ollama
// ("registry.ollama.ai/library/gemma:2b does not support tools"), and the wordings of others.
const REFUSAL = /does not support tools|tools? (?:are|is) not supported|does not support (?:function|tool) calling/i;

/** True when the model server refused the request because it offered tools (HTTP 400). */
export function refusesTools(error: unknown): boolean {
  return error instanceof ModelFailureError && error.failure.kind === 'http' && /HTTP 400\b/.test(error.failure.message) && REFUSAL.test(error.failure.message);
}
