import assert from 'node:assert/strict';
import type { EffectivePolicy, PolicySource } from '../../../../src/core/policy/effectivePolicy';
import { editInForce } from '../../../../src/core/policy/editInForce';
import { PolicyError } from '../../../../src/core/policy/policyError';
import { builtinPack } from './policyFixtures';

const FILE = '.airlock/policy/default.yaml';
const PATH = `/ws/${FILE}`;
const written = { path: PATH, file: FILE, sha256: 'new', trusted: true };

function effective(overlay: Partial<PolicySource> | undefined, extra: Partial<EffectivePolicy> = {}): EffectivePolicy {
  const pack = builtinPack('default');
  const sources: PolicySource[] = [{ kind: 'builtin', path: 'default.yaml', file: 'default.yaml', sha256: 'pack', content: pack, current: true }];
  if (overlay) sources.push({ kind: 'overlay', path: PATH, file: FILE, sha256: 'new', content: { version: 1 }, current: true, ...overlay });
  return { policy: pack, packName: 'default', sources, errors: [], warnings: [], ...extra };
}

describe('editInForce: an edit is "done" only when the reloaded policy is the one written', () => {
  const rows: { name: string; reloaded: EffectivePolicy; inForce: boolean; says?: RegExp }[] = [
    { name: 'the overlay in force has the written hash', reloaded: effective({}), inForce: true },
    { name: 'a file failed to load after the write (tools are off)', reloaded: effective({}, { errors: [new PolicyError({ code: 'POLICY_SCHEMA', file: FILE, field: 'egress.allow[0]', detail: 'bad' })] }), inForce: false, says: /failed to load: .*egress\.allow\[0\]/ },
    { name: 'another writer changed the file before the reload', reloaded: effective({ sha256: 'other' }), inForce: false, says: /changed again/ },
    { name: 'only the last valid content is in force (the written one did not load)', reloaded: effective({ current: false }), inForce: false, says: /changed again/ },
    { name: 'a repair now waits for approval', reloaded: effective(undefined, { pendingOverlay: { path: PATH, file: FILE, key: 'k', sha256: 'new', loosens: [], rejected: false } }), inForce: false, says: /applies once you approve it/ },
  ];
  for (const { name, reloaded, inForce, says } of rows) {
    it(name, () => {
      const standing = editInForce(reloaded, written);
      assert.equal(standing.inForce, inForce);
      if (!standing.inForce && says) assert.match(standing.reason, says);
    });
  }
});
