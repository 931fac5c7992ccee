import assert from 'node:assert/strict';
import { composerAction, type ComposerAction, type KeyPress } from '../../../../media/chat/composerKeys';

describe('media/chat/composerKeys: what a key in the message box does', () => {
  const key = (press: Partial<KeyPress> & { key: string }): KeyPress => ({ shiftKey: false, isComposing: false, ...press });
  const rows: { name: string; press: KeyPress; streaming: boolean; editing?: boolean; action: ComposerAction }[] = [
    { name: 'Enter sends', press: key({ key: 'Enter' }), streaming: false, action: 'send' },
    { name: 'Enter sends an edited last question too (the composer sends it in its place)', press: key({ key: 'Enter' }), streaming: false, editing: true, action: 'send' },
    { name: 'Escape cancels an edit', press: key({ key: 'Escape' }), streaming: false, editing: true, action: 'cancel-edit' },
    { name: 'Escape while a reply streams stops it, even during an edit', press: key({ key: 'Escape' }), streaming: true, editing: true, action: 'stop' },
    { name: 'Enter while a reply streams still sends (the composer queues it)', press: key({ key: 'Enter' }), streaming: true, action: 'send' },
    { name: 'Shift+Enter adds a line', press: key({ key: 'Enter', shiftKey: true }), streaming: false, action: 'newline' },
    { name: 'Enter that confirms an IME character does not send half a word', press: key({ key: 'Enter', isComposing: true }), streaming: false, action: 'none' },
    { name: 'Ctrl+Enter is left alone', press: key({ key: 'Enter', ctrlKey: true }), streaming: false, action: 'none' },
    { name: 'Escape stops a streaming reply', press: key({ key: 'Escape' }), streaming: true, action: 'stop' },
    { name: 'Escape with nothing streaming is left to VS Code', press: key({ key: 'Escape' }), streaming: false, action: 'none' },
    { name: 'Escape while composing cancels the composition only', press: key({ key: 'Escape', isComposing: true }), streaming: true, action: 'none' },
    { name: 'other keys type', press: key({ key: 'a' }), streaming: true, action: 'none' },
  ];
  for (const row of rows) it(row.name, () => assert.equal(composerAction(row.press, { streaming: row.streaming, editing: row.editing ?? false }), row.action));
});
