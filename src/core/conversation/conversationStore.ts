import { mkdir, readdir, readFile, unlink } from 'node:fs/promises';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { CONVERSATION_ID, redactedConversation, savedConversationSchema, type ConversationSummary, type SavedConversation } from './savedConversation';

/** How many past chats a workspace keeps; the oldest beyond it are deleted. */
export const MAX_SAVED_CONVERSATIONS = 50;
// A saved chat larger than this is not read back: bounds what a tampered file can make us parse.
const MAX_FILE_BYTES = 8 * 1024 * 1024;

/**
 * Past chats of one workspace, one JSON file each in a folder under the extension's storage.
 * Written atomically and redacted; a file that does not parse is skipped, never trusted.
 */
export class ConversationStore {
  constructor(private readonly folder: string) {}

  async save(conversation: Omit<SavedConversation, 'version'>): Promise<void> {
    await mkdir(this.folder, { recursive: true, mode: 0o700 });
    const saved = redactedConversation(conversation);
    await writeFileAtomic(this.fileOf(saved.id), `${JSON.stringify(saved)}\n`, { mode: 0o600 });
    await this.prune();
  }

  /** The saved chat with this id, or undefined when there is none or it does not parse. */
  async load(id: string): Promise<SavedConversation | undefined> {
    if (!CONVERSATION_ID.test(id)) return undefined;
    try {
      const text = await readFile(this.fileOf(id), 'utf8');
      if (text.length > MAX_FILE_BYTES) return undefined;
      const parsed = savedConversationSchema.safeParse(JSON.parse(text));
      return parsed.success && parsed.data.id === id ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }

  /** Past chats, the most recent first. */
  async list(): Promise<ConversationSummary[]> {
    const summaries: ConversationSummary[] = [];
    for (const id of await this.ids()) {
      const saved = await this.load(id);
      if (saved) summaries.push({ id: saved.id, title: saved.title, updatedAt: saved.updatedAt });
    }
    return summaries.sort((a, b) => b.updatedAt - a.updatedAt);
  }

  private async prune(): Promise<void> {
    const all = await this.list();
    for (const old of all.slice(MAX_SAVED_CONVERSATIONS)) await unlink(this.fileOf(old.id)).catch(() => undefined);
  }

  private async ids(): Promise<string[]> {
    const names = await readdir(this.folder).catch(() => [] as string[]);
    return names.filter((name) => name.endsWith('.json')).map((name) => name.slice(0, -'.json'.length)).filter((id) => CONVERSATION_ID.test(id));
  }

  private fileOf(id: string): string {
    if (!CONVERSATION_ID.test(id)) throw new Error(`not a conversation id: ${JSON.stringify(id.slice(0, 80))}`);
    return path.join(this.folder, `${id}.json`);
  }
}
