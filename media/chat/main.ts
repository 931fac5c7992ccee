import type { EndpointState, HostMessage, NoticeKind, TurnState, WebviewMessage } from '../../src/core/protocol/chatProtocol';
import { renderMarkdown } from './markdown';

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
const noticeEl = $('notice');
const messagesEl = $('messages');
const promptEl = $<HTMLTextAreaElement>('prompt');
const sendEl = $<HTMLButtonElement>('send');
const stopEl = $<HTMLButtonElement>('stop');

interface AssistantView {
  readonly element: HTMLElement;
  readonly body: HTMLElement;
  text: string;
  renderQueued: boolean;
}
const assistants = new Map<number, AssistantView>();
let streaming = false;

function send(): void {
  const text = promptEl.value.trim();
  if (!text || streaming) return;
  vscode.postMessage({ type: 'send', text });
  promptEl.value = '';
}

function setStreaming(value: boolean): void {
  streaming = value;
  stopEl.hidden = !value;
  sendEl.disabled = value;
}

function showStatus(state: EndpointState, endpoint: string, model: string, detail: string): void {
  statusEl.dataset.state = state;
  const text = statusEl.querySelector('.status-text');
  if (text) text.textContent = endpoint ? `${detail} · ${model} @ ${endpoint}` : detail;
  statusEl.title = endpoint ? `${model} at ${endpoint}` : detail;
}

function showNotice(notice: { kind: NoticeKind; message: string; hint?: string } | null): void {
  noticeEl.hidden = notice === null;
  noticeEl.dataset.kind = notice?.kind ?? '';
  setText(noticeEl, '.notice-message', notice?.message ?? '');
  setText(noticeEl, '.notice-hint', notice?.hint ?? '');
}

function setText(root: HTMLElement, selector: string, text: string): void {
  const element = root.querySelector(selector);
  if (element) element.textContent = text;
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
  addMessage('user').body.textContent = userText;
  const { element, body } = addMessage('assistant');
  element.dataset.state = 'streaming';
  assistants.set(id, { element, body, text: '', renderQueued: false });
  setStreaming(true);
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

function render(view: AssistantView): void {
  view.body.innerHTML = renderMarkdown(view.text);
  scrollToEnd();
}

function endTurn(id: number, state: TurnState, error?: string): void {
  const view = assistants.get(id);
  setStreaming(false);
  if (!view) return;
  render(view);
  view.element.dataset.state = state;
  if (state === 'stopped') appendNote(view.element, 'message-note', 'Stopped.');
  if (state === 'error') appendNote(view.element, 'message-error', error ?? 'The reply failed.');
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
  setStreaming(false);
}

function scrollToEnd(): void {
  messagesEl.scrollTop = messagesEl.scrollHeight;
}

function receive(message: HostMessage): void {
  switch (message.type) {
    case 'status':
      return showStatus(message.state, message.endpoint, message.model, message.detail);
    case 'notice':
      return showNotice(message.notice);
    case 'turnStart':
      return startTurn(message.id, message.userText);
    case 'delta':
      return appendDelta(message.id, message.text);
    case 'turnEnd':
      return endTurn(message.id, message.state, message.error);
    case 'reset':
      return reset();
    case 'rejected':
      return showNotice({ kind: 'error', message: message.message });
  }
}

window.addEventListener('message', (event: MessageEvent<HostMessage>) => receive(event.data));
promptEl.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    send();
  }
});
sendEl.addEventListener('click', send);
stopEl.addEventListener('click', () => vscode.postMessage({ type: 'stop' }));
$('new-chat').addEventListener('click', () => vscode.postMessage({ type: 'newChat' }));
$('check').addEventListener('click', () => vscode.postMessage({ type: 'checkModel' }));
$('notice-retry').addEventListener('click', () => vscode.postMessage({ type: 'checkModel' }));
$('notice-settings').addEventListener('click', () => vscode.postMessage({ type: 'openSettings' }));
vscode.postMessage({ type: 'ready' });
promptEl.focus();
