import assert from 'node:assert/strict';
import { parseProcNetTcp } from '../../../../src/cli/doctor/listeningSockets';
import { EXPOSURE_FIX, modelServerExposure } from '../../../../src/cli/doctor/modelServerExposure';

const HEADER = '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n';
const v4 = (hex: string, state = '0A'): string => `   0: ${hex} 00000000:0000 ${state} 00000000:00000000 00:00000000 00000000     0        0 1 1 0 100 0 0 10 0\n`;
const v6 = (hex: string): string => `   0: ${hex} 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1 0 100 0 0 10 0\n`;

describe('cli/doctor/listeningSockets: /proc/net/tcp{,6} read back to addresses', () => {
  it('IPv4 loopback and any-address listeners; a connected socket is no listener', () => {
    assert.deepEqual(parseProcNetTcp(HEADER + v4('0100007F:2CAA') + v4('00000000:1F90') + v4('0100007F:DACC', '01')), [
      { address: '127.0.0.1', port: 11434 },
      { address: '0.0.0.0', port: 8080 },
    ]);
  });

  it('IPv6 ::1, :: and an IPv4-mapped address', () => {
    assert.deepEqual(parseProcNetTcp(HEADER + v6('00000000000000000000000001000000:04D2') + v6('00000000000000000000000000000000:04D2') + v6('0000000000000000FFFF00000100007F:04D2')), [
      { address: '0:0:0:0:0:0:0:1', port: 1234 },
      { address: '0:0:0:0:0:0:0:0', port: 1234 },
      { address: '0:0:0:0:0:ffff:7f00:1', port: 1234 },
    ]);
  });
});

interface Row {
  /** The way the model server is bound. */
  readonly name: string;
  readonly addresses: readonly string[];
  readonly kind: string;
}

const rows: readonly Row[] = [
  { name: 'Ollama on its default 127.0.0.1', addresses: ['127.0.0.1'], kind: 'loopback-only' },
  { name: 'IPv6 loopback and an IPv4-mapped loopback', addresses: ['0:0:0:0:0:0:0:1', '0:0:0:0:0:ffff:7f00:1'], kind: 'loopback-only' },
  { name: 'OLLAMA_HOST=0.0.0.0 (every interface)', addresses: ['0.0.0.0'], kind: 'exposed' },
  { name: 'llama.cpp --host :: (every IPv6 interface)', addresses: ['0:0:0:0:0:0:0:0'], kind: 'exposed' },
  { name: 'LM Studio serving on the LAN address', addresses: ['127.0.0.1', '192.168.1.20'], kind: 'exposed' },
  { name: 'nothing listens on the port', addresses: [], kind: 'not-found' },
];

describe('cli/doctor/modelServerExposure: is the model server open to the network?', () => {
  for (const row of rows) {
    it(`${row.kind}: ${row.name}`, () => {
      const sockets = [...row.addresses.map((address) => ({ address, port: 11434 })), { address: '0.0.0.0', port: 22 }];
      const exposure = modelServerExposure('http://127.0.0.1:11434/v1', sockets);
      assert.equal(exposure.kind, row.kind);
      if (exposure.kind === 'exposed') {
        assert.ok(!exposure.addresses.includes('127.0.0.1'), 'only the open addresses are named');
        assert.equal(exposure.fix, EXPOSURE_FIX);
      }
    });
  }

  it('the fix names Ollama, llama.cpp and LM Studio', () => {
    assert.match(EXPOSURE_FIX, /OLLAMA_HOST=127\.0\.0\.1/);
    assert.match(EXPOSURE_FIX, /--host 127\.0\.0\.1/);
    assert.match(EXPOSURE_FIX, /Serve on Local Network/);
  });

  it('where /proc/net cannot be read it says so instead of guessing', () => {
    assert.equal(modelServerExposure('http://localhost:8080/v1', undefined).kind, 'unknown');
  });
});
