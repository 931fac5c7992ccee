import { composerAction } from './composerKeys';
import { PromptQueue, type QueuedPrompt } from './promptQueue';

export interface ComposerElements {
  readonly prompt: HTMLTextAreaElement;
  readonly send: HTMLButtonElement;
  readonly stop: HTMLButtonElement;
}

/**
 * The message box: Enter sends, Shift+Enter adds a line, Escape stops. A message sent while a
 * reply streams waits in a visible queue (removable) and goes out when the reply ends.
 */
export class Composer {
  private readonly queue = new PromptQueue();
  private readonly queueEl = document.createElement('ul');
  private streaming = false;

  constructor(
    private readonly elements: ComposerElements,
    private readonly sendText: (text: string) => void,
    private readonly stop: () => void,
  ) {
    this.queueEl.className = 'prompt-queue';
    this.queueEl.hidden = true;
    this.queueEl.setAttribute('aria-label', 'Queued messages');
    elements.prompt.before(this.queueEl);
    elements.prompt.addEventListener('keydown', (event) => this.onKey(event));
    // Escape stops a reply wherever focus is in the panel (a code block, a button), not only in the box.
    document.addEventListener('keydown', (event) => {
      if (event.target !== elements.prompt && composerAction(event, this.streaming) === 'stop') this.stop();
    });
    elements.send.addEventListener('click', () => this.submitBox());
    elements.stop.addEventListener('click', () => this.stop());
  }

  /** Sends `text` now, or queues it while a reply streams. False when the queue is full. */
  submit(text: string): boolean {
    const trimmed = text.trim();
    if (trimmed === '') return true;
    if (!this.streaming) {
      this.sendText(trimmed);
      return true;
    }
    const queued = this.queue.add(trimmed);
    if (queued) this.showQueued(queued);
    return queued !== undefined;
  }

  /** Puts `text` in the box to edit before sending (an example, or the last prompt). */
  fill(text: string): void {
    const { prompt } = this.elements;
    prompt.value = text;
    prompt.focus();
    prompt.setSelectionRange(text.length, text.length);
  }

  setStreaming(value: boolean): void {
    this.streaming = value;
    this.elements.stop.hidden = !value;
    this.elements.prompt.setAttribute('aria-description', value ? 'A reply is streaming: Enter queues your message, Escape stops the reply.' : '');
    if (!value) this.sendNext();
  }

  /** A new chat: what was queued for the old one is not sent. */
  clear(): void {
    this.queue.clear();
    this.queueEl.replaceChildren();
    this.queueEl.hidden = true;
  }

  private onKey(event: KeyboardEvent): void {
    const action = composerAction(event, this.streaming);
    if (action === 'send') {
      event.preventDefault();
      this.submitBox();
    } else if (action === 'stop') {
      event.preventDefault();
      this.stop();
    }
  }

  private submitBox(): void {
    const { prompt } = this.elements;
    if (this.submit(prompt.value)) prompt.value = '';
    else prompt.setAttribute('aria-invalid', 'true');
  }

  private sendNext(): void {
    const next = this.queue.next();
    if (!next) return;
    this.queueEl.querySelector(`[data-queue-id="${next.id}"]`)?.remove();
    this.queueEl.hidden = this.queue.size === 0;
    this.elements.prompt.removeAttribute('aria-invalid');
    this.sendText(next.text);
  }

  private showQueued(item: QueuedPrompt): void {
    const row = document.createElement('li');
    row.className = 'queued-prompt';
    row.dataset.queueId = String(item.id);
    const badge = document.createElement('span');
    badge.className = 'queued-badge';
    badge.textContent = 'Queued';
    const text = document.createElement('span');
    text.className = 'queued-text';
    text.textContent = item.text;
    text.title = item.text;
    const remove = document.createElement('button');
    remove.className = 'icon-button';
    remove.title = 'Remove from the queue';
    remove.setAttribute('aria-label', `Remove queued message: ${item.text.slice(0, 60)}`);
    const icon = document.createElement('span');
    icon.className = 'codicon codicon-close';
    icon.setAttribute('aria-hidden', 'true');
    remove.append(icon);
    remove.addEventListener('click', () => {
      this.queue.remove(item.id);
      row.remove();
      this.queueEl.hidden = this.queue.size === 0;
      this.elements.prompt.focus();
    });
    row.append(badge, text, remove);
    this.queueEl.append(row);
    this.queueEl.hidden = false;
  }
}
