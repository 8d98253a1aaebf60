// A throw-away self-signed certificate (made with the openssl command-line tool) and an https server using it, for tests.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface TestCertificate {
  readonly key: string;
  readonly cert: string;
}

/**
 * A certificate for the given DNS names, valid for a day; trust it by passing `cert` as the client's `ca`. An EC key by
 * default; `rsa` where the other side needs one (Entra ID signs client assertions with RS256/PS256 only).
 */
export function selfSignedCertificate(names: readonly string[], keyType: 'ec' | 'rsa' = 'ec'): TestCertificate {
  const dir = mkdtempSync(path.join(tmpdir(), 'link-tls-'));
  try {
    const keyFile = path.join(dir, 'key.pem');
    const certFile = path.join(dir, 'cert.pem');
    execFileSync(
      'openssl',
      [
        'req', '-x509', ...(keyType === 'ec' ? ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1'] : ['-newkey', 'rsa:2048']), '-nodes',
        '-keyout', keyFile, '-out', certFile, '-days', '1',
        '-subj', `/CN=${names[0]}`, '-addext', `subjectAltName=${names.map((name) => `DNS:${name}`).join(',')}`,
      ],
      { stdio: 'ignore' },
    );
    return { key: readFileSync(keyFile, 'utf8'), cert: readFileSync(certFile, 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface TestHttpsServer {
  readonly port: number;
  /** Every connection accepted, TLS or not. */
  readonly connections: number;
  readonly requests: string[];
  close(): Promise<void>;
}

/** An https server on 127.0.0.1 answering with `handle`; it counts connections so a test can show none was made. */
export async function startHttpsServer(certificate: TestCertificate, handle: (req: IncomingMessage, res: ServerResponse) => void): Promise<TestHttpsServer> {
  const requests: string[] = [];
  let connections = 0;
  const server: Server = createServer({ key: certificate.key, cert: certificate.cert }, (req, res) => {
    requests.push(req.url ?? '');
    handle(req, res);
  });
  server.on('connection', () => {
    connections += 1;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    get connections() {
      return connections;
    },
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
