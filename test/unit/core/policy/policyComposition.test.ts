import assert from 'node:assert/strict';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { listRules } from '../../../../src/core/policy/firewallRules';
import { composePolicy } from '../../../../src/core/policy/policyComposition';
import { parseOverlay } from '../../../../src/core/policy/policyLoader';
import { describeLoosening } from '../../../../src/core/policy/policyLoosening';
import { toolIdSchema, type PolicyOverlay } from '../../../../src/core/policy/policySchema';
import { builtinPack } from './policyFixtures';
import { PROTOTYPE_NAMES } from './prototypeNames';

const FILE = '.airlock/policy/default.yaml';
const pack = builtinPack('default');

describe('policy composition (pack ← overlay ← managed, checked)', () => {
  const prototypeRows = PROTOTYPE_NAMES.flatMap((name) => [
    { name, attack: `egress.tools.${name} (lookup finds Object.prototype)`, overlay: { version: 1, egress: { tools: { [name]: { allow: ['exfil.example.com'] } } } } },
    { name, attack: `tools.${name} (risk merged with a prototype member)`, overlay: { version: 1, tools: { [name]: { risk: 'low' } } } },
    { name, attack: `limits.requestsPerMinute.tools.${name}`, overlay: { version: 1, limits: { requestsPerMinute: { tools: { [name]: 1000 } } } } },
  ]);
  for (const { name, attack, overlay } of prototypeRows) {
    it(`an overlay keyed by ${attack}: composes, or names the field; the name is only its own key`, () => {
      const value = overlay as unknown as PolicyOverlay;
      for (const [file, composed] of [[FILE, composePolicy(pack, { file: FILE, value }, undefined)], ['managed.yaml', composePolicy(pack, undefined, { file: 'managed.yaml', value })]] as const) {
        if (!composed.ok) {
          // Names the schema refuses as tool ids (toString, __proto__…) fail the final check, by field.
          assert.ok(!toolIdSchema.safeParse(name).success, composed.error.message);
          assert.equal(composed.error.file, file);
          assert.match(composed.error.field ?? '', /tools/);
          continue;
        }
        assert.equal(Object.getPrototypeOf(composed.policy.tools), null);
        assert.equal(Object.getPrototypeOf(composed.policy.egress.tools), null);
        assert.equal(Object.getPrototypeOf(composed.policy.limits.requestsPerMinute.tools), null);
      }
    });
  }

  it('a layer the merge cannot read is an error naming its file, never an exception', () => {
    const broken = { version: 1, egress: { tools: { 'web.fetch': { allow: 'exfil.example.com' } } } } as unknown as PolicyOverlay;
    const composed = composePolicy(pack, { file: FILE, value: broken }, undefined);
    assert.ok(!composed.ok);
    assert.equal(composed.error.code, 'POLICY_MERGE_FAILED');
    assert.equal(composed.error.file, FILE);
  });

  it('property: an overlay with arbitrary keys and values loads, or fails with its file and a field; never a TypeError', () => {
    const key = fc.oneof(fc.constantFrom(...PROTOTYPE_NAMES, 'web.fetch', 'fs.read', 'allow', 'tools', 'egress'), fc.string({ maxLength: 12 }));
    const leaf = fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.boolean(), fc.constant(null), fc.constantFrom('exfil.example.com', '*.example.org', 'low', 'critical'));
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(key, tie('node'), { maxKeys: 3 })),
    })).node;
    const section = fc.dictionary(key, value, { maxKeys: 3 });
    const overlay = fc.record({
      tools: section,
      egress: fc.record({ allow: fc.array(leaf, { maxLength: 2 }), tools: fc.dictionary(key, fc.record({ allow: fc.array(leaf, { maxLength: 2 }) }), { maxKeys: 3 }) }, { requiredKeys: [] }),
      limits: fc.record({ requestsPerMinute: fc.record({ tools: fc.dictionary(key, fc.oneof(fc.integer({ min: 1, max: 100 }), leaf), { maxKeys: 3 }) }) }, { requiredKeys: [] }),
      extra: section,
    }, { requiredKeys: [] });
    fc.assert(fc.property(overlay, (content) => {
      const text = stringify({ version: 1, ...content });
      const parsed = parseOverlay({ text, file: FILE, expectedName: 'default' });
      if (!parsed.ok) {
        for (const error of parsed.errors) {
          assert.equal(error.file, FILE);
          assert.ok(error.field !== undefined && error.field !== '', `no field: ${error.message}`);
        }
        return;
      }
      const composed = composePolicy(pack, { file: FILE, value: parsed.value }, undefined);
      if (!composed.ok) {
        assert.equal(composed.error.file, FILE);
        return;
      }
      // What every front end does next with a loaded policy: list its rules, say what it loosens.
      listRules([{ kind: 'overlay', path: FILE, file: FILE, sha256: '', content: parsed.value, current: true }]);
      describeLoosening(pack, composed.policy);
    }), { numRuns: 300 });
  });
});
