import assert from 'node:assert/strict';
import { DEFAULT_BASE_URL, DEFAULT_MODEL, resolveModelEndpoint, type ModelSettingsInput } from '../../../../src/core/model/modelEndpoint';

describe('core/model/modelEndpoint', () => {
  const accepted: { name: string; input: ModelSettingsInput; baseUrl: string; model: string; apiKey?: string }[] = [
    { name: 'nothing set: Ollama defaults', input: {}, baseUrl: DEFAULT_BASE_URL, model: DEFAULT_MODEL },
    { name: 'LLM_API_BASE / LLM_MODEL / LLM_API_KEY fill unset settings', input: { env: { LLM_API_BASE: 'http://localhost:8080/v1', LLM_MODEL: 'llama3', LLM_API_KEY: 'k-1' } }, baseUrl: 'http://localhost:8080/v1', model: 'llama3', apiKey: 'k-1' },
    { name: 'settings win over the environment', input: { baseUrl: 'http://127.0.0.1:1234/v1', model: 'm', env: { LLM_API_BASE: 'http://localhost:8080/v1', LLM_MODEL: 'other' } }, baseUrl: 'http://127.0.0.1:1234/v1', model: 'm' },
    { name: 'stored key wins over LLM_API_KEY', input: { apiKey: 'stored', env: { LLM_API_KEY: 'from-env' } }, baseUrl: DEFAULT_BASE_URL, model: DEFAULT_MODEL, apiKey: 'stored' },
    { name: 'trailing slashes and spaces are trimmed', input: { baseUrl: '  http://[::1]:11434/v1/  ', model: ' qwen ' }, baseUrl: 'http://[::1]:11434/v1', model: 'qwen' },
    { name: 'empty environment values count as unset', input: { env: { LLM_API_BASE: '', LLM_MODEL: ' ' } }, baseUrl: DEFAULT_BASE_URL, model: DEFAULT_MODEL },
  ];
  for (const row of accepted) {
    it(`accepts: ${row.name}`, () => {
      const result = resolveModelEndpoint(row.input);
      assert.ok(result.ok, JSON.stringify(result));
      assert.equal(result.endpoint.baseUrl, row.baseUrl);
      assert.equal(result.endpoint.model, row.model);
      assert.equal(result.endpoint.apiKey, row.apiKey);
    });
  }

  const rejected: { name: string; input: ModelSettingsInput; setting: string; kind: 'invalid' | 'refused'; says: RegExp }[] = [
    { name: 'not a URL', input: { baseUrl: 'localhost 11434' }, setting: 'airlock.model.baseUrl', kind: 'invalid', says: /is not a URL/ },
    { name: 'empty base URL set explicitly', input: { baseUrl: '' }, setting: 'airlock.model.baseUrl', kind: 'invalid', says: /is not a URL/ },
    { name: 'empty model name set explicitly', input: { model: '' }, setting: 'airlock.model.name', kind: 'invalid', says: /is empty/ },
    { name: 'model name with a newline (header/log injection)', input: { model: 'qwen\nX-Injected: 1' }, setting: 'airlock.model.name', kind: 'invalid', says: /spaces or control/ },
    { name: 'remote API host', input: { baseUrl: 'https://api.openai.com/v1' }, setting: 'airlock.model.baseUrl', kind: 'refused', says: /not a loopback address/ },
    { name: 'remote host from LLM_API_BASE', input: { env: { LLM_API_BASE: 'http://10.0.0.8:11434/v1' } }, setting: 'airlock.model.baseUrl', kind: 'refused', says: /10\.0\.0\.8/ },
    { name: 'credentials in the URL', input: { baseUrl: 'http://me:secret@127.0.0.1/v1' }, setting: 'airlock.model.baseUrl', kind: 'invalid', says: /credentials/ },
    { name: 'non-http scheme', input: { baseUrl: 'file:///tmp/model.sock' }, setting: 'airlock.model.baseUrl', kind: 'invalid', says: /file is not allowed/ },
    { name: 'query string smuggled into the base URL', input: { baseUrl: 'http://127.0.0.1:11434/v1?x=1' }, setting: 'airlock.model.baseUrl', kind: 'invalid', says: /query or fragment/ },
  ];
  for (const row of rejected) {
    it(`rejects: ${row.name}`, () => {
      const result = resolveModelEndpoint(row.input);
      assert.ok(!result.ok, 'expected problems');
      const problem = result.problems.find((p) => p.setting === row.setting);
      assert.ok(problem, JSON.stringify(result.problems));
      assert.equal(problem.kind, row.kind);
      assert.match(problem.message, row.says);
      assert.ok(problem.message.includes(row.setting), 'the message names the setting');
    });
  }

  it('never echoes the password of a URL with credentials', () => {
    const result = resolveModelEndpoint({ baseUrl: 'http://me:hunter2@127.0.0.1/v1' });
    assert.ok(!result.ok);
    assert.doesNotMatch(JSON.stringify(result.problems), /hunter2/);
  });
});
