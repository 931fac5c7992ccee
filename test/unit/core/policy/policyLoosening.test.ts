import assert from 'node:assert/strict';
import { describeLoosening } from '../../../../src/core/policy/policyLoosening';
import { mergeOverlay } from '../../../../src/core/policy/policyMerge';
import type { PolicyOverlay } from '../../../../src/core/policy/policySchema';
import { builtinPack } from './policyFixtures';

interface LooseningCase {
  readonly name: string;
  readonly pack?: 'default' | 'strict';
  readonly overlay: Omit<PolicyOverlay, 'version'>;
  readonly loosens: readonly string[];
}

const cases: readonly LooseningCase[] = [
  { name: 'nothing: an overlay that only adds deny rules', overlay: { files: { deny: ['**/tmp/**'] }, egress: { block: ['evil.example.com'] } }, loosens: [] },
  {
    name: 'allow rules for every tool and for one tool',
    overlay: { egress: { allow: ['docs.python.org'], tools: { 'web.fetch': { allow: ['api.github.com'] } } } },
    loosens: ['network: lets every tool reach docs.python.org without asking (egress.allow)', 'network: lets web.fetch reach api.github.com without asking (egress.tools["web.fetch"].allow)'],
  },
  { name: 'a raised file size limit', overlay: { files: { maxFileSizeMb: 50 } }, loosens: ['files: raises the file size limit from 5 MB to 50 MB'] },
  { name: 'hard-linked files made readable', overlay: { files: { readHardLinks: true } }, loosens: ['files: lets the agent read files with more than one name (hard links), whose other name may be a denied file (files.readHardLinks)'] },
  { name: 'a new files.allow glob', pack: 'default', overlay: { files: { allow: ['generated/**'] } }, loosens: ['files: lets the agent use generated/** (files.allow)'] },
  { name: 'a tool enabled that the strict pack disables', pack: 'strict', overlay: { tools: { 'fs.write': { enabled: true } } }, loosens: ['tools: enables fs.write (critical risk)'] },
  { name: 'a lowered risk', overlay: { tools: { 'fs.write': { risk: 'medium' } } }, loosens: ['tools: lowers the risk of fs.write from high to medium'] },
  { name: 'a new tool', overlay: { tools: { 'db.query': { risk: 'high' } } }, loosens: ['tools: adds the tool db.query (high risk)'] },
  { name: 'a raised request rate', overlay: { limits: { requestsPerMinute: { tools: { 'web.fetch': 100 } } } }, loosens: ['limits: raises requests per minute for web.fetch from 20 to 100'] },
  { name: 'redirects on a pack that follows none', pack: 'strict', overlay: { limits: { maxRedirects: 3 } }, loosens: ['limits: raises redirects followed from 0 to 3'] },
  { name: 'session-wide approvals on the strict pack', pack: 'strict', overlay: { approvals: { allowSessionScope: true } }, loosens: ['approvals: offers "Allow for this session" in approval dialogs'] },
  { name: 'a model endpoint', overlay: { model: { endpoints: ['127.0.0.2:8080'] } }, loosens: ['model: adds the model endpoint 127.0.0.2:8080'] },
  {
    name: 'a remote model API',
    overlay: { model: { remote: [{ provider: 'Example AI', url: 'https://api.example.com/v1', purpose: 'code review', maxMonthlyCostUsd: 20 }] } },
    loosens: ['model: may send prompts and code to Example AI at https://api.example.com/v1 (code review; up to $20 a month)'],
  },
  {
    name: 'a raised anomaly threshold (a repository that would hide a flood of denied reads)',
    overlay: { anomalies: { deniedFileReadsPerTurn: 500, sentMbPerTurn: 1 } },
    loosens: ['anomalies: pauses a turn only after 500 denied file reads (was 10; anomalies.deniedFileReadsPerTurn)'],
  },
];

describe('what an overlay loosens (shown in the approval dialog)', () => {
  for (const c of cases) {
    it(c.name, () => {
      const pack = builtinPack(c.pack ?? 'default');
      assert.deepEqual(describeLoosening(pack, mergeOverlay(pack, { version: 1, ...c.overlay })), c.loosens);
    });
  }

  it('reports removals when comparing two arbitrary policies (lists cannot shrink by merging, but a pack can differ)', () => {
    const strict = builtinPack('strict');
    const lines = describeLoosening(strict, builtinPack('default'));
    assert.ok(lines.includes('files: lets the agent write **, which was read-only (files.readonly)'), lines.join('\n'));
    assert.ok(lines.includes('approvals: no longer asks before medium-risk actions'), lines.join('\n'));
    assert.ok(lines.includes('tools: enables web.fetch (medium risk)'), lines.join('\n'));
    assert.ok(lines.includes('tools: lowers the risk of web.fetch from high to medium'), lines.join('\n'));
  });

  it('reports lowered token prices and newly stated ones: under the same cap they allow more use', () => {
    const pack = builtinPack('default');
    const remote = { provider: 'Example AI', url: 'https://api.example.com/v1', purpose: 'code review', maxMonthlyCostUsd: 20 };
    const priced = { ...pack, model: { ...pack.model, remote: [{ ...remote, priceUsdPerMillionTokens: { input: 3, output: 15 } }] } };
    const cheaper = { ...pack, model: { ...pack.model, remote: [{ ...remote, priceUsdPerMillionTokens: { input: 0.01, output: 15 } }] } };
    const unpriced = { ...pack, model: { ...pack.model, remote: [remote] } };
    assert.deepEqual(describeLoosening(priced, cheaper), ['model: counts input tokens to https://api.example.com/v1 at $0.01 per million (was $3), so the cap allows more use']);
    assert.deepEqual(describeLoosening(unpriced, priced), ['model: states token prices for https://api.example.com/v1, so chat requests to it are no longer refused for want of them']);
    assert.deepEqual(describeLoosening(cheaper, priced), [], 'a raised price is stricter');
  });

  it('reports a removed block and requireApproval host, and widened extensions', () => {
    const base = mergeOverlay(builtinPack('default'), { version: 1, files: { extensions: ['.ts'] }, egress: { requireApproval: ['api.example.com'] } });
    const candidate = { ...base, files: { ...base.files, extensions: [] }, egress: { ...base.egress, block: [], requireApproval: [] } };
    assert.deepEqual(describeLoosening(base, candidate), [
      'files: allows every file extension (files.extensions)',
      'network: no longer asks before every tool reaches api.example.com (egress.requireApproval)',
      'network: no longer blocks 169.254.169.254 for every tool (egress.block)',
      'network: no longer blocks metadata.google.internal for every tool (egress.block)',
    ]);
  });
});
