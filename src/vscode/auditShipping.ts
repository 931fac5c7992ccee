import { hostname } from 'node:os';
import type * as vscode from 'vscode';
import type { AuditEntry } from '../core/audit/auditEntry';
import { syslogFrame } from '../core/audit/syslogFrame';
import { SyslogShipper } from '../core/egress/syslogShipper';
import type { PolicyPack } from '../core/policy/policySchema';

/**
 * A copy of every audit entry for the syslog collector the user set in `airlock.audit.syslog`
 * (machine scope: a repository cannot point it elsewhere), so the record also lives off the
 * machine. Undefined when the setting is empty. The collector is decided by the egress rules
 * at each connection (docs/audit.md, "Shipping to syslog").
 */
export function auditShipping(url: string | undefined, policy: () => PolicyPack, log: vscode.LogOutputChannel): { readonly ship: (entry: AuditEntry) => void; dispose(): void } | undefined {
  if (url === undefined || url.trim() === '') return undefined;
  const shipper = new SyslogShipper({ url: url.trim(), policy, onError: (error) => log.warn(`audit copy to syslog: ${error.message}`) });
  const origin = { hostname: hostname(), procId: process.pid };
  return { ship: (entry) => shipper.send(syslogFrame(entry, origin)), dispose: () => void shipper.close() };
}
