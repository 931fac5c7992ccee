import type * as vscode from 'vscode';
import { parseAuditKey, serialiseAuditKey, type AuditKey } from '../core/audit/auditKey';
import { auditKeyPath, auditLogId } from '../core/audit/auditKeyFile';
import type { AuditLog } from '../core/audit/auditLog';
import type { AuditVerifyKeys } from '../core/audit/auditVerify';

/**
 * The extension's copy of the earliest sealing key it saw for this workspace's log, kept in
 * SecretStorage (the OS keychain on desktop), never in the workspace.
 *
 * The key file in the user's config folder is the one source of the key: the CLI must append
 * and verify without VS Code, and the key evolves (and the old one is overwritten) under the
 * log's lock by whichever process writes the checkpoint, which only a file both can replace
 * allows. The file therefore only ever holds today's key. This copy is what forward security
 * needs: from it every later epoch's key is derived again, so Show Audit Log can check the seal
 * of every entry since, and a thief of today's key file cannot rewrite those epochs unnoticed.
 * It is as powerful as the key itself (docs/audit.md): whoever reads SecretStorage can forge.
 */
export class AuditAnchor {
  readonly keyFile: string;
  private readonly secretName: string;

  constructor(private readonly secrets: vscode.SecretStorage, auditFile: string, configDir: string, private readonly log: vscode.LogOutputChannel) {
    this.keyFile = auditKeyPath(configDir, auditFile);
    this.secretName = `airlock.audit.anchor.${auditLogId(auditFile)}`;
  }

  /**
   * Takes the log's current key at once (created now for a new log, so normally epoch 0) and
   * keeps it unless a copy of the same lineage is already kept (the earliest one is the useful one).
   */
  async keep(audit: AuditLog): Promise<void> {
    let key: AuditKey;
    try {
      key = audit.currentKey();
    } catch (error) {
      this.log.error(`audit log: no sealing key (${String(error)}); entries cannot be sealed until it is fixed`);
      return;
    }
    try {
      const kept = await this.read();
      if (kept?.keyId === key.keyId) {
        // The copy stays as it is: an older key file than the copy was restored or replaced, and verification says so.
        if (kept.epoch > key.epoch) this.log.warn(`audit log: the key file is at epoch ${key.epoch}, older than the copy kept at epoch ${kept.epoch}`);
        return;
      }
      if (kept !== undefined && kept.keyId !== key.keyId) this.log.warn(`audit log: the key file now holds another key (${key.keyId}, was ${kept.keyId}): it was deleted or replaced; the log before it cannot be proven`);
      await this.secrets.store(this.secretName, serialiseAuditKey(key));
      if (key.epoch > 0) this.log.info(`audit log: keeping the sealing key from epoch ${key.epoch} (another process created it); seals of earlier epochs cannot be checked`);
    } catch (error) {
      this.log.warn(`audit log: the sealing key's copy could not be kept in SecretStorage (${String(error)}); verification uses the key file alone`);
    }
  }

  /** The kept copy, for verification; undefined when none was kept (or SecretStorage failed). */
  async read(): Promise<AuditKey | undefined> {
    const text = await this.secrets.get(this.secretName);
    return text === undefined ? undefined : parseAuditKey(text);
  }

  /** The keys Show Audit Log verifies with: the key file, and the kept copy when there is one. */
  async verifyKeys(): Promise<AuditVerifyKeys> {
    let anchor: AuditKey | undefined;
    try {
      anchor = await this.read();
    } catch (error) {
      this.log.warn(`audit log: SecretStorage could not be read (${String(error)}); verifying with the key file alone`);
    }
    return { keyFile: this.keyFile, ...(anchor === undefined ? {} : { anchor }) };
  }
}
