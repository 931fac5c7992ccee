// A certificate authority made for one UI test run, so a test can stand up an https server the
// extension trusts: code-server starts with NODE_EXTRA_CA_CERTS pointing at its certificate, which
// adds it to Node's roots (the product's TLS checks stay as they are). Made with Debian's openssl.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

export interface TestCa {
  /** PEM file of the CA certificate (what NODE_EXTRA_CA_CERTS names). */
  readonly certFile: string;
  readonly keyFile: string;
}

export interface ServerCertificate {
  readonly certFile: string;
  readonly keyFile: string;
}

function openssl(args: readonly string[]): void {
  try {
    execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    throw new Error(`openssl ${args[0] ?? ''} failed: ${stderr || (error instanceof Error ? error.message : String(error))}`, { cause: error });
  }
}

/** A self-signed CA valid for a day, in `dir`. */
export function createTestCa(dir: string): TestCa {
  const ca = { certFile: path.join(dir, 'test-ca.pem'), keyFile: path.join(dir, 'test-ca-key.pem') };
  openssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=Airlock e2e test CA', '-keyout', ca.keyFile, '-out', ca.certFile]);
  return ca;
}

/** A server certificate for one IP address, signed by `ca`, in `dir`. */
export function issueServerCertificate(ca: TestCa, dir: string, address: string): ServerCertificate {
  const name = address.replace(/[^0-9a-f]/gi, '-');
  const server = { certFile: path.join(dir, `${name}.pem`), keyFile: path.join(dir, `${name}-key.pem`) };
  const request = path.join(dir, `${name}.csr`);
  const extensions = path.join(dir, `${name}.ext`);
  writeFileSync(extensions, `subjectAltName=IP:${address}\nextendedKeyUsage=serverAuth\n`);
  openssl(['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-subj', `/CN=${address}`, '-keyout', server.keyFile, '-out', request]);
  openssl(['x509', '-req', '-in', request, '-CA', ca.certFile, '-CAkey', ca.keyFile, '-CAcreateserial', '-days', '1', '-extfile', extensions, '-out', server.certFile]);
  return server;
}
