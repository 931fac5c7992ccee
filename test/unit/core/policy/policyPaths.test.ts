import assert from 'node:assert/strict';
import { overlayPath, resolveConfigDir, resolveManagedPolicyPath } from '../../../../src/core/policy/policyPaths';

describe('policy paths', () => {
  const configCases: readonly [string, Record<string, string>, string][] = [
    ['AIRLOCK_CONFIG_DIR wins', { AIRLOCK_CONFIG_DIR: '/etc/al', XDG_CONFIG_HOME: '/x' }, '/etc/al'],
    ['then XDG_CONFIG_HOME/airlock', { XDG_CONFIG_HOME: '/x' }, '/x/airlock'],
    ['then ~/.config/airlock', {}, '/home/u/.config/airlock'],
    ['blank values are unset', { AIRLOCK_CONFIG_DIR: ' ', XDG_CONFIG_HOME: '' }, '/home/u/.config/airlock'],
  ];
  for (const [name, env, expected] of configCases) it(`config folder: ${name}`, () => assert.equal(resolveConfigDir(env, '/home/u'), expected));

  it('managed policy: the machine setting, else AIRLOCK_MANAGED_POLICY, else none', () => {
    assert.equal(resolveManagedPolicyPath({ AIRLOCK_MANAGED_POLICY: '/env.yaml' }, '/setting.yaml'), '/setting.yaml');
    assert.equal(resolveManagedPolicyPath({ AIRLOCK_MANAGED_POLICY: '/env.yaml' }, ''), '/env.yaml');
    assert.equal(resolveManagedPolicyPath({}), undefined);
  });

  it('the overlay of a pack lives in .airlock/policy/', () => {
    assert.equal(overlayPath('/repo', 'strict'), '/repo/.airlock/policy/strict.yaml');
  });
});
