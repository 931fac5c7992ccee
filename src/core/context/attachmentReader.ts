import path from 'node:path';
import { sliceLines, MAX_READ_CHARS } from '../agent/tools/fsReadTool';
import { displayPath, type WorkspaceRoots } from '../agent/tools/workspaceRoots';
import type { ContentGuardThresholds } from '../content/contentTypes';
import { loadContentGuard } from '../content/contentGuardLoader';
import type { WrapOptions, WrappedContent } from '../content/spotlight';
import { NOT_DESCENDED } from '../files/generatedFolders';
import { readGuardedText } from '../files/guardedText';
import type { FileGuard } from '../guard/fileGuard';
import { readGuardedDirectory } from '../guard/guardedOpen';
import { attachmentLabel, type Attachment } from './attachment';

// Bounds what one message's attachments can put in front of the model.
const MAX_FOLDER_FILES = 40;
const MAX_FOLDER_DEPTH = 4;
const MAX_ATTACHED_CHARS = 200_000;

export interface AttachmentContext {
  readonly guard: FileGuard;
  readonly roots: WorkspaceRoots;
  readonly thresholds?: ContentGuardThresholds;
}

/** The attachments as the model gets them, and what the panel must say about what was left out. */
export interface ReadAttachments {
  /** Each attached file's text, through the content guard as `file` data. */
  readonly blocks: readonly string[];
  /** Paths the file guard denied (a `.env` inside an attached folder), shown to the user only. */
  readonly leftOut: readonly string[];
  /** Other problems: a binary file, a cap reached, content the guard withheld. */
  readonly notes: readonly string[];
}

interface Collected {
  blocks: string[];
  leftOut: string[];
  notes: string[];
  chars: number;
  readonly wrap: (text: string, options: WrapOptions) => WrappedContent;
}

/**
 * Reads what the user attached, every file through the file guard (guardedOpen: what is read is
 * what was judged) and every text through the content guard. A denied file is left out and
 * named in `leftOut`; it never reaches the model, not even by name.
 */
export async function readAttachments(attachments: readonly Attachment[], context: AttachmentContext): Promise<ReadAttachments> {
  const { wrapUntrusted } = await loadContentGuard();
  const collected: Collected = { blocks: [], leftOut: [], notes: [], chars: 0, wrap: wrapUntrusted };
  for (const attachment of attachments) {
    if (attachment.kind === 'folder') await readFolder(attachment.path, 1, context, collected);
    else if (attachment.kind === 'file') await readFile(attachment.path, context, collected);
    else await readSelection(attachment, context, collected);
  }
  return { blocks: collected.blocks, leftOut: collected.leftOut, notes: collected.notes };
}

async function readFile(given: string, context: AttachmentContext, collected: Collected): Promise<void> {
  const shown = displayPath(context.roots, given);
  const read = await readGuardedText(context.guard, given);
  if (read.kind === 'denied') {
    collected.leftOut.push(shown);
    return;
  }
  if (read.kind === 'binary') {
    collected.notes.push(`${shown} is a binary file and was not attached.`);
    return;
  }
  add(shown, sliceLines(shown, read.text, {}).content, context, collected);
}

async function readSelection(attachment: Extract<Attachment, { kind: 'selection' }>, context: AttachmentContext, collected: Collected): Promise<void> {
  const shown = displayPath(context.roots, attachment.path);
  // The text comes from the editor, but the file it is in must be one the agent may read.
  const decision = await context.guard.decide(attachment.path, 'read');
  if (decision.decision === 'deny') {
    collected.leftOut.push(attachmentLabel(attachment, shown));
    return;
  }
  const text = attachment.text.length > MAX_READ_CHARS ? `${attachment.text.slice(0, MAX_READ_CHARS)}\n(cut at ${MAX_READ_CHARS} characters)` : attachment.text;
  add(attachmentLabel(attachment, shown), `${shown}, lines ${attachment.startLine}–${attachment.endLine} (selected by the user):\n${text}`, context, collected);
}

async function readFolder(given: string, level: number, context: AttachmentContext, collected: Collected): Promise<void> {
  const listed = await readGuardedDirectory(context.guard, given);
  if (!listed.ok) {
    collected.leftOut.push(`${displayPath(context.roots, given)}/`);
    return;
  }
  const folder = listed.value.decision.path ?? given;
  const entries = [...listed.value.entries].sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    if (collected.blocks.length >= MAX_FOLDER_FILES) {
      collected.notes.push(`Only the first ${MAX_FOLDER_FILES} files were attached.`);
      return;
    }
    const child = path.join(folder, entry.name);
    if (entry.isFile()) await readFile(child, context, collected);
    else if (entry.isDirectory() && level < MAX_FOLDER_DEPTH && !NOT_DESCENDED.has(entry.name)) await readFolder(child, level + 1, context, collected);
  }
}

function add(label: string, text: string, context: AttachmentContext, collected: Collected): void {
  if (collected.chars + text.length > MAX_ATTACHED_CHARS) {
    collected.notes.push(`${label} was not attached: the attachments passed ${MAX_ATTACHED_CHARS} characters.`);
    return;
  }
  const wrapped = collected.wrap(text, { source: label, kind: 'file', ...(context.thresholds ? { thresholds: context.thresholds } : {}) });
  if (wrapped.withheld) collected.notes.push(`${label} was withheld by the content guard.`);
  collected.blocks.push(wrapped.text);
  collected.chars += wrapped.text.length;
}

/** The user's message as the model gets it: the attached files first, then what the user wrote. */
export function messageWithAttachments(userText: string, read: ReadAttachments): string {
  if (read.blocks.length === 0) return userText;
  return `The user attached these files as context:\n\n${read.blocks.join('\n\n')}\n\n${userText}`;
}
