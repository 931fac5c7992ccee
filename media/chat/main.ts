import type { EndpointState, HostMessage, NoticeKind, ToolCardState, ToolFix, TurnState, WebviewMessage } from '../../src/core/protocol/chatProtocol';
import { decorateCodeBlocks, handleCodeBlockClick } from './codeBlocks';
import { Composer } from './composer';
import { startConversationUi } from './conversationUi';
import { showEmptyState } from './emptyState';
import { renderInlineMarkdownInto, renderMarkdownInto } from './lazyMarkdown';
import { addAssistantActions, addUserActions, type MessageActionHandlers } from './messageActions';
import { showFixResult, toolFixButton } from './toolFix';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const $ = <T extends HTMLElement>(id: string): T => {
  const element = document.getElementById(id);
  if (!element) throw new Error(`chat page is missing #${id}`);
  return element as T;
};

const statusEl = $('status');
const sourcesEl = $('sources');
const costEl = $('cost');
const noticeEl = $('notice');
const policyBannerEl = $('policy-banner');
const messagesEl = $('messages');
const promptEl = $<HTMLTextAreaElement>('prompt');
const sendEl = $<HTMLButtonElement>('send');
const stopEl = $<HTMLButtonElement>('stop');

interface AssistantView {
  readonly element: HTMLElement;
  readonly body: HTMLElement;
  readonly tools: HTMLElement;
  readonly userText: string;
  text: string;
  renderQueued: boolean;
}
const assistants = new Map<number, AssistantView>();
const composer = new Composer(
  { prompt: promptEl, send: sendEl, stop: stopEl },
  { send: (text) => vscode.postMessage({ type: 'send', text }), stop: () => vscode.postMessage({ type: 'stop' }), editLast: (text) => vscode.postMessage({ type: 'editLast', text }) },
);
const copy = (text: string): void => vscode.postMessage({ type: 'copy', text });
const messageActions: MessageActionHandlers = { copy, retry: (text) => vscode.postMessage({ type: 'editLast', text }), edit: (text) => composer.startEdit(text) };

function showStatus(state: EndpointState, endpoint: string, model: string, detail: string): void {
  statusEl.dataset.state = state;
  setText(statusEl, '.status-text', model ? `${detail} · ${model}` : detail);
  setText(statusEl, '.status-endpoint', endpoint);
  statusEl.title = endpoint ? `${model} at ${endpoint}` : detail;
}

function showNotice(notice: { kind: NoticeKind; message: string; hint?: string } | null): void {
  noticeEl.hidden = notice === null;
  noticeEl.dataset.kind = notice?.kind ?? '';
  setText(noticeEl, '.notice-message', notice?.message ?? '');
  setInlineMarkdown(noticeEl, '.notice-hint', notice?.hint ?? '');
}

/** Plain text: the message quotes a policy file, which may hold anything. */
function showPolicyProblem(message: string | null): void {
  policyBannerEl.hidden = message === null;
  setText(policyBannerEl, '.policy-banner-message', message ?? '');
}

function setText(root: HTMLElement, selector: string, text: string): void {
  const element = root.querySelector(selector);
  if (element) element.textContent = text;
}

/** Our own hints and errors use `code` spans; they go through the same sanitizer as replies. */
function setInlineMarkdown(root: HTMLElement, selector: string, text: string): void {
  const element = root.querySelector(selector);
  if (element instanceof HTMLElement) renderInlineMarkdownInto(element, text);
}

function addMessage(role: 'user' | 'assistant'): { element: HTMLElement; body: HTMLElement } {
  const element = document.createElement('article');
  element.className = `message ${role}`;
  element.dataset.role = role;
  const label = document.createElement('div');
  label.className = 'message-label';
  label.textContent = role === 'user' ? 'You' : 'Airlock';
  const body = document.createElement('div');
  body.className = 'message-body';
  element.append(label, body);
  messagesEl.append(element);
  return { element, body };
}

function startTurn(id: number, userText: string): void {
  const user = addMessage('user');
  user.body.textContent = userText;
  addUserActions(user.element, userText, messageActions);
  const { element, body } = addMessage('assistant');
  element.dataset.state = 'streaming';
  const tools = document.createElement('div');
  tools.className = 'tool-cards';
  body.before(tools);
  assistants.set(id, { element, body, tools, userText, text: '', renderQueued: false });
  composer.setStreaming(true);
  scrollToEnd();
}

// Re-rendering the whole reply on every token is quadratic; render at most once per frame.
function appendDelta(id: number, text: string): void {
  const view = assistants.get(id);
  if (!view) return;
  view.text += text;
  if (view.renderQueued) return;
  view.renderQueued = true;
  requestAnimationFrame(() => {
    view.renderQueued = false;
    render(view);
  });
}

const TOOL_ICONS: Record<ToolCardState | 'running', string> = { running: 'loading codicon-modifier-spin', done: 'check', denied: 'circle-slash', error: 'error' };

