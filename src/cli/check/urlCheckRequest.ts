import { z } from 'zod';
import { toolIdSchema } from '../../core/policy/policySchema';

const requestSchema = z.strictObject({
  url: z.string().max(8192),
  tool: toolIdSchema.optional(),
});

export type UrlCheckRequest = { ok: true; url: string; tool: string } | { ok: false; problem: string };

/** One `--jsonl` input line: `{"url": "...", "tool": "web.fetch"}`, tool defaulting to `--tool`. */
export function parseUrlCheckRequest(line: string, defaultTool: string): UrlCheckRequest {
  let data: unknown;
  try {
    data = JSON.parse(line);
  } catch {
    return { ok: false, problem: 'the line is not JSON; expected {"url": "...", "tool": "web.fetch"}' };
  }
  const parsed = requestSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, problem: `${issue?.path.join('.') || 'line'}: ${issue?.message ?? 'invalid'}; expected {"url": "...", "tool": "web.fetch"}` };
  }
  return { ok: true, url: parsed.data.url, tool: parsed.data.tool ?? defaultTool };
}
