import { loadChunk, type ChatChunks } from './chunkLoader';
import { iconButton } from './iconButton';

/** What a code block's buttons ask of the extension. */
export interface CodeBlockActions {
  copy(text: string): void;
  /** `file`: the block's own target, if its fence named one; else the active editor's file. */
  apply(code: string, mode: 'insert' | 'file', file: string | undefined): void;
}

let highlighter: ChatChunks['highlight'] | undefined;

/**
 * Gives every rendered `pre > code` in `root` a toolbar (language label, Copy, Insert, Apply)
 * and syntax highlighting. The highlighter is a chunk loaded with the first code block.
 */
export function decorateCodeBlocks(root: HTMLElement): void {
  const blocks = [...root.querySelectorAll('pre > code')].filter((code): code is HTMLElement => code instanceof HTMLElement);
  for (const code of blocks) wrap(code);
  if (blocks.length === 0) return;
  if (highlighter) {
    for (const code of blocks) highlight(code, highlighter);
    return;
  }
  loadChunk('highlight').then(
    (api) => {
      highlighter = api;
      for (const code of blocks) if (code.isConnected) highlight(code, api);
    },
    // Without the highlighter the code stays plain text.
    () => undefined,
  );
}

/** Handles a click on a code block's button; true when it was one. */
export function handleCodeBlockClick(target: EventTarget | null, actions: CodeBlockActions): boolean {
  const button = target instanceof Element ? target.closest<HTMLButtonElement>('.code-block button[data-code-action]') : null;
  const code = button?.closest('.code-block')?.querySelector('pre > code');
  if (!button || !code) return false;
  const text = code.textContent ?? '';
  const file = code.getAttribute('data-file') ?? undefined;
  const action = button.dataset.codeAction;
  if (action === 'copy') {
    actions.copy(text);
    flash(button, 'Copied');
  } else if (action === 'insert') actions.apply(text, 'insert', undefined);
  else if (action === 'apply') actions.apply(text, 'file', file);
  return true;
}

function wrap(code: HTMLElement): void {
  const pre = code.parentElement;
  if (!pre || pre.parentElement?.classList.contains('code-block')) return;
  const block = document.createElement('div');
  block.className = 'code-block';
  const label = code.dataset.label ?? '';
  const file = code.dataset.file;
  const header = document.createElement('div');
  header.className = 'code-header';
  const language = document.createElement('span');
  language.className = 'code-language';
  language.textContent = label === '' ? 'Text' : label;
  const actions = document.createElement('div');
  actions.className = 'code-actions';
  actions.append(
    button('copy', 'copy', 'Copy', 'Copy the code'),
    button('insert', 'insert', 'Insert', 'Insert the code at the cursor in the active editor (asks first, with a diff)'),
    button('apply', 'check', 'Apply', file ? `Write the code to ${file} (asks first, with a diff)` : 'Replace the active editor\u2019s file with the code (asks first, with a diff)'),
  );
  header.append(language);
  if (file) {
    const name = document.createElement('span');
    name.className = 'code-file';
    name.textContent = file;
    header.append(name);
  }
  header.append(actions);
  pre.tabIndex = 0;
  pre.setAttribute('aria-label', `${language.textContent} code${file ? ` for ${file}` : ''}`);
  pre.replaceWith(block);
  block.append(header, pre);
}

function button(action: string, icon: string, text: string, title: string): HTMLButtonElement {
  const element = iconButton('code-button', icon, text, title);
  element.dataset.codeAction = action;
  return element;
}

function highlight(code: HTMLElement, api: ChatChunks['highlight']): void {
  const language = /(?:^|\s)language-([\w#+-]+)/.exec(code.className)?.[1] ?? '';
  const html = api.highlightCode(code.textContent ?? '', language);
  if (html === undefined) return;
  code.innerHTML = html;
  code.classList.add('hljs');
}

/** Says on the button that it worked, then puts its label back. */
function flash(button: HTMLButtonElement, text: string): void {
  const label = button.lastElementChild;
  if (!label || button.dataset.flashing) return;
  const before = label.textContent;
  button.dataset.flashing = 'true';
  label.textContent = text;
  setTimeout(() => {
    label.textContent = before;
    delete button.dataset.flashing;
  }, 1500);
}
