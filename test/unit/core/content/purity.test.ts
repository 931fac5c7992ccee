import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.join(__dirname, '../../../../src/core/content');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sources(full) : name.endsWith('.ts') ? [full] : [];
  });
}

describe('content guard: purity', () => {
  it('the detection core imports nothing but itself (no Node APIs: it must run in a webview)', () => {
    for (const file of sources(ROOT)) {
      const text = readFileSync(file, 'utf8');
      for (const [, specifier] of text.matchAll(/from\s+'([^']+)'/g)) {
        assert.ok(specifier?.startsWith('.'), `${path.relative(ROOT, file)} imports ${specifier}`);
      }
      assert.doesNotMatch(text, /\b(?:require\(|process\.|Buffer\b|__dirname)/, path.relative(ROOT, file));
    }
  });
});
