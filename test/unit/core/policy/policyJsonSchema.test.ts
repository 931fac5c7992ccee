import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { policyJsonSchemaText } from '../../../../src/core/policy/policyJsonSchema';
import { REPO_POLICY_DIR } from './policyFixtures';

describe('policy/policy.schema.json (editor completion)', () => {
  it('is generated from the zod schema and up to date (run `npm run schema`)', () => {
    const committed = readFileSync(join(REPO_POLICY_DIR, 'policy.schema.json'), 'utf8');
    assert.ok(committed === policyJsonSchemaText(), 'policy/policy.schema.json is stale: run `npm run schema` and commit the result');
  });

  it('describes the sections a pack must have, strictly', () => {
    const schema = JSON.parse(policyJsonSchemaText()) as { properties: Record<string, unknown>; required: string[]; additionalProperties: boolean };
    assert.deepEqual(Object.keys(schema.properties), ['version', 'name', 'description', 'files', 'egress', 'model', 'tools', 'approvals', 'limits', 'contentGuard', 'anomalies', 'posture', 'commands', 'mcp']);
    assert.deepEqual(schema.required, ['version']);
    assert.equal(schema.additionalProperties, false);
  });
});
