import { randomUUID } from 'node:crypto';
import type { ToolRunner } from '../agent/toolRunner';
import type { TurnWatch } from '../anomaly/turnWatch';
import type { ChatModel, TurnEvent, TurnOutcome } from '../chat/chatSession';
import { redact } from '../redaction/redact';
import { Conversation } from './conversation';
import type { ConversationStore } from './conversationStore';
import type { ConversationSummary } from './savedConversation';
import type { TranscriptTurn } from './transcriptTurn';

/** What the panel is told about the current chat's turns; turns of a chat left behind stay silent. */
export interface TurnListener {
  start(turn: TranscriptTurn): void;
  event(turn: TranscriptTurn, event: TurnEvent): void;
  end(turn: TranscriptTurn): void;
}

/** What one message sends: the user's text as shown, the chips' names, and the text the model gets. */
export interface TurnInput {
  readonly userText: string;
  readonly attachments: readonly string[];
  readonly modelText: string;
}

/** The model to answer with, or why there is none (the turn then ends with that error). */
export type ModelChoice =
  | { readonly ok: true; readonly model: ChatModel; readonly tools: ToolRunner | undefined; readonly contextTokens?: number; readonly watch?: TurnWatch }
  | { readonly ok: false; readonly reason: string };

interface RunningTurn {
  readonly controller: AbortController;
  readonly done: Promise<unknown>;
}

/**
 * The chats of one workspace: the current one, one running turn at most, and the past ones on
 * disk. Leaving a chat (New Chat, opening another) first cancels its running turn and waits for
 * it to end, so nothing of it reaches the next chat's requests; the cancelled turn is kept in the
 * chat it belonged to.
 */
export class Conversations {
  private current: Conversation;
  private running: RunningTurn | undefined;

  constructor(private readonly store: ConversationStore | undefined, private readonly systemPrompt?: string) {
    this.current = this.fresh();
  }

  get id(): string {
    return this.current.id;
  }

  get turns(): readonly TranscriptTurn[] {
    return this.current.turns;
  }

  get busy(): boolean {
    return this.running !== undefined;
  }

  /** Reopens the most recent chat of this workspace, as after a window reload. */
  async restoreLatest(): Promise<void> {
    const latest = (await this.list()).at(0);
    if (latest && this.current.turns.length === 0 && !this.running) await this.open(latest.id);
  }

  async list(): Promise<ConversationSummary[]> {
    return (await this.store?.list()) ?? [];
  }

  /** Switches to a past chat; false when there is no such chat. */
  async open(id: string): Promise<boolean> {
    const saved = await this.store?.load(id);
    if (!saved) return false;
    this.current = new Conversation(saved.id, saved, this.systemPrompt);
    await this.cancelRunning();
    return true;
  }

  async newChat(): Promise<void> {
    this.current = this.fresh();
    await this.cancelRunning();
  }

  stop(): void {
    this.running?.controller.abort();
  }

  /** Edit and resend: the last question and its answer are taken back, so the edited one replaces them. False while a reply runs. */
  async removeLastTurn(): Promise<boolean> {
    if (this.running || !this.current.removeLastTurn()) return false;
    await this.save(this.current);
    return true;
  }

  /** Runs one turn in the current chat and saves the chat when the turn starts and ends. */
  async send(input: TurnInput, choice: ModelChoice, listener: TurnListener): Promise<{ turn: TranscriptTurn; outcome?: TurnOutcome }> {
    if (this.running) throw new Error('A reply is still streaming; stop it before sending another message.');
    const conversation = this.current;
    const shown = (): boolean => conversation === this.current;
    const turn = conversation.addTurn(input.userText, input.attachments);
    listener.start(turn);
    if (!choice.ok) {
      endTurn(turn, 'error', choice.reason);
      if (shown()) listener.end(turn);
      await this.save(conversation);
      return { turn };
    }
    const controller = new AbortController();
    const run = this.runTurn(conversation, turn, input.modelText, choice, controller.signal, (event) => shown() && listener.event(turn, event));
    // Not busy any more as soon as the turn ends, before anyone awaiting it goes on.
    const done = run.then(() => undefined, () => undefined).finally(() => {
      if (this.running?.controller === controller) this.running = undefined;
    });
    this.running = { controller, done };
    const outcome = await run;
    if (shown()) listener.end(turn);
    return { turn, outcome };
  }

  private async runTurn(conversation: Conversation, turn: TranscriptTurn, modelText: string, choice: Extract<ModelChoice, { ok: true }>, signal: AbortSignal, onEvent: (event: TurnEvent) => void): Promise<TurnOutcome> {
    await this.save(conversation);
    const outcome = await conversation.session.send(choice.model, modelText, signal, (event) => {
      applyEvent(turn, event);
      onEvent(event);
    }, choice.tools, { ...(choice.contextTokens === undefined ? {} : { contextTokens: choice.contextTokens }), ...(choice.watch === undefined ? {} : { watch: choice.watch }) });
    if (outcome.state === 'error') endTurn(turn, 'error', [outcome.failure.message, outcome.failure.hint].filter(Boolean).join(' '));
    else endTurn(turn, outcome.state);
    conversation.updatedAt = Date.now();
    await this.save(conversation);
    return outcome;
  }

  /** Called after the switch, so the cancelled turn's last events already belong to a chat not shown. */
  private async cancelRunning(): Promise<void> {
    const running = this.running;
    if (!running) return;
    running.controller.abort();
    await running.done;
  }

  private async save(conversation: Conversation): Promise<void> {
    // A chat is written once it has something to show; an empty New Chat leaves no file.
    if (conversation.turns.length > 0) await this.store?.save(conversation.toSaved());
  }

  private fresh(): Conversation {
    return new Conversation(randomUUID(), undefined, this.systemPrompt);
  }
}

function applyEvent(turn: TranscriptTurn, event: TurnEvent): void {
  if (event.type === 'text') turn.text += event.text;
  if (event.type === 'toolEnd') {
    const { outcome } = event;
    turn.tools.push({ callId: outcome.callId, tool: outcome.tool, state: outcome.state, summary: outcome.summary, flags: [...outcome.flags], ...(outcome.fix ? { fix: outcome.fix } : {}) });
  }
}

/** Error text can quote a server's reply or a URL; secrets in it are not shown or kept. */
function endTurn(turn: TranscriptTurn, state: Exclude<TranscriptTurn['state'], 'streaming'>, error?: string): void {
  turn.state = state;
  if (error !== undefined) turn.error = redact(error).text;
}
