// Fetches a file a person attached in Teams: only from the SharePoint/OneDrive hosts in FILE_DOWNLOAD_HOSTS, over https,
// only to public addresses (checked on the very address connected to, and again on every redirect), size-capped and timed.
import type { LookupAddress } from 'node:dns';
import { lookup as systemLookup } from 'node:dns/promises';
import { request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { AppError, validationError } from '../../errors';
import type { Logger } from '../../logger';

export interface ResolvedAddress {
  readonly address: string;
  readonly family: 4 | 6;
}

/** Every address a host name resolves to. */
export type Resolver = (hostname: string) => Promise<readonly ResolvedAddress[]>;

/**
 * How downloads reach the network. Production uses the system resolver and Node's root certificates; tests pass a
 * resolver stand-in, their own certificate authority and their own listener. Nothing here is read from configuration.
 */
export interface DownloadNetwork {
  readonly resolve: Resolver;
  /** Certificate authorities to trust instead of Node's roots (a test's self-signed certificate). */
  readonly ca?: string;
  /** Exact address and port pairs that may be connected to although they are not public: a test's own listener. */
  readonly alsoReachable?: readonly { readonly address: string; readonly port: number }[];
}

export interface AttachmentDownloadSettings {
  /** Host patterns from FILE_DOWNLOAD_HOSTS: `contoso.sharepoint.com`, or `*.sharepoint.com` for any subdomain. */
  readonly allowedHosts: readonly string[];
  /** No app id: files may also come from this machine (loopback, http allowed), where a local server stands in for SharePoint. */
  readonly localMode: boolean;
  readonly maxBytes: number;
  readonly timeoutMs: number;
}

export const systemNetwork: DownloadNetwork = {
  resolve: async (hostname) =>
    (await systemLookup(hostname, { all: true, verbatim: true })).map((entry) => ({ address: entry.address, family: entry.family === 6 ? 6 : 4 })),
};

/** SharePoint's download links answer directly; a few hops allow for a move between hosts, never a chain. */
const MAX_REDIRECTS = 3;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** IPv6 global unicast (2000::/3): anything outside it is local, special or not yet allocated. */
const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3');

type Refusal = 'not-https' | 'host-not-allowed' | 'address-not-public' | 'too-many-redirects' | 'bad-redirect';

const refusalMessages: Record<Refusal, string> = {
  'not-https': 'The file link Teams sent is not a secure (https) link, so I did not open it. Send the file again.',
  'host-not-allowed':
    'I only open files Teams stores in SharePoint or OneDrive, and this link points somewhere else, so I did not open it. Attach the file to a message in this chat and send it again.',
  'address-not-public':
    'I only open files Teams stores in SharePoint or OneDrive, and this link does not lead there (it points into a private network), so I did not open it. Attach the file to a message in this chat and send it again.',
  'too-many-redirects': 'The file link sent me on through too many other addresses, so I stopped. Send the file again.',
  'bad-redirect': 'The file link sent me on to an address I could not read, so I stopped. Send the file again.',
};

/** Thrown by the guarded look-up, so the connection attempt ends before a socket is opened. */
class AddressRefused extends Error {
  constructor() {
    super('address refused');
    this.name = 'AddressRefused';
  }
}

/** `*.sharepoint.com` matches any subdomain of sharepoint.com (not sharepoint.com itself); other patterns match exactly. */
export function hostAllowed(hostname: string, patterns: readonly string[]): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return patterns.some((pattern) => {
    if (!pattern.startsWith('*.')) return host === pattern;
    const suffix = pattern.slice(1);
    return host.length > suffix.length && host.endsWith(suffix);
  });
}

/** Only public unicast addresses; an IPv4-mapped IPv6 address is judged as the IPv4 address it carries. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  const parsed = ipaddr.process(address);
  if (parsed.range() !== 'unicast') return false;
  return parsed.kind() === 'ipv4' || (parsed as ipaddr.IPv6).match(GLOBAL_UNICAST_V6);
}

function isLoopbackAddress(address: string): boolean {
  return ipaddr.isValid(address) && ipaddr.process(address).range() === 'loopback';
}

/** URL hostnames keep IPv6 brackets and may end with the root dot. */
function bareHost(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
}

