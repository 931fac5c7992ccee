import assert from 'node:assert/strict';
import { looksSecret, sandboxEnv } from '../../../../src/core/sandbox/sandboxEnv';

const secretNames = ['GITHUB_TOKEN', 'GH_TOKEN', 'NPM_TOKEN', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'GOOGLE_APPLICATION_CREDENTIALS', 'AZURE_CLIENT_SECRET', 'OPENAI_API_KEY', 'DB_PASSWORD', 'SSH_AUTH_SOCK_TOKEN', 'my_secret', 'DOCKER_AUTH_CONFIG', 'HF_TOKEN'];

describe('core/sandbox/sandboxEnv: the few variables a sandboxed command gets', () => {
  for (const name of secretNames) it(`attack: ${name} in an extra variable does not pass`, () => {
    assert.equal(looksSecret(name), true);
    assert.equal(Object.hasOwn(sandboxEnv({}, '/home/u', { [name]: 'x' }), name), false);
  });

  it('passes PATH, LANG and TERM, sets HOME and TMPDIR, and nothing else of the parent', () => {
    const env = sandboxEnv({ PATH: '/usr/bin:/bin', LANG: 'C.UTF-8', TERM: 'xterm', EDITOR: 'vi', GITHUB_TOKEN: 'x', SSH_AUTH_SOCK: '/tmp/agent' }, '/home/u');
    assert.deepEqual(env, { HOME: '/home/u', TMPDIR: '/tmp', PATH: '/usr/bin:/bin', LANG: 'C.UTF-8', TERM: 'xterm' });
  });

  it('attack: a relative PATH entry (., node_modules/.bin) is dropped', () => {
    assert.equal(sandboxEnv({ PATH: '.:node_modules/.bin:/usr/bin:' }, '/h').PATH, '/usr/bin');
  });

  it('a missing PATH gets the system default', () => {
    assert.equal(sandboxEnv({}, '/h').PATH, '/usr/local/bin:/usr/bin:/bin');
  });
});
