import * as vscode from 'vscode';
import type { ToolRunner } from '../core/agent/toolRunner';
import type { TurnWatch } from '../core/anomaly/turnWatch';
import { costLine } from '../core/cost/costLine';
import type { CostMeter } from '../core/cost/costMeter';
import { meteredModel } from '../core/cost/meteredModel';
import type { EffectivePolicy } from '../core/policy/effectivePolicy';
import type { TurnEvent } from '../core/chat/chatSession';
import { messageWithAttachments } from '../core/context/attachmentReader';
import { Conversations, type ModelChoice, type TurnListener } from '../core/conversation/conversations';
import type { TranscriptTurn } from '../core/conversation/transcriptTurn';
import { parseWebviewMessage, type HostMessage, type ToolFix, type WebviewMessage } from '../core/protocol/chatProtocol';
import { redact } from '../core/redaction/redact';
import type { ChatAttachments, TakenAttachments } from './chatAttachments';
import { chatViewHtml } from './chatViewHtml';
import { openPolicyError } from './policyErrorLocation';
import type { ConnectionStatus, ModelConnection } from './modelConnection';
import { readContextTokens } from './modelSettings';
import type { SecurityPosture } from './securityPosture';

export const CHAT_VIEW_ID = 'airlock.chat';

/** What the panel needs of the policy: whether it failed to load, and where its files are. */
export interface PolicyHealth {
  readonly current: EffectivePolicy | undefined;
  readonly onDidChange: vscode.Event<EffectivePolicy>;
  errorPath(file: string): string;
}

/** What the panel's buttons do beyond chatting: Insert/Apply a code block, allow a blocked host. */
export interface PanelActions {
  applyCode(code: string, mode: 'insert' | 'file', file: string | undefined): Promise<void>;
  /** Asks in the firewall's own dialog; true once the rule is in force. */
  allowHost(fix: ToolFix): Promise<boolean>;
}

/**
 * The chats of this workspace, what the user attaches, where the model picker's choice goes, and
 * the guards every turn passes: the monthly cost cap of a remote API, the anomaly watch.
 */
export interface ConversationParts {
  readonly conversations: Conversations;
  readonly attachments?: ChatAttachments;
  /** Stores the picked model as the user's choice (never in workspace settings). */
  readonly chooseModel?: (name: string) => Promise<void>;
  readonly costMeter?: CostMeter;
  /** A new watch for each turn, with the policy's thresholds as they are then. */
  readonly watchTurn?: () => TurnWatch;
}

