/** What a key press in the message box does. Pure: tested on Node. */
export type ComposerAction = 'send' | 'stop' | 'cancel-edit' | 'newline' | 'none';

export interface KeyPress {
  readonly key: string;
  readonly shiftKey: boolean;
  readonly ctrlKey?: boolean;
  readonly metaKey?: boolean;
  readonly altKey?: boolean;
  /** True while an input method composes a character: its Enter confirms the character. */
  readonly isComposing: boolean;
}

/** What the panel is doing when the key is pressed. */
export interface ComposerState {
  readonly streaming: boolean;
  /** The box holds the last question being edited (Edit and resend). */
  readonly editing: boolean;
}

/**
 * Enter sends (queued while a reply streams), Shift+Enter adds a line, Escape stops a streaming
 * reply, else cancels an edit. Escape with neither is left to VS Code (it moves focus out of the view).
 */
export function composerAction(press: KeyPress, state: ComposerState): ComposerAction {
  if (press.isComposing) return 'none';
  if (press.key === 'Escape') return state.streaming ? 'stop' : state.editing ? 'cancel-edit' : 'none';
  if (press.key !== 'Enter') return 'none';
  if (press.shiftKey) return 'newline';
  if (press.ctrlKey || press.metaKey || press.altKey) return 'none';
  return 'send';
}
