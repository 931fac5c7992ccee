import ipaddr from 'ipaddr.js';
import { policyPackSchema, type PolicyPack } from '../policy/policySchema';

let loopbackOnly: PolicyPack | undefined;

/**
 * The policy in force when a caller has none (the model client before the policy is wired in):
 * the model on this machine (127.0.0.1, [::1], localhost) and nothing else. Fail closed: no
 * egress rule, no remote model.
 */
export function loopbackOnlyPolicy(): PolicyPack {
  loopbackOnly ??= policyPackSchema.parse({
    version: 1,
    name: 'loopback-only',
    description: 'The model on this machine, nothing else.',
    model: { endpoints: ['127.0.0.1', '[::1]', 'localhost'], remote: [] },
    // A chat turn with tool calls is many model requests; the web limits would cut it short.
    limits: { requestsPerMinute: { default: 30, tools: { model: 600 } }, maxConcurrentRequests: 8 },
  });
  return loopbackOnly;
}

/** True for 127.0.0.0/8 and ::1, also when written as an IPv4-mapped IPv6 address. */
export function isLoopbackAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === 'loopback';
}
