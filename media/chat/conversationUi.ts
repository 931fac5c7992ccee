import type { HostMessage, WebviewMessage } from '../../src/core/protocol/chatProtocol';
import { attachedNames, showChips } from './chips';
import { clearContextUse, showContextUse } from './contextMeter';
import { ChatHistory } from './history';
import { MentionPopup } from './mentions';
import { ModelPicker } from './modelPicker';

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`chat page is missing #${id}`);
  return found as T;
}

/**
 * The conversation's parts of the panel: attachment chips and the `@` completion, past chats, the
 * model picker and the context meter. Started after the page's own message listener, so a turn's
 * messages are on the page before this decorates them.
 */
export function startConversationUi(post: (message: WebviewMessage) => void): void {
  const messages = element('messages');
  const chips = element('chips');
  const meter = element('context-meter');
  const mentions = new MentionPopup(element<HTMLTextAreaElement>('prompt'), element('mentions'), (query) => post({ type: 'mention', query }), (item) => post({ type: 'attach', kind: item.kind, path: item.path }));
  const history = new ChatHistory(element<HTMLButtonElement>('history-toggle'), element('history'), (id) => post({ type: 'openChat', id }));
  const models = new ModelPicker(element<HTMLSelectElement>('model-picker'), (name) => post({ type: 'pickModel', name }));
  const chipActions = { remove: (id: string) => post({ type: 'detach', id }), attachEditor: () => post({ type: 'attachEditor' }) };

  window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
    const message = event.data;
    switch (message.type) {
      case 'attachments':
        return showChips(chips, message.chips, chipActions);
      case 'mentions':
        return mentions.show(message.query, message.items);
      case 'chats':
        return history.show(message.current, message.items);
      case 'models':
        return models.show(message.current, message.names);
      case 'context':
        return showContextUse(meter, message.used, message.limit, message.trimmed);
      case 'reset':
        return clearContextUse(meter);
      case 'turnStart':
        if (message.attachments?.length) lastUserMessage(messages)?.append(attachedNames(message.attachments));
        return;
      case 'turnNote':
        return addNote(messages, message.kind, message.text);
      default:
        return;
    }
  });
}

function lastUserMessage(messages: HTMLElement): HTMLElement | undefined {
  return [...messages.querySelectorAll<HTMLElement>('.message[data-role="user"]')].at(-1);
}

/** Notes belong to the turn that is running: the last question on the page. */
function addNote(messages: HTMLElement, kind: 'info' | 'warning', text: string): void {
  const note = document.createElement('div');
  note.className = 'turn-note';
  note.dataset.kind = kind;
  note.setAttribute('role', kind === 'warning' ? 'alert' : 'status');
  const icon = document.createElement('span');
  icon.className = `codicon codicon-${kind === 'warning' ? 'shield' : 'info'}`;
  icon.setAttribute('aria-hidden', 'true');
  const body = document.createElement('span');
  body.textContent = text;
  note.append(icon, body);
  lastUserMessage(messages)?.append(note);
}
