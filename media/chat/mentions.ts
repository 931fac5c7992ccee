/** One entry the `@` completion offers. */
export interface MentionItem {
  readonly label: string;
  readonly path: string;
  readonly kind: 'file' | 'folder';
}

// An `@` at the start or after a space, then the path typed so far, up to the caret.
const MENTION_AT_CARET = /(?:^|\s)@([^\s@]{0,200})$/;

/**
 * The `@` completion under the prompt: asks the extension for files and folders matching what
 * follows the `@` (only what the file guard allows comes back), shows them as a listbox driven by
 * the arrow keys, Enter or Tab to pick, Escape to close; a pick becomes a chip and the `@…` text
 * leaves the prompt.
 */
export class MentionPopup {
  private items: readonly MentionItem[] = [];
  private active = 0;
  private query: string | undefined;

  constructor(
    private readonly prompt: HTMLTextAreaElement,
    private readonly list: HTMLElement,
    private readonly ask: (query: string) => void,
    private readonly pick: (item: MentionItem) => void,
  ) {
    prompt.setAttribute('aria-autocomplete', 'list');
    prompt.setAttribute('aria-controls', list.id);
    prompt.addEventListener('input', () => this.onInput());
    // Captured on the document, before the composer's own Enter handler sees the key.
    document.addEventListener('keydown', (event) => this.onKey(event), { capture: true });
    prompt.addEventListener('blur', () => setTimeout(() => this.close(), 150));
  }

  /** Results for a query; stale answers (the user typed on) are dropped. */
  show(query: string, items: readonly MentionItem[]): void {
    if (query !== this.query) return;
    this.items = items;
    this.active = 0;
    this.render();
  }

  private onInput(): void {
    const before = this.prompt.value.slice(0, this.prompt.selectionStart);
    const match = MENTION_AT_CARET.exec(before);
    if (!match) return this.close();
    this.query = match[1] ?? '';
    this.ask(this.query);
  }

  private onKey(event: KeyboardEvent): void {
    if (event.target !== this.prompt || this.list.hidden || this.items.length === 0) return;
    const moves = new Map<string, () => void>([
      ['ArrowDown', () => this.move(1)],
      ['ArrowUp', () => this.move(-1)],
      ['Enter', () => this.choose(this.active)],
      ['Tab', () => this.choose(this.active)],
      ['Escape', () => this.close()],
    ]);
    const move = moves.get(event.key);
    if (!move || event.shiftKey) return;
    event.preventDefault();
    event.stopPropagation();
    move();
  }

  private move(step: number): void {
    this.active = (this.active + step + this.items.length) % this.items.length;
    this.render();
  }

  private choose(index: number): void {
    const item = this.items[index];
    if (!item) return;
    const caret = this.prompt.selectionStart;
    const before = this.prompt.value.slice(0, caret).replace(/@[^\s@]*$/, '');
    this.prompt.value = `${before}${this.prompt.value.slice(caret)}`;
    this.prompt.selectionStart = this.prompt.selectionEnd = before.length;
    this.close();
    this.pick(item);
    this.prompt.focus();
  }

  private close(): void {
    this.query = undefined;
    this.items = [];
    this.list.hidden = true;
    this.prompt.removeAttribute('aria-activedescendant');
    this.prompt.setAttribute('aria-expanded', 'false');
  }

  private render(): void {
    this.list.replaceChildren(...this.items.map((item, index) => this.option(item, index)));
    this.list.hidden = this.items.length === 0;
    this.prompt.setAttribute('aria-expanded', String(!this.list.hidden));
    if (!this.list.hidden) this.prompt.setAttribute('aria-activedescendant', `mention-${this.active}`);
  }

  private option(item: MentionItem, index: number): HTMLElement {
    const option = document.createElement('li');
    option.id = `mention-${index}`;
    option.className = 'mention';
    option.setAttribute('role', 'option');
    option.setAttribute('aria-selected', String(index === this.active));
    option.dataset.path = item.label;
    const icon = document.createElement('span');
    icon.className = `codicon codicon-${item.kind === 'folder' ? 'folder' : 'file'}`;
    icon.setAttribute('aria-hidden', 'true');
    const label = document.createElement('span');
    label.textContent = item.label;
    option.append(icon, label);
    // mousedown, not click: the prompt's blur would close the list before a click lands.
    option.addEventListener('mousedown', (event) => {
      event.preventDefault();
      this.choose(index);
    });
    return option;
  }
}
