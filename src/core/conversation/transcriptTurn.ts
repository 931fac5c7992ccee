import type { ToolCardState, ToolFix, TurnState } from '../protocol/chatProtocol';

/** A tool call as its card shows it. */
export interface ToolCard {
  readonly callId: string;
  readonly tool: string;
  readonly state: ToolCardState;
  readonly summary: string;
  readonly flags: readonly string[];
  /** The fix a blocked card offers in place ("Allow example.com for web.fetch…"). */
  readonly fix?: ToolFix;
}

/**
 * One exchange as the panel shows it: the user's text, the tool cards and the reply. Kept apart
 * from the model's history (which holds tool outputs the panel never shows) so a reopened chat
 * looks as it did.
 */
export interface TranscriptTurn {
  readonly id: number;
  readonly userText: string;
  /** What the user attached, by name, as the chips showed it. */
  readonly attachments: readonly string[];
  readonly tools: ToolCard[];
  text: string;
  state: TurnState | 'streaming';
  error?: string;
}
