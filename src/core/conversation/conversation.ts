import { ChatSession } from '../chat/chatSession';
import type { SavedConversation } from './savedConversation';
import type { TranscriptTurn } from './transcriptTurn';

const TITLE_CHARS = 80;

/** One chat: the model's history (its session) and the transcript the panel shows. */
export class Conversation {
  readonly session: ChatSession;
  readonly turns: TranscriptTurn[];
  updatedAt: number;

  constructor(readonly id: string, saved?: SavedConversation, systemPrompt?: string) {
    this.session = new ChatSession(systemPrompt, saved?.history ?? []);
    this.turns = saved ? saved.turns.map((turn) => ({ ...turn, tools: [...turn.tools] })) : [];
    this.updatedAt = saved?.updatedAt ?? Date.now();
  }

  /** The list of past chats names a chat by its first question. */
  get title(): string {
    const first = this.turns[0]?.userText.replace(/\s+/g, ' ').trim() ?? '';
    return first.length > TITLE_CHARS ? `${first.slice(0, TITLE_CHARS - 1)}…` : first || 'New chat';
  }

  addTurn(userText: string, attachments: readonly string[]): TranscriptTurn {
    const turn: TranscriptTurn = { id: (this.turns.at(-1)?.id ?? 0) + 1, userText, attachments: [...attachments], tools: [], text: '', state: 'streaming' };
    this.turns.push(turn);
    this.updatedAt = Date.now();
    return turn;
  }

  /**
   * Takes back the last turn, for Edit and resend. A failed turn left nothing in the model's
   * history (the session drops it), so only a turn that ended or was stopped takes history with it.
   */
  removeLastTurn(): TranscriptTurn | undefined {
    const turn = this.turns.pop();
    if (turn && turn.state !== 'error') this.session.dropLastExchange();
    if (turn) this.updatedAt = Date.now();
    return turn;
  }

  toSaved(): Omit<SavedConversation, 'version'> {
    return { id: this.id, title: this.title, updatedAt: this.updatedAt, history: [...this.session.messages], turns: this.turns };
  }
}