/** The sidebar chat: validates what the page sends, streams replies into it. */
export class ChatViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly assets: vscode.Uri,
    private readonly connection: ModelConnection,
    private readonly log: vscode.LogOutputChannel,
    private readonly tools: () => ToolRunner | undefined = () => undefined,
    private readonly onNewChat: () => void = () => undefined,
    private readonly posture?: SecurityPosture,
    private readonly policy?: PolicyHealth,
    private readonly actions?: PanelActions,
    private readonly parts: ConversationParts = { conversations: new Conversations(undefined) },
  ) {
    this.disposables.push(connection.onDidChange((status) => this.postStatus(status)));
    if (parts.attachments) this.disposables.push(parts.attachments.onDidChange(() => this.postChips()));
    if (posture) this.disposables.push(posture.onDidChange(() => this.postSources()));
    if (policy) this.disposables.push(policy.onDidChange(() => {
      this.postPolicyProblem();
      this.postCost();
    }));
    const unsubscribe = parts.costMeter?.onDidChange(() => this.postCost());
    if (unsubscribe) this.disposables.push({ dispose: unsubscribe });
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    view.webview.options = { enableScripts: true, enableCommandUris: false, localResourceRoots: [this.assets] };
    view.webview.html = chatViewHtml(view.webview, this.assets);
    const listeners = [
      view.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)),
      view.onDidDispose(() => {
        if (this.view === view) this.view = undefined;
        for (const listener of listeners) listener.dispose();
      }),
    ];
  }

  /** Starts a new conversation (also the "Airlock: New Chat" command); a running turn is cancelled first. */
  async newChat(): Promise<void> {
    this.post({ type: 'reset' });
    await this.parts.conversations.newChat();
    this.onNewChat();
    await this.postChats();
  }

  /** Shows the chat the panel had before a window reload. */
  async restore(): Promise<void> {
    await this.parts.conversations.restoreLatest();
    this.replay();
  }

  /** "Airlock: Add Selection to Chat". */
  addSelection(editor: vscode.TextEditor): boolean {
    return this.parts.attachments?.addSelection(editor) ?? false;
  }

  private receive(raw: unknown): void {
    const parsed = parseWebviewMessage(raw);
    if (!parsed.ok) {
      this.log.warn(parsed.error);
      this.post({ type: 'rejected', message: parsed.error });
      return;
    }
    this.handle(parsed.message).catch((error: unknown) => this.log.error(`chat panel: ${String(error)}`));
  }

  private async handle(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        return this.replay();
      case 'send':
        return this.send(message.text);
      case 'editLast':
        return this.editLast(message.text);
      case 'stop':
        this.parts.conversations.stop();
        return;
      case 'newChat':
        return this.newChat();
      case 'checkModel':
        await this.connection.refresh();
        return;
      case 'copy':
        await vscode.env.clipboard.writeText(message.text);
        return;
      case 'applyCode':
        await this.actions?.applyCode(message.code, message.mode, message.file);
        return;
      case 'allowHost': {
        const allowed = (await this.actions?.allowHost(message.fix)) ?? false;
        this.post({ type: 'fixResult', fix: message.fix, allowed });
        return;
      }
      case 'openSettings':
        await vscode.commands.executeCommand('workbench.action.openSettings', 'airlock.model');
        return;
      case 'mention': {
        const items = (await this.parts.attachments?.mentions(message.query)) ?? [];
        this.post({ type: 'mentions', query: message.query, items: items.map((item) => ({ label: item.label, path: item.path, kind: item.kind })) });
        return;
      }
      case 'attach':
        return this.parts.attachments?.add(message.kind, message.path);
      case 'attachEditor':
        return this.parts.attachments?.addActiveEditor();
      case 'detach':
        return this.parts.attachments?.remove(message.id);
      case 'openChat':
        if (await this.parts.conversations.open(message.id)) this.replay();
        return;
      case 'pickModel':
        return this.pickModel(message.name);
      case 'openPolicyFile': {
        const error = this.policy?.current?.errors.at(0);
        if (error && this.policy) await openPolicyError(error, this.policy.errorPath(error.file));
        return;
      }
    }
  }

  /** The edited question takes the last turn's place: the panel and the model's history forget the old one. */
  private async editLast(text: string): Promise<void> {
    if (!(await this.parts.conversations.removeLastTurn())) {
      this.post({ type: 'rejected', message: 'There is no last message to edit, or a reply is still streaming.' });
      return;
    }
    this.replay();
    return this.send(text);
  }

  private async send(text: string): Promise<void> {
    const { conversations } = this.parts;
    if (conversations.busy) {
      this.post({ type: 'rejected', message: 'A reply is still streaming; stop it before sending another message.' });
      return;
    }
    const taken: TakenAttachments = (await this.parts.attachments?.take()) ?? { names: [], read: { blocks: [], leftOut: [], notes: [] } };
    const { outcome } = await conversations.send({ userText: text, attachments: taken.names, modelText: messageWithAttachments(text, taken.read) }, this.modelChoice(), this.listener(taken));
    if (outcome?.state === 'error') {
      this.log.warn(`model reply failed: ${outcome.failure.message}`);
      if (outcome.failure.kind === 'unreachable') void this.connection.refresh();
    }
    await this.postChats();
  }

  private modelChoice(): ModelChoice {
    const client = this.connection.client;
    if (!client) return { ok: false, reason: this.connection.status.notice?.message ?? 'The model settings cannot be used yet.' };
    const { probe } = this.connection.status;
    const { costMeter, watchTurn } = this.parts;
    // A remote API's requests pass its monthly cost cap; a loopback model costs nothing.
    const billed = costMeter?.entryFor(client.endpoint.baseUrl);
    const model = costMeter && billed ? meteredModel(client, costMeter, billed) : client;
    return { ok: true, model, tools: this.tools(), contextTokens: readContextTokens(probe.reachable ? probe.contextLength : undefined), ...(watchTurn ? { watch: watchTurn() } : {}) };
  }

  /** What the panel is told of a turn; the guard's left-out files are said under the question. */
  private listener(taken: TakenAttachments): TurnListener {
    return {
      start: (turn) => {
        this.postTurnStart(turn);
        if (taken.read.leftOut.length > 0) this.post({ type: 'turnNote', id: turn.id, kind: 'warning', text: `Left out by the security policy, not sent to the model: ${taken.read.leftOut.join(', ')}` });
        for (const note of taken.read.notes) this.post({ type: 'turnNote', id: turn.id, kind: 'info', text: note });
      },
      event: (turn, event) => this.showEvent(turn, event),
      end: (turn) => this.postTurnEnd(turn),
    };
  }

  private async pickModel(name: string): Promise<void> {
    const { probe } = this.connection.status;
    // Only a model the server lists can be picked: the page's message is not trusted to name one.
    if (!probe.reachable || !new Set(probe.models).has(name) || !this.parts.chooseModel) {
      this.post({ type: 'rejected', message: `The model server does not list a model named "${name.slice(0, 80)}".` });
      return;
    }
    try {
      await this.parts.chooseModel(name);
    } catch (error) {
      // With no folder open there is no workspace to keep the choice for: say so in the panel.
      this.post({ type: 'rejected', message: `The model could not be switched: ${error instanceof Error ? error.message : String(error)}` });
    }
  }

  private showEvent(turn: TranscriptTurn, event: TurnEvent): void {
    switch (event.type) {
      case 'text':
        this.post({ type: 'delta', id: turn.id, text: event.text });
        return;
      case 'context':
        this.post({ type: 'context', used: event.use.used, limit: event.use.limit, trimmed: event.use.trimmed });
        return;
      case 'toolsUnsupported':
        this.post({ type: 'turnNote', id: turn.id, kind: 'warning', text: `The model ${this.connection.status.model} cannot call tools, so Airlock chats without them: it cannot read, search or edit files in this chat.` });
        return;
      case 'toolStart':
        this.post({ type: 'toolStart', id: turn.id, callId: event.callId, tool: event.tool, summary: event.summary });
        return;
      case 'toolOutput':
        this.post({ type: 'toolOutput', id: turn.id, callId: event.callId, text: event.text });
        return;
      case 'toolEnd': {
        const { outcome } = event;
        const card = { callId: outcome.callId, tool: outcome.tool, state: outcome.state, summary: outcome.summary, flags: [...outcome.flags], ...(outcome.fix ? { fix: outcome.fix } : {}) };
        this.post({ type: 'toolEnd', id: turn.id, ...card });
        return;
      }
    }
  }

  private postTurnStart(turn: TranscriptTurn): void {
    this.post({ type: 'turnStart', id: turn.id, userText: turn.userText, ...(turn.attachments.length > 0 ? { attachments: [...turn.attachments] } : {}) });
  }

  /** The turn's error was redacted when it was recorded. */
  private postTurnEnd(turn: TranscriptTurn): void {
    if (turn.state !== 'streaming') this.post({ type: 'turnEnd', id: turn.id, state: turn.state, ...(turn.error === undefined ? {} : { error: turn.error }) });
  }

  private postChips(): void {
    if (this.parts.attachments) this.post({ type: 'attachments', chips: this.parts.attachments.chips() });
  }

  private async postChats(): Promise<void> {
    const { conversations } = this.parts;
    const items = await conversations.list();
    this.post({ type: 'chats', current: conversations.id, items: items.map((item) => ({ id: item.id, title: item.title, updatedAt: item.updatedAt })) });
  }

  /** A re-created page (the view was hidden) gets the status and the conversation again. */
  private replay(): void {
    this.postStatus(this.connection.status);
    this.postPolicyProblem();
    this.post({ type: 'reset' });
    for (const turn of this.parts.conversations.turns) {
      this.postTurnStart(turn);
      for (const card of turn.tools) this.post({ type: 'toolEnd', id: turn.id, ...card, flags: [...card.flags] });
      if (turn.text) this.post({ type: 'delta', id: turn.id, text: turn.text });
      this.postTurnEnd(turn);
    }
    this.postChips();
    void this.postChats();
    this.postModels(this.connection.status);
  }

  /** The model picker lists what the server reports, with the model in use first if it is unlisted. */
  private postModels(status: ConnectionStatus): void {
    const names = status.probe.reachable ? status.probe.models : [];
    this.post({ type: 'models', current: status.model, names: names.includes(status.model) || !status.model ? names : [status.model, ...names] });
  }

  /** Where the endpoint and the pack come from: the user, or this workspace with the user's approval. */
  private postSources(): void {
    if (this.posture) this.post({ type: 'sources', text: this.posture.describe() });
  }

  /** The month's spending on the remote API in use, near the model picker; nothing for a local model. */
  private postCost(): void {
    const { costMeter } = this.parts;
    const billed = costMeter?.entryFor(this.connection.status.endpoint);
    this.post({ type: 'cost', text: costMeter && billed ? costLine(costMeter, billed) : null });
  }

  /** A policy that fails to load is said in the panel, not only in a log: the agent's tools are off. */
  private postPolicyProblem(): void {
    const errors = this.policy?.current?.errors ?? [];
    const message = errors.length === 0 ? null : `The policy failed to load: ${errors.map((error) => error.message).join('; ')}. Agent tools are off until it is fixed.`;
    this.post({ type: 'policyProblem', message });
  }

  private postStatus(status: ConnectionStatus): void {
    this.post({ type: 'status', state: status.state, endpoint: status.endpoint, model: status.model, detail: status.detail });
    this.postModels(status);
    this.postSources();
    this.postCost();
    const notice = status.notice && { ...status.notice, message: redact(status.notice.message).text };
    this.post({ type: 'notice', notice });
  }

  private post(message: HostMessage): void {
    void this.view?.webview.postMessage(message);
  }

  dispose(): void {
    this.parts.conversations.stop();
    for (const disposable of this.disposables) disposable.dispose();
  }
}
