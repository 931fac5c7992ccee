import { iconButton } from './iconButton';

/** What a message's own buttons do. */
export interface MessageActionHandlers {
  copy(text: string): void;
  /** Sends the prompt again (queued if a reply streams). */
  retry(prompt: string): void;
  /** Puts the prompt back in the message box; sent, it replaces the last turn. */
  edit(prompt: string): void;
}

/**
 * The user's message: Copy, and Edit for the last prompt only (an older one's Edit is removed
 * when a newer prompt is shown).
 */
export function addUserActions(message: HTMLElement, prompt: string, handlers: MessageActionHandlers): void {
  for (const old of message.parentElement?.querySelectorAll('.message-actions [data-message-action="edit"]') ?? []) old.remove();
  const bar = actionBar(message);
  bar.append(
    actionButton('copy', 'copy', 'Copy', 'Copy your message', () => handlers.copy(prompt)),
    actionButton('edit', 'edit', 'Edit', 'Edit and resend this message', () => handlers.edit(prompt)),
  );
}

/** The reply: Copy (its Markdown source) and Retry (the prompt it answered). Added when it ends. */
export function addAssistantActions(message: HTMLElement, reply: () => string, prompt: string, handlers: MessageActionHandlers): void {
  const bar = actionBar(message);
  bar.replaceChildren(
    actionButton('copy', 'copy', 'Copy', 'Copy the reply', () => handlers.copy(reply())),
    actionButton('retry', 'refresh', 'Retry', 'Send the same message again', () => handlers.retry(prompt)),
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
