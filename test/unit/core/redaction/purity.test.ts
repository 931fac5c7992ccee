import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// The redactor runs wherever text leaves Airlock (the webview, a web extension, the CLI): it must
// need nothing from Node.
describe('core/redaction is pure TypeScript', () => {
  const folder = join(__dirname, '../../../../src/core/redaction');
  for (const name of readdirSync(folder).filter((file) => file.endsWith('.ts'))) {
    it(`${name} imports only its own folder and uses no Node globals`, () => {
      const source = readFileSync(join(folder, name), 'utf8');
      const imports = [...source.matchAll(/from '([^']+)'/g)].map((match) => match[1] ?? '');
      assert.deepEqual(imports.filter((path) => !path.startsWith('./')), []);
      const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
      assert.doesNotMatch(code, /\b(?:Buffer|process|require)\b[.(]/);
    });
  }
});
