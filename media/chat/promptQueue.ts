/** A message typed while a reply streams; it is shown as queued and sent when the reply ends. */
export interface QueuedPrompt {
  readonly id: number;
  readonly text: string;
}

/** Most messages that may wait: enough for a thought, not an accidental flood. */
export const MAX_QUEUED_PROMPTS = 5;

/**
 * Messages typed while a reply streams, in order. Nothing typed is dropped silently: a full
 * queue refuses, and the caller keeps the text in the box. Pure: tested on Node.
 */
export class PromptQueue {
  private readonly items: QueuedPrompt[] = [];
  private nextId = 1;

  /** Queues `text`; undefined when the queue is full. */
  add(text: string): QueuedPrompt | undefined {
    if (this.items.length >= MAX_QUEUED_PROMPTS) return undefined;
    const item = { id: this.nextId++, text };
    this.items.push(item);
    return item;
  }

  /** The next message to send, taken off the queue. */
  next(): QueuedPrompt | undefined {
    return this.items.shift();
  }

  remove(id: number): boolean {
    const index = this.items.findIndex((item) => item.id === id);
    if (index >= 0) this.items.splice(index, 1);
    return index >= 0;
  }

  clear(): void {
    this.items.length = 0;
  }

  get size(): number {
    return this.items.length;
  }
}
