import { mkdir, readFile, realpath } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';
import { withFileLock } from './fileLock';
import { ownValue, setOwn } from './keyedRecord';

/** Whether an overlay's current content may apply: approved or written by Airlock, refused, or never seen. */
export type OverlayTrustStatus = 'trusted' | 'rejected' | 'unknown';

/** How a hash became trusted: the user approved it in a dialog, or Airlock wrote it on the user's command. */
export type TrustOrigin = 'approved' | 'written';

/** Enough history that switching branches back and forth does not ask again, bounded all the same. */
const MAX_HASHES_PER_OVERLAY = 20;

const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/);
const trustFileSchema = z.object({
  version: z.literal(1),
  overlays: z.record(z.string(), z.object({
    trusted: z.array(z.object({ sha256: sha256Schema, origin: z.enum(['approved', 'written']), at: z.string() })).default([]),
    rejected: z.array(sha256Schema).default([]),
  })),
});
type TrustFile = z.infer<typeof trustFileSchema>;

const TRUST_FILE_NAME = 'trusted-overlays.json';

/**
 * The key an overlay is known by: the real path of its folder plus its name, so a symlinked
 * checkout or a second path to the same folder finds the same approvals, and a file that does
 * not exist yet (about to be created by the firewall) has a key too.
 */
export async function overlayTrustKey(overlayPath: string): Promise<string> {
  return join(await realpath(dirname(overlayPath)), basename(overlayPath));
}

/**
 * Which overlay contents the user trusts, in a user-level file outside every repository
 * (`<configDir>/trusted-overlays.json`), so a repository cannot ship its own approval. Each entry
 * pins an overlay's real path to SHA-256 hashes of contents the user approved or Airlock wrote:
 * any other content, including a hand edit, is unknown until approved. Writes are atomic and
 * locked; an unreadable file counts as empty (nothing trusted), which fails closed.
 */
export class OverlayTrustStore {
  readonly path: string;

  constructor(readonly configDir: string) {
    this.path = join(configDir, TRUST_FILE_NAME);
  }

  async status(key: string, sha256: string): Promise<OverlayTrustStatus> {
    const entry = ownValue((await this.read()).overlays, key);
    if (entry?.trusted.some((trusted) => trusted.sha256 === sha256)) return 'trusted';
    return entry?.rejected.includes(sha256) ? 'rejected' : 'unknown';
  }

  /** Records that this content may apply. */
  async trust(key: string, sha256: string, origin: TrustOrigin): Promise<void> {
    await this.update(key, (entry) => ({
      trusted: [...entry.trusted.filter((trusted) => trusted.sha256 !== sha256), { sha256, origin, at: new Date().toISOString() }].slice(-MAX_HASHES_PER_OVERLAY),
      rejected: entry.rejected.filter((hash) => hash !== sha256),
    }));
  }

  /** Records that the user refused this content, so it is not asked about again until it changes. */
  async reject(key: string, sha256: string): Promise<void> {
    await this.update(key, (entry) => ({
      trusted: entry.trusted.filter((trusted) => trusted.sha256 !== sha256),
      rejected: [...entry.rejected.filter((hash) => hash !== sha256), sha256].slice(-MAX_HASHES_PER_OVERLAY),
    }));
  }

  private async update(key: string, change: (entry: TrustFile['overlays'][string]) => TrustFile['overlays'][string]): Promise<void> {
    await mkdir(this.configDir, { recursive: true, mode: 0o700 });
    await withFileLock(this.path, async () => {
      const file = await this.read();
      setOwn(file.overlays, key, change(ownValue(file.overlays, key) ?? { trusted: [], rejected: [] }));
      await writeFileAtomic(this.path, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
    });
  }

  private async read(): Promise<TrustFile> {
    try {
      const parsed = trustFileSchema.safeParse(JSON.parse(await readFile(this.path, 'utf8')));
      if (parsed.success) return parsed.data;
    } catch {
      // Missing or unreadable: nothing is trusted.
    }
    return { version: 1, overlays: {} };
  }
}
