// The egress module's public API: the one way out to the network (see docs/egress.md).
export { classifyAddress, type AddressClass, type ClassifiedAddress } from './addressClass';
export { checkUrl, type UrlCheck } from './checkUrl';
export { decide, decideAddress, isLoopbackHost, MODEL_TOOL } from './decide';
export { EgressBlockedError, isEgressBlockedError, type EgressBlock } from './egressBlockedError';
export type { AddressReason, EgressDecision, EgressReason, EgressVerdict } from './egressDecision';
export { EgressLimitError, isEgressLimitError, type EgressLimit } from './egressLimitError';
export { systemResolver, type HostResolver } from './hostResolver';
export { hostsFileResolver } from './hostsFile';
export { loopbackOnlyPolicy } from './loopbackPolicy';
export type { FetchLike } from './outgoingRequest';
export { redactUrl } from './redactUrl';
export { createSafeFetch, type EgressApprovals, type SafeFetch, type SafeFetchBounds, type SafeFetchOptions } from './safeFetch';
export { makeSocketFolder } from './socketFolder';
export { SHELL_TOOL, startEgressProxy, type EgressProxy, type EgressProxyBounds, type EgressProxyOptions } from './egressProxy';
