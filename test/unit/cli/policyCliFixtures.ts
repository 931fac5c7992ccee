import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OverlayTrustStore, overlayTrustKey } from '../../../src/core/policy/overlayTrust';
import { sha256Of } from '../../../src/core/policy/policyFile';
import { runCli, type CliRun } from './cliHarness';

/**
 * A temporary workspace and config folder for the policy commands. Every run gets
 * AIRLOCK_CONFIG_DIR, so no test ever reads or writes the real ~/.config/airlock.
 */
export class PolicyWorkspace {
  readonly root = realpathSync(mkdtempSync(join(tmpdir(), 'airlock-cli-')));
  readonly folder = join(this.root, 'repo');
  readonly configDir = join(this.root, 'config');
  readonly overlay = join(this.folder, '.airlock', 'policy', 'default.yaml');

  constructor() {
    mkdirSync(this.folder);
  }

  get env(): Record<string, string> {
    return { AIRLOCK_CONFIG_DIR: this.configDir };
  }

  /** `airlock …` in this workspace (`--workspace` appended unless the test gives one). */
  run(argv: readonly string[], options: { stdin?: string; env?: Record<string, string> } = {}): Promise<CliRun> {
    const workspace = argv.includes('--workspace') ? [] : ['--workspace', this.folder];
    return runCli([...argv, ...workspace], { env: { ...this.env, ...options.env }, ...(options.stdin === undefined ? {} : { stdin: options.stdin }) });
  }

  /** An overlay as a repository would ship it: on disk, never approved. */
  writeRepositoryOverlay(text: string): void {
    mkdirSync(join(this.folder, '.airlock', 'policy'), { recursive: true });
    writeFileSync(this.overlay, text);
  }

  /** An overlay the user already trusts (approved or written by Airlock). */
  async writeTrustedOverlay(text: string): Promise<void> {
    this.writeRepositoryOverlay(text);
    await new OverlayTrustStore(this.configDir).trust(await overlayTrustKey(this.overlay), sha256Of(text), 'approved');
  }

  file(relative: string, text: string): string {
    const path = join(this.folder, relative);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, text);
    return path;
  }

  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}
