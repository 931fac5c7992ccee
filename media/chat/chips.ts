import type { AttachmentChip } from '../../src/core/protocol/chatProtocol';
import { codicon } from './iconButton';

const ICONS: Record<AttachmentChip['kind'], string> = { file: 'file', folder: 'folder', selection: 'selection', editor: 'add' };

export interface ChipActions {
  remove(id: string): void;
  attachEditor(): void;
}

/**
 * The chips above the prompt: what the next message takes along, each with a remove button, and
 * the active editor offered as a chip that attaches it when clicked.
 */
export function showChips(container: HTMLElement, chips: readonly AttachmentChip[], actions: ChipActions): void {
  container.replaceChildren(...chips.map((chip) => (chip.kind === 'editor' ? editorChip(chip, actions) : attachedChip(chip, actions))));
  container.hidden = chips.length === 0;
}

function attachedChip(chip: AttachmentChip, actions: ChipActions): HTMLElement {
  const element = document.createElement('span');
  element.className = 'chip';
  element.setAttribute('role', 'listitem');
  element.dataset.kind = chip.kind;
  element.append(codicon(ICONS[chip.kind]), text(chip.label));
  const remove = document.createElement('button');
  remove.className = 'chip-remove';
  remove.title = `Remove ${chip.label}`;
  remove.setAttribute('aria-label', `Remove ${chip.label}`);
  remove.append(codicon('close'));
  remove.addEventListener('click', () => actions.remove(chip.id));
  element.append(remove);
  return element;
}

function editorChip(chip: AttachmentChip, actions: ChipActions): HTMLElement {
  const element = document.createElement('button');
  element.className = 'chip chip-suggested';
  element.dataset.kind = 'editor';
  element.title = `Attach the active editor: ${chip.label}`;
  element.setAttribute('aria-label', `Attach the active editor: ${chip.label}`);
  element.setAttribute('role', 'listitem');
  element.append(codicon(ICONS.editor), text(chip.label));
  element.addEventListener('click', () => actions.attachEditor());
  return element;
}

/** The names a sent message took along, shown under the question. */
export function attachedNames(names: readonly string[]): HTMLElement {
  const element = document.createElement('div');
  element.className = 'message-attachments';
  element.setAttribute('aria-label', 'Attached context');
  for (const name of names) {
    const chip = document.createElement('span');
    chip.className = 'chip';
    chip.append(codicon(name.endsWith('/') ? 'folder' : 'file'), text(name));
    element.append(chip);
  }
  return element;
}

function text(value: string): HTMLElement {
  const element = document.createElement('span');
  element.className = 'chip-label';
  element.textContent = value;
  return element;
}
