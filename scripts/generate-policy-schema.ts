// Writes policy/policy.schema.json from the zod schema (the single source of truth).
// Run with `npm run schema` after changing src/core/policy/policySchema.ts.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { policyJsonSchemaText } from '../src/core/policy/policyJsonSchema';

const target = resolve(__dirname, '../policy/policy.schema.json');
writeFileSync(target, policyJsonSchemaText());
process.stdout.write(`wrote ${target}\n`);
