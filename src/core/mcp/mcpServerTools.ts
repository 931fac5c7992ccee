/**
 * The tools one connected server may offer the model now. It lists the server's tools (on
 * refresh and whenever the server says its list changed), reviews the listing against the
 * approved pins, and offers tools only while the listing is exactly what the user approved; any
 * change withholds all of the server's tools and hands the review to `onReview` (the UI shows it
 * with a diff, and calls approve()).
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ToolListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import type { McpServerPolicy } from '../policy/policySchema';
import { offeredTools, reviewDefinitions, type DefinitionReview, type OfferedMcpTool } from './definitionReview';
import type { McpPinStore, McpServerIdentity } from './pinStore';
import type { ToolDefinition } from './toolDefinition';
import { toolPin } from './toolPin';

/** A server that pages its list past this is refused rather than followed forever. */
export const MAX_LIST_PAGES = 50;
export const MAX_LISTED_TOOLS = 1000;

export interface McpServerToolsDeps {
  readonly identity: McpServerIdentity;
  readonly policy: () => McpServerPolicy | undefined;
  readonly client: () => Promise<Client>;
  readonly pins: McpPinStore;
  /** Called with every review that withholds the server's tools, for the UI to show. */
  readonly onReview: (review: DefinitionReview) => void;
  /** Called when the offered tools change (a review approved, a list change withheld them). */
  readonly onChange?: () => void;
}

export type McpServerToolsState =
  | { readonly kind: 'unlisted' }
  | { readonly kind: 'offered'; readonly review: DefinitionReview }
  | { readonly kind: 'withheld'; readonly review: DefinitionReview }
  | { readonly kind: 'failed'; readonly error: string };

export class McpServerTools {
  private state: McpServerToolsState = { kind: 'unlisted' };
  private offered: readonly OfferedMcpTool[] = [];
  /** Each refresh gets a number; a slower, older listing never overwrites a newer one. */
  private generation = 0;
  /** The newest refresh: an older one that it overtook answers with its outcome. */
  private latest: Promise<McpServerToolsState> | undefined;

  constructor(private readonly deps: McpServerToolsDeps) {}

  get server(): string {
    return this.deps.identity.server;
  }

  current(): McpServerToolsState {
    return this.state;
  }

  /** The tools the model may be offered now: none unless the last listing is approved. */
  tools(): readonly OfferedMcpTool[] {
    return this.offered;
  }

  /** Re-lists the tools whenever the server says they changed. Install once per client. */
  watch(client: Client): void {
    client.setNotificationHandler(ToolListChangedNotificationSchema, async () => {
      await this.refresh();
    });
  }

  /** Lists and reviews; withholds the tools on any difference from the approved pins, or on any failure. */
  refresh(signal?: AbortSignal): Promise<McpServerToolsState> {
    const listing = this.list(++this.generation, signal);
    this.latest = listing;
    return listing;
  }

  private async list(generation: number, signal?: AbortSignal): Promise<McpServerToolsState> {
    let next: McpServerToolsState;
    try {
      const listed = await listAllTools(await this.deps.client(), signal);
      const approved = await this.deps.pins.approved(this.deps.identity);
      const review = reviewDefinitions(this.server, this.deps.policy(), approved, listed);
      next = review.approved ? { kind: 'offered', review } : { kind: 'withheld', review };
    } catch (error) {
      next = { kind: 'failed', error: `the tools of MCP server "${this.server}" could not be listed: ${error instanceof Error ? error.message : String(error)}` };
    }
    // A server that said its list changed while it was listed (server-everything, at start) is listed again: that listing answers.
    if (generation !== this.generation) return this.latest ?? this.state;
    this.set(next);
    if (next.kind === 'withheld') this.deps.onReview(next.review);
    return next;
  }

  /**
   * Pins exactly the definitions the user saw in `review`, then reviews the latest listing
   * against them: if the server changed again meanwhile, its tools stay withheld.
   */
  async approve(review: DefinitionReview): Promise<McpServerToolsState> {
    await this.deps.pins.approve(this.deps.identity, review.definitions);
    const latest = this.state.kind === 'offered' || this.state.kind === 'withheld' ? this.state.review.definitions : review.definitions;
    const again = reviewDefinitions(this.server, this.deps.policy(), await this.deps.pins.approved(this.deps.identity), latest);
    const next: McpServerToolsState = again.approved ? { kind: 'offered', review: again } : { kind: 'withheld', review: again };
    this.set(next);
    if (next.kind === 'withheld') this.deps.onReview(next.review);
    return next;
  }

  /** The policy changed: the approved listing is decided again (allowlist, readonly, risk) without asking the server. */
  repolicy(): void {
    if (this.state.kind !== 'offered') return;
    const { definitions } = this.state.review;
    const approved = { approvedAt: '', tools: new Map(definitions.map((definition) => [definition.name, { pin: toolPin(definition), definition }])) };
    this.set({ kind: 'offered', review: reviewDefinitions(this.server, this.deps.policy(), approved, definitions) });
  }

  private set(state: McpServerToolsState): void {
    this.state = state;
    this.offered = state.kind === 'offered' ? offeredTools(state.review) : [];
    this.deps.onChange?.();
  }
}

/** Every page of `tools/list`, bounded in pages and tools. */
export async function listAllTools(client: Client, signal?: AbortSignal): Promise<ToolDefinition[]> {
  const tools: ToolDefinition[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_LIST_PAGES; page++) {
    const result = await client.listTools(cursor === undefined ? {} : { cursor }, signal ? { signal } : {});
    tools.push(...result.tools);
    if (tools.length > MAX_LISTED_TOOLS) throw new Error(`the server lists more than ${MAX_LISTED_TOOLS} tools`);
    cursor = result.nextCursor;
    if (cursor === undefined) return tools;
  }
  throw new Error(`the server's tool list runs past ${MAX_LIST_PAGES} pages`);
}