function portOf(url: URL): number {
  return url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
}

export class AttachmentDownloads {
  constructor(
    private readonly settings: AttachmentDownloadSettings,
    private readonly logger: Logger,
    private readonly network: DownloadNetwork = systemNetwork,
  ) {}

  /** The file's text (UTF-8), or a validation error that says what was wrong and what to do; never echoes the link. */
  async text(link: string): Promise<string> {
    return this.body(await this.open(link, AbortSignal.timeout(this.settings.timeoutMs)));
  }

  /**
   * The file's bytes as they arrive, for a file too large to hold whole (the national school register): the same
   * checks as `text`, with its own size cap and time limit (the whole download, redirects included). The stream fails
   * with a validation error when the file turns out larger than `limits.maxBytes` or the download stops.
   */
  async stream(link: string, limits: { readonly maxBytes: number; readonly timeoutMs: number }): Promise<AsyncIterable<Buffer>> {
    const response = await this.open(link, AbortSignal.timeout(limits.timeoutMs));
    this.checkAnswer(response, limits.maxBytes);
    const tooLarge = () => this.tooLarge(limits.maxBytes);
    return (async function* chunks(): AsyncGenerator<Buffer> {
      let total = 0;
      try {
        for await (const chunk of response as AsyncIterable<Buffer>) {
          total += chunk.byteLength;
          if (total > limits.maxBytes) {
            response.destroy();
            throw tooLarge();
          }
          yield chunk;
        }
      } catch (error) {
        if (error instanceof AppError) throw error;
        throw validationError('I could not download the whole file (it took too long or the connection dropped). Send the file again.');
      } finally {
        if (!response.complete) response.destroy();
      }
    })();
  }

  /** Sends the GET and follows redirects (each checked like the first request) to the answer that is not one. */
  private async open(link: string, signal: AbortSignal): Promise<IncomingMessage> {
    let url = this.parse(link);
    for (let hop = 0; ; hop += 1) {
      const response = await this.get(url, signal);
      if (!REDIRECT_STATUSES.has(response.statusCode ?? 0)) return response;
      response.resume();
      if (hop >= MAX_REDIRECTS) throw this.refuse('too-many-redirects');
      url = this.redirectTarget(response.headers.location, url);
    }
  }

  /** A non-2xx answer, or a declared length over the cap, ends the download before its body is read. */
  private checkAnswer(response: IncomingMessage, maxBytes: number): void {
    const status = response.statusCode ?? 0;
    if (status < 200 || status > 299) {
      response.resume();
      throw validationError(`I could not download the file (the server answered ${status}). Send the file again; download links expire after a few minutes.`);
    }
    const declared = Number(response.headers['content-length'] ?? '');
    if (Number.isFinite(declared) && declared > maxBytes) {
      response.destroy();
      throw this.tooLarge(maxBytes);
    }
  }

  private tooLarge(maxBytes: number): AppError {
    return validationError(`The file is larger than ${Math.round(maxBytes / 1024)} KB, the most I accept. Split the file or remove unused columns, and send it again.`);
  }

  private parse(link: string): URL {
    try {
      return new URL(link);
    } catch {
      throw validationError('The file link Teams sent could not be read. Send the file again.');
    }
  }

  private redirectTarget(location: string | undefined, from: URL): URL {
    if (!location) throw this.refuse('bad-redirect');
    try {
      return new URL(location, from);
    } catch {
      throw this.refuse('bad-redirect');
    }
  }

  private refuse(reason: Refusal): AppError {
    this.logger.warn({ event: 'file.download.refused', reason }, 'attachment download refused');
    return validationError(refusalMessages[reason]);
  }

  /** Local mode lets a server on this machine stand in for SharePoint: loopback names and addresses only. */
  private isLocalTarget(url: URL): boolean {
    if (!this.settings.localMode) return false;
    const host = bareHost(url).toLowerCase();
    return host === 'localhost' || isLoopbackAddress(host);
  }

