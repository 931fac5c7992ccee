import assert from 'node:assert/strict';
import { policyOverlaySchema, policyPackSchema } from '../../../../src/core/policy/policySchema';

describe('policy schema', () => {
  it('a pack gets every default filled in', () => {
    const pack = policyPackSchema.parse({ version: 1, name: 'tiny' });
    assert.deepEqual(pack.files, { allow: ['**'], deny: [], readonly: [], extensions: [], maxFileSizeMb: 5, readHardLinks: false });
    assert.deepEqual(pack.approvals.require, ['high', 'critical']);
    assert.equal(pack.limits.requestsPerMinute.default, 30);
  });

  it('an overlay gets no defaults at any depth, so it cannot silently replace the pack\'s values', () => {
    assert.deepEqual(policyOverlaySchema.parse({ version: 1, files: { deny: ['x/**'] }, limits: { requestsPerMinute: { tools: { 'web.fetch': 5 } } }, tools: { 'fs.write': {} } }), {
      version: 1,
      files: { deny: ['x/**'] },
      limits: { requestsPerMinute: { tools: { 'web.fetch': 5 } } },
      tools: { 'fs.write': {} },
    });
  });

  it('an overlay is as strict as a pack: unknown keys are errors at every depth', () => {
    for (const input of [{ version: 1, frobnicate: true }, { version: 1, files: { denny: [] } }, { version: 1, tools: { 'fs.read': { risky: 'low' } } }]) {
      assert.ok(!policyOverlaySchema.safeParse(input).success, JSON.stringify(input));
    }
  });

  it('an overlay still needs version: 1', () => {
    assert.ok(!policyOverlaySchema.safeParse({ files: {} }).success);
    assert.ok(!policyOverlaySchema.safeParse({ version: 2 }).success);
  });

  it('the same field rules apply to packs and overlays', () => {
    for (const schema of [policyPackSchema, policyOverlaySchema]) {
      const result = schema.safeParse({ version: 1, name: 'x', egress: { allow: ['*.com'] } });
      assert.ok(!result.success);
      assert.match(result.error.issues[0]?.message ?? '', /too broad/);
    }
  });
});
