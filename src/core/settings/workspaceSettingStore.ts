import { mkdir, readFile, realpath } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';
import { withFileLock } from '../policy/fileLock';
import type { WorkspaceValueDecision } from './settingResolution';

/** Enough history that switching branches back and forth does not ask again, bounded all the same. */
const MAX_VALUES_PER_SETTING = 20;
/** A settings value longer than this is not a URL or a name anyone would approve; it is not stored. */
const MAX_VALUE_CHARS = 2048;

const STORE_FILE_NAME = 'workspace-settings.json';

const valueSchema = z.string().max(MAX_VALUE_CHARS);
const entrySchema = z.object({
  approved: z.array(z.object({ value: valueSchema, at: z.string() })).default([]),
  rejected: z.array(valueSchema).default([]),
  chosen: z.object({ value: valueSchema, at: z.string() }).optional(),
});
type Entry = z.infer<typeof entrySchema>;
const storeFileSchema = z.object({
  version: z.literal(1),
  workspaces: z.record(z.string(), z.record(z.string(), entrySchema)),
});

/** Entries by workspace key, then by setting key: Maps, since both keys come from outside. */
type Entries = Map<string, Map<string, Entry>>;

/**
 * The key a workspace is known by: its folder's real path, so a symlinked checkout finds the same
 * decisions. A folder that cannot be resolved keys by its absolute path.
 */
export async function workspaceSettingsKey(folder: string): Promise<string> {
  return realpath(folder).catch(() => resolve(folder));
}

/** What the store held when it was read: answers the resolution's questions without touching disk. */
export class WorkspaceSettingSnapshot {
  constructor(private readonly entries: Entries) {}

  decision(workspace: string, setting: string, value: string): WorkspaceValueDecision {
    const entry = this.entries.get(workspace)?.get(setting);
    if (entry?.approved.some((approved) => approved.value === value)) return 'approved';
    return entry?.rejected.includes(value) ? 'rejected' : 'unknown';
  }

  chosen(workspace: string, setting: string): string | undefined {
    return this.entries.get(workspace)?.get(setting)?.chosen?.value;
  }

  static empty(): WorkspaceSettingSnapshot {
    return new WorkspaceSettingSnapshot(new Map());
  }
}

/**
 * The user's decisions about settings a workspace asks for, and their own per-workspace choices,
 * in a user-level file outside every repository (`<configDir>/workspace-settings.json`) so a
 * repository cannot ship its own approval. Each approval pins one exact value: a changed value
 * is unknown until approved. Writes are atomic and locked; an unreadable file counts as empty
 * (nothing approved), which fails closed.
 */
export class WorkspaceSettingStore {
  readonly path: string;

  constructor(readonly configDir: string) {
    this.path = join(configDir, STORE_FILE_NAME);
  }

  async read(): Promise<WorkspaceSettingSnapshot> {
    return new WorkspaceSettingSnapshot(await this.readEntries());
  }

  /** Records that this workspace may use this value for this setting. */
  async approve(workspace: string, setting: string, value: string): Promise<void> {
    await this.update(workspace, setting, (entry) => ({
      ...entry,
      approved: [...entry.approved.filter((approved) => approved.value !== value), { value: checked(value), at: new Date().toISOString() }].slice(-MAX_VALUES_PER_SETTING),
      rejected: entry.rejected.filter((rejected) => rejected !== value),
    }));
  }

  /** Records that the user kept their own value, so this one is not offered again until it changes. */
  async reject(workspace: string, setting: string, value: string): Promise<void> {
    await this.update(workspace, setting, (entry) => ({
      ...entry,
      approved: entry.approved.filter((approved) => approved.value !== value),
      rejected: [...entry.rejected.filter((rejected) => rejected !== value), checked(value)].slice(-MAX_VALUES_PER_SETTING),
    }));
  }

  /** The user's own choice for this workspace (undefined: back to their user setting). */
  async choose(workspace: string, setting: string, value: string | undefined): Promise<void> {
    await this.update(workspace, setting, ({ chosen: _previous, ...entry }) => (value === undefined ? entry : { ...entry, chosen: { value: checked(value), at: new Date().toISOString() } }));
  }

  private async update(workspace: string, setting: string, change: (entry: Entry) => Entry): Promise<void> {
    await mkdir(this.configDir, { recursive: true, mode: 0o700 });
    await withFileLock(this.path, async () => {
      const entries = await this.readEntries();
      const settings = entries.get(workspace) ?? new Map<string, Entry>();
      settings.set(setting, change(settings.get(setting) ?? { approved: [], rejected: [] }));
      entries.set(workspace, settings);
      await writeFileAtomic(this.path, `${JSON.stringify(toFile(entries), null, 2)}\n`, { mode: 0o600 });
    });
  }

  private async readEntries(): Promise<Entries> {
    try {
      const parsed = storeFileSchema.safeParse(JSON.parse(await readFile(this.path, 'utf8')));
      if (parsed.success) return toEntries(parsed.data.workspaces);
    } catch {
      // Missing or unreadable: nothing is approved.
    }
    return new Map();
  }
}

function checked(value: string): string {
  if (value.length > MAX_VALUE_CHARS) throw new RangeError(`a settings value longer than ${MAX_VALUE_CHARS} characters is not stored`);
  return value;
}

function toEntries(workspaces: Record<string, Record<string, Entry>>): Entries {
  return new Map(Object.entries(workspaces).map(([workspace, settings]) => [workspace, new Map(Object.entries(settings))]));
}

function toFile(entries: Entries): z.infer<typeof storeFileSchema> {
  return { version: 1, workspaces: Object.fromEntries([...entries].map(([workspace, settings]) => [workspace, Object.fromEntries(settings)])) };
}
