import type { BenchReport, BenchRow } from '../lib/benchReport';
import { median, minimum } from '../lib/stats';
import type { HostResult } from './activationProtocol';

/** One table row per extension id: median and fastest activation over the hosts that measured it. */
export function activationReport(ids: readonly string[], airlockId: string, hosts: readonly HostResult[]): BenchReport {
  const notes: string[] = [];
  const rows = ids.map((id): BenchRow => {
    const { times, dropped } = samplesOf(id, hosts);
    for (const [reason, count] of dropped) notes.push(`${id}: no sample from ${count} of ${hosts.length} hosts: ${reason}`);
    const values = times.length > 0 ? { median: median(times), min: minimum(times) } : { median: Number.NaN, min: Number.NaN };
    const listed = times.length > 0 ? `: ${times.map((t) => t.toFixed(1)).join(', ')} ms` : '';
    return { subject: id, airlock: id === airlockId, values, detail: `${times.length} sample(s)${listed}` };
  });
  const host = hosts[0];
  if (host) notes.push(`VS Code ${host.vscodeVersion} (code-server), extension host on Node ${host.nodeVersion}; one fresh host per sample, activation order rotated`);
  return {
    title: `activation time in a real VS Code extension host (ms, ${hosts.length} host runs)`,
    columns: [
      { key: 'median', label: 'median ms', decimals: 1 },
      { key: 'min', label: 'min ms', decimals: 1 },
    ],
    rows,
    notes,
  };
}

/** The usable times for `id`, and how many hosts gave none, by reason. */
function samplesOf(id: string, hosts: readonly HostResult[]): { times: number[]; dropped: Map<string, number> } {
  const times: number[] = [];
  const dropped = new Map<string, number>();
  const drop = (reason: string): void => {
    dropped.set(reason, (dropped.get(reason) ?? 0) + 1);
  };
  for (const host of hosts) {
    const sample = host.samples.find((s) => s.id === id);
    if (sample === undefined) drop('not reported');
    else if ('error' in sample) drop(sample.error);
    // Already active means something else activated it first: there is nothing left to time.
    else if (sample.wasActive) drop('already active before the measurement');
    else times.push(sample.ms);
  }
  return { times, dropped };
}