/** A tool call's card: which tool, what it does, and how the guard and the user decided. */
function showTool(id: number, callId: string, tool: string, state: ToolCardState | 'running', summary: string, flags: readonly string[] = [], fix?: ToolFix): void {
  const view = assistants.get(id);
  if (!view) return;
  let card = [...view.tools.children].find((child): child is HTMLElement => child instanceof HTMLElement && child.dataset.callId === callId);
  if (!card) {
    card = document.createElement('div');
    card.className = 'tool-card';
    card.dataset.callId = callId;
    view.tools.append(card);
  }
  card.dataset.tool = tool;
  card.dataset.state = state;
  const icon = document.createElement('span');
  icon.className = `codicon codicon-${TOOL_ICONS[state]}`;
  const name = document.createElement('span');
  name.className = 'tool-name';
  name.textContent = tool;
  const text = document.createElement('span');
  text.className = 'tool-summary';
  text.textContent = summary;
  const badges = flags.map((flag) => {
    const badge = document.createElement('span');
    badge.className = 'tool-flag';
    badge.textContent = flag;
    badge.title = 'Flagged by the content guard';
    return badge;
  });
  card.dataset.flags = flags.join(' ');
  const output = card.querySelector('.tool-output');
  card.replaceChildren(icon, name, text, ...badges, ...(fix ? [toolFixButton(fix, (asked) => vscode.postMessage({ type: 'allowHost', fix: asked }))] : []), ...(output ? [output] : []));
  if (output) output.scrollTop = output.scrollHeight;
  scrollToEnd();
}

/** Most characters of a tool's output a card keeps: the end, where the result and errors are. */
const TOOL_OUTPUT_CHARS = 64 * 1024;

/** A command's output, as it streams, in a scrolling block under its card (text only, never markup). */
function appendToolOutput(id: number, callId: string, text: string): void {
  const card = assistants.get(id)?.tools.querySelector<HTMLElement>(`.tool-card[data-call-id="${CSS.escape(callId)}"]`);
  if (!card) return;
  let output = card.querySelector<HTMLElement>('.tool-output');
  if (!output) {
    output = document.createElement('pre');
    output.className = 'tool-output';
    card.append(output);
  }
  const all = (output.textContent ?? '') + text;
  output.textContent = all.length > TOOL_OUTPUT_CHARS ? `…${all.slice(-TOOL_OUTPUT_CHARS)}` : all;
  output.scrollTop = output.scrollHeight;
  scrollToEnd();
}

function render(view: AssistantView): void {
  renderMarkdownInto(view.body, view.text, () => {
    decorateCodeBlocks(view.body);
    scrollToEnd();
  });
}

function endTurn(id: number, state: TurnState, error?: string): void {
  const view = assistants.get(id);
  composer.setStreaming(false);
  if (!view) return;
  render(view);
  view.element.dataset.state = state;
  if (state === 'stopped') appendNote(view.element, 'message-note', 'Stopped.');
  // Plain text: an error quotes the model server's own words, which are not ours to render.
  if (state === 'error') appendNote(view.element, 'message-error', error ?? 'The reply failed.');
  addAssistantActions(view.element, () => view.text, view.userText, messageActions);
}

function appendNote(parent: HTMLElement, className: string, text: string): void {
  const note = document.createElement('div');
  note.className = className;
  note.textContent = text;
  parent.append(note);
  scrollToEnd();
}

function reset(): void {
  assistants.clear();
  messagesEl.replaceChildren();
  composer.clear();
  composer.setStreaming(false);
}

function scrollToEnd(): void {
  messagesEl.scrollTop = messagesEl.scrollHeight;
}

function receive(message: HostMessage): void {
  switch (message.type) {
    case 'status':
      return showStatus(message.state, message.endpoint, message.model, message.detail);
    case 'sources':
      sourcesEl.textContent = message.text;
      return;
    case 'notice':
      return showNotice(message.notice);
    case 'policyProblem':
      return showPolicyProblem(message.message);
    case 'cost':
      costEl.textContent = message.text ?? '';
      costEl.hidden = message.text === null;
      return;
    case 'turnStart':
      return startTurn(message.id, message.userText);
    case 'delta':
      return appendDelta(message.id, message.text);
    case 'toolStart':
      return showTool(message.id, message.callId, message.tool, 'running', message.summary);
    case 'toolOutput':
      return appendToolOutput(message.id, message.callId, message.text);
    case 'toolEnd':
      return showTool(message.id, message.callId, message.tool, message.state, message.summary, message.flags, message.fix);
    case 'fixResult':
      return showFixResult(messagesEl, message.fix, message.allowed);
    case 'turnEnd':
      return endTurn(message.id, message.state, message.error);
    case 'reset':
      return reset();
    case 'rejected':
      return showNotice({ kind: 'error', message: message.message });
  }
}

window.addEventListener('message', (event: MessageEvent<HostMessage>) => receive(event.data));
startConversationUi((message) => vscode.postMessage(message));
messagesEl.addEventListener('click', (event) => {
  handleCodeBlockClick(event.target, { copy, apply: (code, mode, file) => vscode.postMessage({ type: 'applyCode', code, mode, ...(file === undefined ? {} : { file }) }) });
});
showEmptyState(messagesEl, (text) => composer.fill(text));
$('notice-retry').addEventListener('click', () => vscode.postMessage({ type: 'checkModel' }));
$('notice-settings').addEventListener('click', () => vscode.postMessage({ type: 'openSettings' }));
$('policy-open-file').addEventListener('click', () => vscode.postMessage({ type: 'openPolicyFile' }));
vscode.postMessage({ type: 'ready' });
promptEl.focus();
