// Attached-file downloads against a local resolver stand-in: only SharePoint/OneDrive hosts, https, public addresses
// (checked before any connection and on every redirect), with the size cap and the timeout; local mode's loopback allowance.
import { createServer as createTcpServer, type Server as TcpServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { DEFAULT_FILE_DOWNLOAD_HOSTS } from '../../../../bot/config';
import { AppError } from '../../../../bot/errors';
import {
  AttachmentDownloads,
  hostAllowed,
  isPublicAddress,
  type AttachmentDownloadSettings,
  type DownloadNetwork,
  type ResolvedAddress,
} from '../../../../bot/platform/files/attachmentDownloads';
import { captureLogs } from '../../../support/logs';
import { selfSignedCertificate, startHttpsServer, type TestCertificate, type TestHttpsServer } from '../../../support/tls';

const ALLOWED = DEFAULT_FILE_DOWNLOAD_HOSTS.split(',');
const SHAREPOINT = 'contoso-my.sharepoint.com';
const CSV = 'id,serviceName\nsalford-spa,Salford CAMHS single point of access\n';
const PRIVATE_NETWORK = 'it points into a private network';
const NOT_SHAREPOINT = 'I only open files Teams stores in SharePoint or OneDrive, and this link points somewhere else';
const NOT_HTTPS = 'not a secure (https) link';

/** The resolver stand-in: names to addresses, and every name it was asked for. */
function standInResolver(names: Record<string, readonly string[]>): { resolve: DownloadNetwork['resolve']; asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    resolve: async (hostname) => {
      asked.push(hostname);
      const addresses = names[hostname];
      if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
      return addresses.map((address): ResolvedAddress => ({ address, family: address.includes(':') ? 6 : 4 }));
    },
  };
}

function downloader(network: DownloadNetwork, settings: Partial<AttachmentDownloadSettings> = {}) {
  const logs = captureLogs();
  const downloads = new AttachmentDownloads({ allowedHosts: ALLOWED, localMode: false, maxBytes: 2000, timeoutMs: 1000, ...settings }, logs.logger, network);
  return { downloads, logs };
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error.userMessage;
    throw error;
  }
  throw new Error('the download was expected to be refused');
}

