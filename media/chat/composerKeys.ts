/** What a key press in the message box does. Pure: tested on Node. */
export type ComposerAction = 'send' | 'stop' | 'newline' | 'none';

export interface KeyPress {
  readonly key: string;
  readonly shiftKey: boolean;
  readonly ctrlKey?: boolean;
  readonly metaKey?: boolean;
  readonly altKey?: boolean;
  /** True while an input method composes a character: its Enter confirms the character. */
  readonly isComposing: boolean;
}

/**
 * Enter sends (queued while a reply streams), Shift+Enter adds a line, Escape stops a streaming
 * reply. Escape with nothing streaming is left to VS Code (it moves focus out of the view).
 */
export function composerAction(press: KeyPress, streaming: boolean): ComposerAction {
  if (press.isComposing) return 'none';
  if (press.key === 'Escape') return streaming ? 'stop' : 'none';
  if (press.key !== 'Enter') return 'none';
  if (press.shiftKey) return 'newline';
  if (press.ctrlKey || press.metaKey || press.altKey) return 'none';
  return 'send';
}
