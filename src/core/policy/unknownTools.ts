import { isKnownTool } from '../agent/toolRegistry';
import { ownEntries } from './keyedRecord';
import { formatDiagnostic } from './policyError';
import type { ParsedPolicy } from './policyLoader';
import type { PolicyOverlay } from './policySchema';
import type { FieldPath } from './yamlLocation';

/**
 * Warnings, with file, line and field, for tool ids that name no tool Airlock knows. A warning,
 * not an error: a rule for a tool that comes later is legitimate in a file someone wrote, but a
 * misspelt id would otherwise do nothing without a word.
 */
export function unknownToolWarnings(parsed: ParsedPolicy<PolicyOverlay>): string[] {
  const places: [FieldPath, Readonly<Partial<Record<string, unknown>>> | undefined][] = [
    [['tools'], parsed.value.tools],
    [['egress', 'tools'], parsed.value.egress?.tools],
    [['limits', 'requestsPerMinute', 'tools'], parsed.value.limits?.requestsPerMinute?.tools],
  ];
  return places.flatMap(([at, record]) => ownEntries(record)
    .filter(([tool]) => !isKnownTool(tool))
    .map(([tool]) => formatDiagnostic({ code: 'POLICY_SCHEMA', ...parsed.locate([...at, tool]), detail: `"${tool}" is not a tool Airlock knows, so this entry has no effect for now` })));
}
