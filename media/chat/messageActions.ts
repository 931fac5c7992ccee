import { iconButton } from './iconButton';

/** What a message's own buttons do. */
export interface MessageActionHandlers {
  copy(text: string): void;
  /** Asks the last question again: the new reply takes the last turn's place. */
  retry(prompt: string): void;
  /** Puts the prompt back in the message box; sent, it replaces the last turn. */
  edit(prompt: string): void;
}

/**
 * The user's message: Copy, and Edit for the last prompt only. A new prompt retires the older
 * turn's Edit and Retry: both replace the last turn, so they belong to the last turn alone.
 */
export function addUserActions(message: HTMLElement, prompt: string, handlers: MessageActionHandlers): void {
  for (const old of message.parentElement?.querySelectorAll('.message-actions [data-message-action="edit"], .message-actions [data-message-action="retry"]') ?? []) old.remove();
  const bar = actionBar(message);
  bar.append(
    actionButton('copy', 'copy', 'Copy', 'Copy your message', () => handlers.copy(prompt)),
    actionButton('edit', 'edit', 'Edit', 'Edit and resend this message', () => handlers.edit(prompt)),
  );
}

/**
 * The reply: Copy (its Markdown source) and, on the last reply only, Retry (ask its question
 * again; the new reply replaces it, in the panel and in what the model is sent). Added when it ends.
 */
export function addAssistantActions(message: HTMLElement, reply: () => string, prompt: string, handlers: MessageActionHandlers): void {
  const bar = actionBar(message);
  bar.replaceChildren(
    actionButton('copy', 'copy', 'Copy', 'Copy the reply', () => handlers.copy(reply())),
    actionButton('retry', 'refresh', 'Retry', 'Ask again: a new reply replaces this one', () => handlers.retry(prompt)),
  );
}

function actionBar(message: HTMLElement): HTMLElement {
  const existing = message.querySelector<HTMLElement>(':scope > .message-actions');
  if (existing) return existing;
  const bar = document.createElement('div');
  bar.className = 'message-actions';
  bar.setAttribute('role', 'toolbar');
  bar.setAttribute('aria-label', 'Message actions');
  message.append(bar);
  return bar;
}

function actionButton(action: string, icon: string, text: string, label: string, run: () => void): HTMLButtonElement {
  const button = iconButton('message-action', icon, text, label);
  button.dataset.messageAction = action;
  button.addEventListener('click', run);
  return button;
}