  /** May a connection for this URL go to this address? */
  private reachable(address: string, url: URL, local: boolean): boolean {
    const normalised = ipaddr.isValid(address) ? ipaddr.process(address).toString() : address;
    const port = portOf(url);
    const exempt = (this.network.alsoReachable ?? []).some(
      (entry) => entry.port === port && ipaddr.isValid(entry.address) && ipaddr.process(entry.address).toString() === normalised,
    );
    if (exempt) return true;
    return local ? isLoopbackAddress(address) : isPublicAddress(address);
  }

  /**
   * Node calls this instead of the system resolver when it opens the socket, so the addresses checked are the ones
   * connected to: a name that resolves differently a moment later (DNS rebinding) cannot slip past the check.
   */
  private guardedLookup(url: URL, local: boolean): LookupFunction {
    return (hostname, options, callback) => {
      this.network.resolve(hostname).then(
        (addresses) => {
          // One private address among public ones refuses the lot: the connection could be made to any of them.
          if (addresses.length === 0 || addresses.some((entry) => !this.reachable(entry.address, url, local))) {
            callback(new AddressRefused(), '', 0);
            return;
          }
          const wanted = options.family === 4 || options.family === 6 ? addresses.filter((entry) => entry.family === options.family) : addresses;
          const usable = wanted.length > 0 ? wanted : addresses;
          const [first] = usable;
          if (options.all) callback(null, usable.map((entry): LookupAddress => ({ address: entry.address, family: entry.family })));
          else if (first === undefined) callback(new AddressRefused(), '', 0);
          else callback(null, first.address, first.family);
        },
        (error: unknown) => callback(error instanceof Error ? error : new AddressRefused(), '', 0),
      );
    };
  }

  /** Checks the URL, then sends one GET whose connection can only reach an address that passes the same rules. */
  private async get(url: URL, signal: AbortSignal): Promise<IncomingMessage> {
    const local = this.isLocalTarget(url);
    if (url.protocol !== 'https:' && !(local && url.protocol === 'http:')) throw this.refuse('not-https');
    if (!local && !hostAllowed(bareHost(url), this.settings.allowedHosts)) throw this.refuse('host-not-allowed');
    // Node skips the look-up for an address written in the URL, so check that one here.
    const literal = bareHost(url);
    if (isIP(literal) !== 0 && !this.reachable(literal, url, local)) throw this.refuse('address-not-public');

    const options: RequestOptions & { ca?: string } = {
      method: 'GET',
      headers: { accept: '*/*', 'accept-encoding': 'identity' },
      lookup: this.guardedLookup(url, local),
      // A fresh connection per request: no pooled socket skips the look-up above.
      agent: false,
      signal,
      ...(this.network.ca ? { ca: this.network.ca } : {}),
    };
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<IncomingMessage>((resolve, reject) => {
      const request = send(url, options, resolve);
      request.once('error', (error) => {
        if (error instanceof AddressRefused || (error as { cause?: unknown }).cause instanceof AddressRefused) reject(this.refuse('address-not-public'));
        else reject(validationError('I could not download the file (it took too long, the link has expired or the server could not be reached). Send the file again.'));
      });
      request.end();
    });
  }

  private async body(response: IncomingMessage): Promise<string> {
    this.checkAnswer(response, this.settings.maxBytes);
    const tooLarge = () => this.tooLarge(this.settings.maxBytes);
    const chunks: Buffer[] = [];
    let total = 0;
    try {
      for await (const chunk of response as AsyncIterable<Buffer>) {
        total += chunk.byteLength;
        if (total > this.settings.maxBytes) {
          response.destroy();
          throw tooLarge();
        }
        chunks.push(chunk);
      }
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw validationError('I could not download the file (it took too long or the connection dropped). Send the file again.');
    }
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
    } catch {
      throw validationError('The file is not text (CSV or JSON saved as UTF-8). In Excel use "Save as: CSV UTF-8" and send it again.');
    }
  }
}
