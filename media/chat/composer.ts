import { composerAction } from './composerKeys';
import { PromptQueue, type QueuedPrompt } from './promptQueue';

/** What the composer asks of the extension. */
export interface ComposerHandlers {
  send(text: string): void;
  stop(): void;
  /** The edited last question, to replace the last turn. */
  editLast(text: string): void;
}

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
  private readonly editHint = document.createElement('div');
  private streaming = false;
  private editing = false;

  constructor(
    private readonly elements: ComposerElements,
    private readonly handlers: ComposerHandlers,
  ) {
    this.editHint.className = 'edit-hint';
    this.editHint.hidden = true;
    this.editHint.setAttribute('role', 'status');
    this.editHint.textContent = 'Editing your last message: Enter sends it in place of the old one (and its answer), Esc cancels.';
    elements.prompt.before(this.editHint);
    this.queueEl.className = 'prompt-queue';
    this.queueEl.hidden = true;
    this.queueEl.setAttribute('aria-label', 'Queued messages');
    elements.prompt.before(this.queueEl);
    elements.prompt.addEventListener('keydown', (event) => this.onKey(event));
    // Escape stops a reply wherever focus is in the panel (a code block, a button), not only in the box.
    document.addEventListener('keydown', (event) => {
      if (event.target !== elements.prompt && composerAction(event, this.state()) === 'stop') handlers.stop();
    });
    elements.send.addEventListener('click', () => this.submitBox());
    elements.stop.addEventListener('click', () => handlers.stop());
  }

  /** Sends `text` now, or queues it while a reply streams. False when the queue is full. */
  submit(text: string): boolean {
    const trimmed = text.trim();
    if (trimmed === '') return true;
    if (!this.streaming) {
      this.handlers.send(trimmed);
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

  /** Edit and resend: the last question goes back in the box; sending it replaces the last turn. */
  startEdit(text: string): void {
    this.fill(text);
    if (this.streaming) return;
    this.editing = true;
    this.editHint.hidden = false;
  }

  setStreaming(value: boolean): void {
    this.streaming = value;
    this.elements.stop.hidden = !value;
    this.elements.prompt.setAttribute('aria-description', value ? 'A reply is streaming: Enter queues your message, Escape stops the reply.' : '');
    if (!value) this.sendNext();
  }

  /** A new chat: what was queued for the old one is not sent. */
  clear(): void {
    this.endEdit();
    this.queue.clear();
    this.queueEl.replaceChildren();
    this.queueEl.hidden = true;
  }

  private onKey(event: KeyboardEvent): void {
    const action = composerAction(event, this.state());
    if (action === 'send') {
      event.preventDefault();
      this.submitBox();
    } else if (action === 'stop') {
      event.preventDefault();
      this.handlers.stop();
    } else if (action === 'cancel-edit') {
      event.preventDefault();
      this.endEdit();
      this.elements.prompt.value = '';
    }
  }

  private state(): { streaming: boolean; editing: boolean } {
    return { streaming: this.streaming, editing: this.editing };
  }

  private endEdit(): void {
    this.editing = false;
    this.editHint.hidden = true;
  }

  private submitBox(): void {
    const { prompt } = this.elements;
    const text = prompt.value.trim();
    if (this.editing && !this.streaming && text !== '') {
      this.endEdit();
      prompt.value = '';
      this.handlers.editLast(text);
      return;
    }
    if (this.submit(prompt.value)) prompt.value = '';
    else prompt.setAttribute('aria-invalid', 'true');
  }

  private sendNext(): void {
    const next = this.queue.next();
    if (!next) return;
    this.queueEl.querySelector(`[data-queue-id="${next.id}"]`)?.remove();
    this.queueEl.hidden = this.queue.size === 0;
    this.elements.prompt.removeAttribute('aria-invalid');
    this.handlers.send(next.text);
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
