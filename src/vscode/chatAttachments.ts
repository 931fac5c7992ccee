import * as vscode from 'vscode';
import { displayPath, type WorkspaceRoots } from '../core/agent/tools/workspaceRoots';
import type { ContentGuardThresholds } from '../core/content/contentTypes';
import { attachmentLabel, type Attachment } from '../core/context/attachment';
import { readAttachments, type ReadAttachments } from '../core/context/attachmentReader';
import { findMentionCandidates, type MentionCandidate } from '../core/context/mentionCandidates';
import type { FileGuard } from '../core/guard/fileGuard';
import type { AttachmentChip } from '../core/protocol/chatProtocol';

/** The file guard and the content guard's thresholds in force, asked each time they are used. */
export interface AttachmentGuards {
  readonly guard: () => FileGuard;
  readonly roots: WorkspaceRoots;
  readonly thresholds: () => ContentGuardThresholds | undefined;
}

/** What a sent message takes along: the chips' names and the files as the model gets them. */
export interface TakenAttachments {
  readonly names: string[];
  readonly read: ReadAttachments;
}

// The chip that offers the active editor (not attached until the user clicks it).
const EDITOR_CHIP = 'editor';
const MAX_PENDING = 20;

/**
 * What the user attaches to the next message: files and folders picked with `@`, selections
 * ("Airlock: Add Selection to Chat"), the active editor on request. Shown as chips, removable
 * until sent; read through the file guard and the content guard only when the message is sent.
 */
export class ChatAttachments implements vscode.Disposable {
  private readonly pending = new Map<string, Attachment>();
  private nextId = 1;
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [this.changed];
  readonly onDidChange = this.changed.event;

  constructor(private readonly guards: AttachmentGuards) {
    this.disposables.push(vscode.window.onDidChangeActiveTextEditor(() => this.changed.fire()));
  }

  chips(): AttachmentChip[] {
    const chips: AttachmentChip[] = [...this.pending.entries()].map(([id, attachment]) => ({ id, label: attachmentLabel(attachment, displayPath(this.guards.roots, attachment.path)), kind: attachment.kind }));
    const editor = this.activeFile();
    const attached = [...this.pending.values()].some((attachment) => attachment.kind === 'file' && attachment.path === editor);
    if (editor !== undefined && !attached) chips.push({ id: EDITOR_CHIP, label: displayPath(this.guards.roots, editor), kind: 'editor' });
    return chips;
  }

  add(kind: 'file' | 'folder', path: string): void {
    this.put({ id: '', kind, path });
  }

  /** The active editor's file, attached whole (as saved on disk: the guard reads files, not buffers). */
  addActiveEditor(): void {
    const file = this.activeFile();
    if (file !== undefined) this.add('file', file);
  }

  /** Adds the editor's selection; false when nothing is selected or the document is not a file. */
  addSelection(editor: vscode.TextEditor): boolean {
    const { selection, document } = editor;
    if (selection.isEmpty || document.uri.scheme !== 'file') return false;
    this.put({ id: '', kind: 'selection', path: document.uri.fsPath, startLine: selection.start.line + 1, endLine: selection.end.line + 1, text: document.getText(selection) });
    return true;
  }

  remove(id: string): void {
    if (this.pending.delete(id)) this.changed.fire();
  }

  mentions(query: string): Promise<MentionCandidate[]> {
    return findMentionCandidates(this.guards.guard(), this.guards.roots, query);
  }

  /** Empties the chips and reads what they named, each file through the guards. */
  async take(): Promise<TakenAttachments> {
    const attachments = [...this.pending.values()];
    const names = this.chips().filter((chip) => chip.kind !== 'editor').map((chip) => chip.label);
    this.pending.clear();
    this.changed.fire();
    const thresholds = this.guards.thresholds();
    const read = await readAttachments(attachments, { guard: this.guards.guard(), roots: this.guards.roots, ...(thresholds ? { thresholds } : {}) });
    return { names, read };
  }

  private put(attachment: Attachment): void {
    if (this.pending.size >= MAX_PENDING) return;
    const id = `a${this.nextId++}`;
    this.pending.set(id, { ...attachment, id });
    this.changed.fire();
  }

  private activeFile(): string | undefined {
    const uri = vscode.window.activeTextEditor?.document.uri;
    return uri?.scheme === 'file' ? uri.fsPath : undefined;
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}
