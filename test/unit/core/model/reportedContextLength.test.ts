import assert from 'node:assert/strict';
import { reportedContextLength } from '../../../../src/core/model/reportedContextLength';

describe('core/model/reportedContextLength: the context length a /v1/models entry reports', () => {
  const rows: { server: string; entry: unknown; expected: number | undefined }[] = [
    { server: 'vLLM (max_model_len)', entry: { id: 'm', object: 'model', max_model_len: 32768 }, expected: 32768 },
    { server: 'LM Studio (context_length)', entry: { id: 'm', context_length: 8192 }, expected: 8192 },
    { server: 'llama.cpp (meta.n_ctx_train)', entry: { id: 'm', meta: { n_ctx_train: 4096 } }, expected: 4096 },
    { server: 'Ollama (reports none)', entry: { id: 'qwen2.5-coder:latest', object: 'model', owned_by: 'library' }, expected: undefined },
    { server: 'a string where a number belongs', entry: { id: 'm', max_model_len: '32768' }, expected: undefined },
    { server: 'a negative length', entry: { id: 'm', context_length: -1 }, expected: undefined },
    { server: 'an absurd length', entry: { id: 'm', context_length: 1e12 }, expected: undefined },
    { server: 'a fraction', entry: { id: 'm', context_length: 4096.5 }, expected: undefined },
    { server: 'a length only on the prototype, not the entry itself', entry: Object.create({ max_model_len: 4096 }) as unknown, expected: undefined },
    { server: 'no entry at all', entry: null, expected: undefined },
  ];
  for (const row of rows) {
    it(`${row.server}: ${String(row.expected)}`, () => assert.equal(reportedContextLength(row.entry), row.expected));
  }
});
