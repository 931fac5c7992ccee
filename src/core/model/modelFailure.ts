import { isEgressBlockedError } from '../egress/egressBlockedError';

/** What went wrong talking to the model, in words for the panel, with what to do about it. */
export interface ModelFailure {
  readonly kind: 'refused' | 'unreachable' | 'timeout' | 'http' | 'malformed' | 'interrupted' | 'aborted' | 'failed';
  readonly message: string;
  readonly hint?: string;
}

/** Carries a classified failure out of the model client. */
export class ModelFailureError extends Error {
  constructor(readonly failure: ModelFailure) {
    super(failure.message);
    this.name = 'ModelFailureError';
  }
}

/** Raised by the client's own watchdog; kept apart from the user's Stop. */
export class ModelTimeoutError extends Error {
  /** `idle`: the reply had started and then the server went silent. */
  constructor(readonly seconds: number, readonly phase: 'first-token' | 'idle' = 'first-token') {
    super(phase === 'idle' ? `no more of the reply within ${seconds} s` : `no answer within ${seconds} s`);
    this.name = 'ModelTimeoutError';
  }
}

interface EndpointRef {
  readonly baseUrl: string;
  readonly model: string;
}

const START_SERVER_HINT = 'Start a local model server (for example `ollama serve`, then `ollama pull <model>`), or point the setting airlock.model.baseUrl at one.';

/** Unreachable, in words: shared with the client, which sees the SDK's connection errors. */
export function unreachableFailure(endpoint: EndpointRef): ModelFailure {
  return { kind: 'unreachable', message: `No model server is answering at ${endpoint.baseUrl}.`, hint: START_SERVER_HINT };
}

/** Maps anything undici or the egress guard threw to a failure a person can act on. */
export function describeModelFailure(error: unknown, endpoint: EndpointRef): ModelFailure {
  if (error instanceof ModelFailureError) return error.failure;
  const blocked = findInChain(error, isEgressBlockedError);
  if (isEgressBlockedError(blocked) && blocked.reason === 'redirect-refused') {
    return { kind: 'refused', message: blocked.message, hint: 'Airlock does not follow a model server\'s redirect (it would send the conversation on); if you trust where it points, set airlock.model.baseUrl to that address.' };
  }
  if (blocked !== undefined) {
    return { kind: 'refused', message: blocked.message, hint: 'Airlock talks to a model on this machine, or to a remote model API the policy names under model.remote; set airlock.model.baseUrl to a loopback URL such as http://127.0.0.1:11434/v1, or name the API under model.remote (docs/policy.md).' };
  }
  const timeout = findInChain(error, (e) => e instanceof ModelTimeoutError);
  if (timeout instanceof ModelTimeoutError && timeout.phase === 'idle') {
    return { kind: 'timeout', message: `The model server at ${endpoint.baseUrl} stopped sending in the middle of the reply (nothing for ${timeout.seconds} s).`, hint: 'Send the message again to retry.' };
  }
  if (timeout instanceof ModelTimeoutError) {
    return { kind: 'timeout', message: `The model server at ${endpoint.baseUrl} did not answer within ${timeout.seconds} s.`, hint: 'A large model may still be loading; try again, or raise airlock.model.requestTimeoutSeconds.' };
  }
  if (findInChain(error, (e) => e.name === 'AbortError') !== undefined) return { kind: 'aborted', message: 'Stopped.' };
  const status = httpStatus(error);
  if (status !== undefined) return httpFailure(status, error, endpoint);
  const code = findCode(error);
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EHOSTUNREACH' || code === 'EADDRNOTAVAIL') {
    return unreachableFailure(endpoint);
  }
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE' || hasMessage(error, /terminated|other side closed|premature close/i)) {
    return { kind: 'interrupted', message: `The model server at ${endpoint.baseUrl} closed the connection in the middle of the reply.` };
  }
  if (findInChain(error, (e) => e instanceof SyntaxError) !== undefined) {
    return { kind: 'malformed', message: `The model server at ${endpoint.baseUrl} sent a reply that is not OpenAI-compatible JSON.`, hint: 'Check that airlock.model.baseUrl points at an OpenAI-compatible API (it usually ends in /v1).' };
  }
  return { kind: 'failed', message: `The request to the model server at ${endpoint.baseUrl} failed: ${errorMessage(error)}` };
}

function httpFailure(status: number, error: unknown, endpoint: EndpointRef): ModelFailure {
  const base = `The model server at ${endpoint.baseUrl} answered HTTP ${status}`;
  if (status === 404) return { kind: 'http', message: `${base}: model "${endpoint.model}" or the API path was not found.`, hint: `Check airlock.model.name (\`ollama pull ${endpoint.model}\`) and that the base URL ends in /v1.` };
  if (status === 401 || status === 403) return { kind: 'http', message: `${base}: the server refused the credentials.`, hint: 'Set the key with "Airlock: Set Model API Key…".' };
  return { kind: 'http', message: `${base}: ${errorMessage(error).slice(0, 300)}` };
}

function httpStatus(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

function findCode(error: unknown): string | undefined {
  const found = findInChain(error, (e) => typeof (e as { code?: unknown }).code === 'string');
  return (found as { code?: string } | undefined)?.code;
}

function hasMessage(error: unknown, pattern: RegExp): boolean {
  return findInChain(error, (e) => pattern.test(e.message)) !== undefined;
}

/** Walks `cause` links (bounded: causes can be cyclic) looking for a matching error. */
function findInChain(error: unknown, predicate: (e: Error) => boolean): Error | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current instanceof Error; depth++) {
    if (predicate(current)) return current;
    current = current.cause;
  }
  return undefined;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
