import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { MAX_POLICY_BYTES } from './policyLoader';
import type { PolicyDiagnostic } from './policyError';

/** A policy file's bytes as read, with the SHA-256 that approvals are pinned to. */
export interface PolicyFileContent {
  readonly text: string;
  readonly sha256: string;
}

export type PolicyFileRead = { ok: true; content: PolicyFileContent } | { ok: false; missing: boolean; diagnostic: PolicyDiagnostic };

/** Hex SHA-256 of the exact bytes: approval is for this content, not for an equivalent one. */
export function sha256Of(bytes: string | Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Reads a policy file without trusting it: the size is checked before the bytes are read, and
 * the hash is of the bytes as read (the text is decoded once from the same buffer).
 */
export async function readPolicyFile(path: string, file: string): Promise<PolicyFileRead> {
  try {
    const info = await stat(path);
    if (!info.isFile()) return failed(file, false, 'POLICY_READ_FAILED', 'is not a regular file');
    if (info.size > MAX_POLICY_BYTES) return failed(file, false, 'POLICY_TOO_LARGE', `the file is larger than ${MAX_POLICY_BYTES / 1024} KiB; policy files are small`);
    const bytes = await readFile(path);
    return { ok: true, content: { text: bytes.toString('utf8'), sha256: sha256Of(bytes) } };
  } catch (error) {
    const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
    const reason = code === 'ENOENT' ? 'the file does not exist' : `cannot be read (${error instanceof Error ? error.message : String(error)})`;
    return failed(file, code === 'ENOENT', 'POLICY_READ_FAILED', reason);
  }
}

function failed(file: string, missing: boolean, code: PolicyDiagnostic['code'], detail: string): PolicyFileRead {
  return { ok: false, missing, diagnostic: { code, file, detail } };
}
