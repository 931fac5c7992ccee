// The MCP tool-definition corpus (one JSONL file per real npm server or public poisoning source),
// read only by benches: its text never enters the repository. AIRLOCK_MCP_CORPUS points
// elsewhere; the default is the shared folder next to the checkout.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ToolDefinition } from '../../src/core/mcp/toolDefinition';

export interface ToolRow {
  readonly id: string;
  readonly label: 'benign' | 'poisoned';
  /** The file (one server or one source) the row came from, without `.jsonl`. */
  readonly file: string;
  readonly tool: ToolDefinition;
  /** Marked by the corpus as not catchable from the text alone (e.g. a clean name impersonation). */
  readonly ambiguous: boolean;
}

export function mcpToolCorpusDir(): string {
  return process.env.AIRLOCK_MCP_CORPUS ?? path.resolve(__dirname, '../../../shared/corpora/mcp-tools');
}

/** Every row of every file, or why there are none (the folder is absent). */
export function loadMcpToolCorpus(dir = mcpToolCorpusDir()): { rows: ToolRow[] } | { missing: string } {
  if (!existsSync(dir)) return { missing: `the MCP tool corpus is not at ${dir} (set AIRLOCK_MCP_CORPUS); nothing measured` };
  const files = readdirSync(dir).filter((file) => file.endsWith('.jsonl')).sort();
  if (files.length === 0) return { missing: `no .jsonl files in ${dir}; nothing measured` };
  const rows = files.flatMap((name) => {
    const file = name.slice(0, -'.jsonl'.length);
    return readFileSync(path.join(dir, name), 'utf8').split('\n').filter((line) => line.trim() !== '').map((line, index): ToolRow => {
      const row = JSON.parse(line) as { id?: unknown; label?: unknown; tool?: unknown; ambiguous?: unknown };
      const tool = row.tool as { name?: unknown } | null | undefined;
      if ((row.label !== 'benign' && row.label !== 'poisoned') || typeof tool?.name !== 'string') throw new Error(`${name}:${index + 1}: expected {"label": "benign"|"poisoned", "tool": {"name", ...}}`);
      return { id: typeof row.id === 'string' ? row.id : `${file}-${index + 1}`, label: row.label, file, tool: tool as ToolDefinition, ambiguous: row.ambiguous === true };
    });
  });
  return { rows };
}
