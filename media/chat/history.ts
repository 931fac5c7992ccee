export interface ChatListItem {
  readonly id: string;
  readonly title: string;
  readonly updatedAt: number;
}

/**
 * The list of past chats of this workspace, opened from the header's history button; picking one
 * reopens it. The current chat is marked.
 */
export class ChatHistory {
  constructor(
    private readonly toggle: HTMLButtonElement,
    private readonly list: HTMLElement,
    private readonly open: (id: string) => void,
  ) {
    toggle.addEventListener('click', () => this.setOpen(this.list.hidden));
    list.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape') return;
      this.setOpen(false);
      this.toggle.focus();
    });
  }

  show(current: string, items: readonly ChatListItem[]): void {
    const rows = items.map((item) => this.row(item, item.id === current));
    if (rows.length === 0) {
      const empty = document.createElement('li');
      empty.className = 'history-empty';
      empty.textContent = 'No past chats in this workspace yet.';
      rows.push(empty);
    }
    this.list.replaceChildren(...rows);
  }

  private row(item: ChatListItem, current: boolean): HTMLElement {
    const row = document.createElement('li');
    const button = document.createElement('button');
    button.className = 'history-item';
    button.dataset.chatId = item.id;
    if (current) button.setAttribute('aria-current', 'true');
    const title = document.createElement('span');
    title.className = 'history-title';
    title.textContent = item.title;
    const when = document.createElement('span');
    when.className = 'history-when';
    when.textContent = new Date(item.updatedAt).toLocaleString();
    button.append(title, when);
    button.addEventListener('click', () => {
      this.setOpen(false);
      this.open(item.id);
    });
    row.append(button);
    return row;
  }

  private setOpen(open: boolean): void {
    this.list.hidden = !open;
    this.toggle.setAttribute('aria-expanded', String(open));
    if (open) this.list.querySelector('button')?.focus();
  }
}
