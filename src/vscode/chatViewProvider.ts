import * as vscode from 'vscode';
import type { ToolRunner } from '../core/agent/toolRunner';
import type { EffectivePolicy } from '../core/policy/effectivePolicy';
import { ChatSession, type TurnEvent } from '../core/chat/chatSession';
import { parseWebviewMessage, type HostMessage, type ToolCardState, type ToolFix, type TurnState, type WebviewMessage } from '../core/protocol/chatProtocol';
import { redact } from '../core/redaction/redact';
import { chatViewHtml } from './chatViewHtml';
import { openPolicyError } from './policyErrorLocation';
import type { ConnectionStatus, ModelConnection } from './modelConnection';
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

interface ShownTurn {
  readonly id: number;
  readonly userText: string;
  readonly tools: { callId: string; tool: string; state: ToolCardState; summary: string; flags: string[]; fix?: ToolFix }[];
  text: string;
  state: TurnState | 'streaming';
  error?: string;
}

/** The sidebar chat: validates what the page sends, streams replies into it. */
export class ChatViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  private readonly session = new ChatSession();
  private readonly turns: ShownTurn[] = [];
  private running: AbortController | undefined;
  private nextTurnId = 1;
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
  ) {
    this.disposables.push(connection.onDidChange((status) => this.postStatus(status)));
    if (posture) this.disposables.push(posture.onDidChange(() => this.postSources()));
    if (policy) this.disposables.push(policy.onDidChange(() => this.postPolicyProblem()));
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

  /** Starts a new conversation (also the "Airlock: New Chat" command). */
  newChat(): void {
    this.running?.abort();
    this.session.reset();
    this.onNewChat();
    this.turns.length = 0;
    this.post({ type: 'reset' });
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
      case 'stop':
        this.running?.abort();
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
      case 'openPolicyFile': {
        const error = this.policy?.current?.errors.at(0);
        if (error && this.policy) await openPolicyError(error, this.policy.errorPath(error.file));
        return;
      }
    }
  }

  private async send(text: string): Promise<void> {
    if (this.running) {
      this.post({ type: 'rejected', message: 'A reply is still streaming; stop it before sending another message.' });
      return;
    }
    const turn: ShownTurn = { id: this.nextTurnId++, userText: text, tools: [], text: '', state: 'streaming' };
    this.turns.push(turn);
    this.post({ type: 'turnStart', id: turn.id, userText: text });
    const client = this.connection.client;
    if (!client) {
      const notice = this.connection.status.notice;
      return this.endTurn(turn, 'error', notice?.message ?? 'The model settings cannot be used yet.');
    }
    const controller = new AbortController();
    this.running = controller;
    try {
      const outcome = await this.session.send(client, text, controller.signal, (event) => this.showEvent(turn, event), this.tools());
      if (outcome.state === 'error') {
        this.log.warn(`model reply failed: ${outcome.failure.message}`);
        this.endTurn(turn, 'error', [outcome.failure.message, outcome.failure.hint].filter(Boolean).join(' '));
        if (outcome.failure.kind === 'unreachable') void this.connection.refresh();
        return;
      }
      this.endTurn(turn, outcome.state);
    } finally {
      this.running = undefined;
    }
  }

  private showEvent(turn: ShownTurn, event: TurnEvent): void {
    switch (event.type) {
      case 'text':
        turn.text += event.text;
        this.post({ type: 'delta', id: turn.id, text: event.text });
        return;
      case 'toolStart':
        this.post({ type: 'toolStart', id: turn.id, callId: event.callId, tool: event.tool, summary: event.summary });
        return;
      case 'toolEnd': {
        const { outcome } = event;
        const card = { callId: outcome.callId, tool: outcome.tool, state: outcome.state, summary: outcome.summary, flags: [...outcome.flags], ...(outcome.fix ? { fix: outcome.fix } : {}) };
        turn.tools.push(card);
        this.post({ type: 'toolEnd', id: turn.id, ...card });
        return;
      }
    }
  }

  private endTurn(turn: ShownTurn, state: TurnState, rawError?: string): void {
    // Error text can quote a server's reply or a URL; secrets in it are not shown.
    const error = rawError === undefined ? undefined : redact(rawError).text;
    turn.state = state;
    if (error !== undefined) turn.error = error;
    this.post({ type: 'turnEnd', id: turn.id, state, ...(error === undefined ? {} : { error }) });
  }

  /** A re-created page (the view was hidden) gets the status and the conversation again. */
  private replay(): void {
    this.postStatus(this.connection.status);
    this.postPolicyProblem();
    this.post({ type: 'reset' });
    for (const turn of this.turns) {
      this.post({ type: 'turnStart', id: turn.id, userText: turn.userText });
      for (const card of turn.tools) this.post({ type: 'toolEnd', id: turn.id, ...card });
      if (turn.text) this.post({ type: 'delta', id: turn.id, text: turn.text });
      if (turn.state !== 'streaming') this.post({ type: 'turnEnd', id: turn.id, state: turn.state, ...(turn.error === undefined ? {} : { error: turn.error }) });
    }
  }

  /** Where the endpoint and the pack come from: the user, or this workspace with the user's approval. */
  private postSources(): void {
    if (this.posture) this.post({ type: 'sources', text: this.posture.describe() });
  }

  /** A policy that fails to load is said in the panel, not only in a log: the agent's tools are off. */
  private postPolicyProblem(): void {
    const errors = this.policy?.current?.errors ?? [];
    const message = errors.length === 0 ? null : `The policy failed to load: ${errors.map((error) => error.message).join('; ')}. Agent tools are off until it is fixed.`;
    this.post({ type: 'policyProblem', message });
  }

  private postStatus(status: ConnectionStatus): void {
    this.post({ type: 'status', state: status.state, endpoint: status.endpoint, model: status.model, detail: status.detail });
    this.postSources();
    const notice = status.notice && { ...status.notice, message: redact(status.notice.message).text };
    this.post({ type: 'notice', notice });
  }

  private post(message: HostMessage): void {
    void this.view?.webview.postMessage(message);
  }

  dispose(): void {
    this.running?.abort();
    for (const disposable of this.disposables) disposable.dispose();
  }
}
