import { createHash } from 'node:crypto';
import { createTwoFilesPatch } from 'diff';
import { canonicalJson } from './canonicalJson';
import type { DefinitionReview, ToolReview } from './definitionReview';
import { pinnedPart } from './toolPin';

/**
 * SHA-256 of the listing a review shows (the pinned part of every definition, in order): the
 * user approves this exact text with `airlock mcp approve --sha256`, so a server that changes
 * between `diff` and `approve` is not approved unseen.
 */
export function reviewSha256(review: DefinitionReview): string {
  return createHash('sha256').update(canonicalJson(review.definitions.map((definition) => pinnedPart(definition))), 'utf8').digest('hex');
}

const MARK: Readonly<Record<ToolReview['change'], string>> = { unchanged: ' ', added: '+', changed: '~', removed: '-' };

/** One line per tool (change, name, what the policy and the scan decide), then a unified diff of every change. */
export function reviewText(review: DefinitionReview, diffs: boolean): string {
  const counts = (['added', 'changed', 'removed'] as const).map((change) => [change, review.tools.filter((tool) => tool.change === change).length] as const).filter(([, count]) => count > 0);
  const state = review.approved ? 'approved: the listing is what you approved' : review.firstApproval ? 'never approved' : `changed since you approved it (${counts.map(([change, count]) => `${count} ${change}`).join(', ')})`;
  const lines = [`MCP server "${review.server}": ${review.tools.length} tools, ${state}`];
  for (const tool of review.tools) lines.push(`${MARK[tool.change]} ${tool.name}  ${toolState(tool)}`, ...flagLines(tool));
  if (diffs) {
    for (const tool of review.tools.filter((candidate) => candidate.change !== 'unchanged')) {
      lines.push('', createTwoFilesPatch(`approved/${tool.name}`, `listed/${tool.name}`, tool.before ?? '', tool.after ?? '', undefined, undefined, { context: 3 }).trimEnd());
    }
  }
  return `${lines.join('\n')}\n`;
}

function toolState(tool: ToolReview): string {
  if (tool.change === 'removed') return 'removed by the server';
  const parts = [tool.policy.offered ? `offered (risk ${tool.policy.risk})` : `not offered: ${tool.policy.reason}`];
  if (tool.naming && !tool.naming.ok) parts.push(`never offered: ${tool.naming.reason}`);
  if (tool.scan?.verdict === 'block') parts.push('BLOCKED by the definition scan: never offered');
  else if (tool.scan?.verdict === 'flag') parts.push('flagged by the definition scan');
  return parts.join('; ');
}

function flagLines(tool: ToolReview): string[] {
  return (tool.scan?.reasons ?? []).map((reason) => `      ${reason.rule}${reason.at ? ` at ${reason.at}` : ''}: ${reason.text}`);
}