/** A plain TCP listener on every loopback address (IPv4, IPv6 and IPv4-mapped) that only counts connections. */
async function startCountingListener(): Promise<{ port: number; connections: () => number; close: () => Promise<void> }> {
  let connections = 0;
  const server: TcpServer = createTcpServer((socket) => {
    connections += 1;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '::', resolve));
  const { port } = server.address() as AddressInfo;
  return { port, connections: () => connections, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('which hosts and addresses a download may reach', () => {
  it('matches *. patterns to subdomains only, and exact names exactly', () => {
    expect(hostAllowed('contoso-my.sharepoint.com', ALLOWED)).toBe(true);
    expect(hostAllowed('CONTOSO.SharePoint.com.', ALLOWED)).toBe(true);
    expect(hostAllowed('contoso.sharepoint.us', ALLOWED)).toBe(true);
    expect(hostAllowed('sharepoint.com', ALLOWED)).toBe(false);
    expect(hostAllowed('evilsharepoint.com', ALLOWED)).toBe(false);
    expect(hostAllowed('contoso.sharepoint.com.evil.example', ALLOWED)).toBe(false);
    expect(hostAllowed('files.contoso.org', ['files.contoso.org'])).toBe(true);
    expect(hostAllowed('a.files.contoso.org', ['files.contoso.org'])).toBe(false);
  });

  it.each([
    '127.0.0.1', '127.8.9.10', '10.0.0.5', '172.16.0.1', '172.31.255.255', '192.168.1.1', '100.64.0.1', '169.254.169.254',
    '0.0.0.0', '255.255.255.255', '224.0.0.251', '192.0.2.10', '198.18.0.1', '240.0.0.1',
    '::1', '::', 'fe80::1', 'fc00::1', 'fd12:3456::1', 'ff02::1', 'fec0::1', '2001:db8::1',
    '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:10.0.0.1', '::ffff:169.254.169.254', '::7f00:1',
    '64:ff9b::7f00:1', '2002:7f00:1::1', '2001:0:4136:e378:8000:63bf:3fff:fdd2', 'not an address',
  ])('%s is not public', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(['13.107.136.9', '52.104.0.1', '172.32.0.1', '2603:1006::1', '::ffff:13.107.136.9'])('%s is public', (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });
});

describe('attached-file downloads', () => {
  let certificate: TestCertificate;
  let sharepoint: TestHttpsServer;
  let listener: Awaited<ReturnType<typeof startCountingListener>>;
  /** What the stand-in SharePoint answers, by path. */
  const routes: Record<string, { status?: number; headers?: Record<string, string>; body?: string; chunks?: string[]; hang?: boolean }> = {};

  beforeAll(async () => {
    certificate = selfSignedCertificate([SHAREPOINT, 'contoso.sharepoint.com', 'internal.sharepoint.com']);
    sharepoint = await startHttpsServer(certificate, (req, res) => {
      const route = routes[req.url ?? ''];
      if (!route) {
        res.writeHead(404).end('not found');
        return;
      }
      if (route.hang) return;
      res.writeHead(route.status ?? 200, route.headers ?? { 'content-type': 'application/octet-stream' });
      if (route.chunks) {
        for (const chunk of route.chunks) res.write(chunk);
        res.end();
      } else {
        res.end(route.body ?? '');
      }
    });
    listener = await startCountingListener();
  });
  afterAll(async () => {
    await sharepoint.close();
    await listener.close();
  });

  /** The stand-in SharePoint listener is the one non-public address these downloads may reach. */
  const toSharePoint = (names: Record<string, readonly string[]>) => {
    const resolver = standInResolver(names);
    const network: DownloadNetwork = { resolve: resolver.resolve, ca: certificate.cert, alsoReachable: [{ address: '127.0.0.1', port: sharepoint.port }] };
    return { resolver, network };
  };
  const at = (path: string, host = SHAREPOINT) => `https://${host}:${sharepoint.port}${path}`;

  it('downloads a file from SharePoint over https, end to end', async () => {
    routes['/personal/megan/_layouts/15/download.aspx?UniqueId=1&tempauth=x'] = { body: CSV };
    const { resolver, network } = toSharePoint({ [SHAREPOINT]: ['127.0.0.1'] });
    const { downloads } = downloader(network);
    await expect(downloads.text(at('/personal/megan/_layouts/15/download.aspx?UniqueId=1&tempauth=x'))).resolves.toBe(CSV);
    expect(resolver.asked).toEqual([SHAREPOINT]);
  });

  it('follows a redirect to another SharePoint host, checking that hop too', async () => {
    routes['/moved.csv'] = { status: 302, headers: { location: at('/here.csv', 'contoso.sharepoint.com') } };
    routes['/here.csv'] = { body: CSV };
    const { resolver, network } = toSharePoint({ [SHAREPOINT]: ['127.0.0.1'], 'contoso.sharepoint.com': ['127.0.0.1'] });
    await expect(downloader(network).downloads.text(at('/moved.csv'))).resolves.toBe(CSV);
    expect(resolver.asked).toEqual([SHAREPOINT, 'contoso.sharepoint.com']);
  });

  it.each([
    ['loopback', ['127.0.0.1']],
    ['a private network', ['10.0.0.5']],
    ['the cloud metadata address', ['169.254.169.254']],
    ['IPv6 loopback', ['::1']],
    ['IPv4-mapped loopback', ['::ffff:127.0.0.1']],
    ['carrier-grade NAT', ['100.64.0.1']],
    ['IPv6 unique-local', ['fd00::1']],
    ['one private address among public ones', ['13.107.136.9', '127.0.0.1']],
  ])('refuses an allowed host that resolves to %s, before connecting', async (_what, addresses) => {
    const resolver = standInResolver({ [SHAREPOINT]: addresses });
    const { downloads, logs } = downloader({ resolve: resolver.resolve });
    const before = listener.connections();
    const message = await refusal(downloads.text(`https://${SHAREPOINT}:${listener.port}/file.csv`));
    expect(message).toContain(PRIVATE_NETWORK);
    expect(message).not.toContain(SHAREPOINT);
    expect(resolver.asked).toEqual([SHAREPOINT]);
    expect(listener.connections()).toBe(before);
    expect(logs.lines()).toEqual(expect.arrayContaining([expect.objectContaining({ event: 'file.download.refused', reason: 'address-not-public' })]));
  });

  it('refuses a host that is not a SharePoint or OneDrive host without even resolving it', async () => {
    const resolver = standInResolver({ 'files.example.org': ['127.0.0.1'] });
    const { downloads } = downloader({ resolve: resolver.resolve });
    for (const link of [
      `https://files.example.org:${listener.port}/contacts.csv`,
      `https://sharepoint.com.example.org:${listener.port}/contacts.csv`,
      `https://127.0.0.1:${listener.port}/contacts.csv`,
      `https://[::1]:${listener.port}/contacts.csv`,
      `https://169.254.169.254/latest/meta-data/`,
    ]) {
      const message = await refusal(downloads.text(link));
      expect(message).toContain(NOT_SHAREPOINT);
      expect(message).not.toContain('example.org');
    }
    expect(resolver.asked).toEqual([]);
    expect(listener.connections()).toBe(0);
  });

  it('refuses plain http outside local mode, even to a SharePoint host', async () => {
    const resolver = standInResolver({ [SHAREPOINT]: ['13.107.136.9'] });
    const { downloads } = downloader({ resolve: resolver.resolve });
    expect(await refusal(downloads.text(`http://${SHAREPOINT}/file.csv`))).toContain(NOT_HTTPS);
    expect(await refusal(downloads.text(`ftp://${SHAREPOINT}/file.csv`))).toContain(NOT_HTTPS);
    expect(resolver.asked).toEqual([]);
  });

  it('refuses a redirect to a host that is not allowed, to a private address, or to http', async () => {
    routes['/to-elsewhere.csv'] = { status: 302, headers: { location: `https://files.example.org:${listener.port}/x.csv` } };
    routes['/to-internal.csv'] = { status: 307, headers: { location: at('/x.csv', 'internal.sharepoint.com') } };
    routes['/to-http.csv'] = { status: 301, headers: { location: `http://${SHAREPOINT}:${listener.port}/x.csv` } };
    routes['/to-metadata.csv'] = { status: 302, headers: { location: 'http://169.254.169.254/latest/meta-data/' } };
    routes['/nowhere.csv'] = { status: 302 };
    const { resolver, network } = toSharePoint({ [SHAREPOINT]: ['127.0.0.1'], 'internal.sharepoint.com': ['10.1.2.3'], 'files.example.org': ['127.0.0.1'] });
    const { downloads } = downloader(network);
    expect(await refusal(downloads.text(at('/to-elsewhere.csv')))).toContain(NOT_SHAREPOINT);
    expect(await refusal(downloads.text(at('/to-internal.csv')))).toContain(PRIVATE_NETWORK);
    expect(await refusal(downloads.text(at('/to-http.csv')))).toContain(NOT_HTTPS);
    expect(await refusal(downloads.text(at('/to-metadata.csv')))).toContain(NOT_HTTPS);
    expect(await refusal(downloads.text(at('/nowhere.csv')))).toContain('an address I could not read');
    expect(resolver.asked).not.toContain('files.example.org');
    expect(listener.connections()).toBe(0);
  });

  it('stops after a few redirects', async () => {
    routes['/loop.csv'] = { status: 302, headers: { location: at('/loop.csv') } };
    const { network } = toSharePoint({ [SHAREPOINT]: ['127.0.0.1'] });
    const before = sharepoint.requests.filter((path) => path === '/loop.csv').length;
    expect(await refusal(downloader(network).downloads.text(at('/loop.csv')))).toContain('too many other addresses');
    expect(sharepoint.requests.filter((path) => path === '/loop.csv').length - before).toBe(4);
  });

  it('keeps the size cap, declared and streamed, and the timeout', async () => {
    routes['/declared.csv'] = { headers: { 'content-length': '5000' }, body: 'x'.repeat(5000) };
    routes['/streamed.csv'] = { chunks: Array.from({ length: 5 }, () => 'y'.repeat(1000)) };
    routes['/slow.csv'] = { hang: true };
    routes['/gone.csv'] = { status: 404, body: 'expired' };
    const { network } = toSharePoint({ [SHAREPOINT]: ['127.0.0.1'] });
    const { downloads } = downloader(network);
    expect(await refusal(downloads.text(at('/declared.csv')))).toContain('larger than 2 KB');
    expect(await refusal(downloads.text(at('/streamed.csv')))).toContain('larger than 2 KB');
    expect(await refusal(downloads.text(at('/slow.csv')))).toContain('took too long');
    expect(await refusal(downloads.text(at('/gone.csv')))).toContain('the server answered 404');
  });

  it('refuses a certificate it does not trust', async () => {
    routes['/trusted.csv'] = { body: CSV };
    const resolver = standInResolver({ [SHAREPOINT]: ['127.0.0.1'] });
    const { downloads } = downloader({ resolve: resolver.resolve, alsoReachable: [{ address: '127.0.0.1', port: sharepoint.port }] });
    expect(await refusal(downloads.text(at('/trusted.csv')))).toContain('could not download the file');
  });

  it('says so when the link cannot be read, without echoing it', async () => {
    const { downloads } = downloader({ resolve: standInResolver({}).resolve });
    expect(await refusal(downloads.text('not a link at all'))).toBe('The file link Teams sent could not be read. Send the file again.');
  });
});

describe('attached-file downloads in local mode (no app id, as with the Agents Playground)', () => {
  let server: HttpServer;
  let port: number;

  beforeAll(async () => {
    server = createHttpServer((_req, res) => res.end(CSV));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('accepts plain http from this machine (loopback names and addresses only)', async () => {
    const resolver = standInResolver({ localhost: ['127.0.0.1'] });
    const { downloads } = downloader({ resolve: resolver.resolve }, { localMode: true });
    await expect(downloads.text(`http://127.0.0.1:${port}/contacts.csv`)).resolves.toBe(CSV);
    await expect(downloads.text(`http://localhost:${port}/contacts.csv`)).resolves.toBe(CSV);
  });

  it('still refuses private addresses, other hosts over http, and a "localhost" that resolves elsewhere', async () => {
    const resolver = standInResolver({ localhost: ['10.0.0.1'], [SHAREPOINT]: ['127.0.0.1'] });
    const { downloads } = downloader({ resolve: resolver.resolve }, { localMode: true });
    expect(await refusal(downloads.text(`http://localhost:${port}/contacts.csv`))).toContain(PRIVATE_NETWORK);
    expect(await refusal(downloads.text('http://10.0.0.1/contacts.csv'))).toContain(NOT_HTTPS);
    expect(await refusal(downloads.text('https://10.0.0.1/contacts.csv'))).toContain(NOT_SHAREPOINT);
    expect(await refusal(downloads.text(`https://${SHAREPOINT}:${port}/contacts.csv`))).toContain(PRIVATE_NETWORK);
  });

  it('is off when the bot has an app id: loopback is refused like any other private address', async () => {
    const { downloads } = downloader({ resolve: standInResolver({ localhost: ['127.0.0.1'] }).resolve }, { localMode: false });
    expect(await refusal(downloads.text(`http://127.0.0.1:${port}/contacts.csv`))).toContain(NOT_HTTPS);
    expect(await refusal(downloads.text(`https://localhost:${port}/contacts.csv`))).toContain(NOT_SHAREPOINT);
  });
});
