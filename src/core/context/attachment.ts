/**
 * Something the user attached to the next message, shown as a chip until it is sent or removed.
 * Paths are as the user named them; the file guard decides on them when the message is sent.
 */
export type Attachment =
  | { readonly id: string; readonly kind: 'file'; readonly path: string }
  | { readonly id: string; readonly kind: 'folder'; readonly path: string }
  /** Selected text of an open editor (the buffer the user sees, which may be unsaved). */
  | { readonly id: string; readonly kind: 'selection'; readonly path: string; readonly startLine: number; readonly endLine: number; readonly text: string };

/** What a chip says. */
export function attachmentLabel(attachment: Attachment, shown: string): string {
  switch (attachment.kind) {
    case 'folder':
      return `${shown.replace(/\/$/, '')}/`;
    case 'selection':
      return `${shown}:${attachment.startLine}-${attachment.endLine}`;
    case 'file':
      return shown;
  }
}
