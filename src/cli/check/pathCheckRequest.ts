import { z } from 'zod';
import type { FileMode } from '../../core/guard/fileDecision';

export const FILE_MODES = ['read', 'write', 'list'] as const satisfies readonly FileMode[];

const requestSchema = z.strictObject({
  path: z.string(),
  mode: z.enum(FILE_MODES).optional(),
});

export type PathCheckRequest = { ok: true; path: string; mode: FileMode } | { ok: false; problem: string };

/** One `--jsonl` input line: `{"path": "...", "mode": "read"|"write"|"list"}`, mode defaulting to `--mode`. */
export function parsePathCheckRequest(line: string, defaultMode: FileMode): PathCheckRequest {
  let data: unknown;
  try {
    data = JSON.parse(line);
  } catch {
    return { ok: false, problem: 'the line is not JSON; expected {"path": "...", "mode": "read"|"write"|"list"}' };
  }
  const parsed = requestSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, problem: `${issue?.path.join('.') || 'line'}: ${issue?.message ?? 'invalid'}; expected {"path": "...", "mode": "read"|"write"|"list"}` };
  }
  return { ok: true, path: parsed.data.path, mode: parsed.data.mode ?? defaultMode };
}
