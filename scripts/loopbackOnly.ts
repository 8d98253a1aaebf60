// Preloaded into the Agents Playground by `npm run dev` (`node --require`): the Playground has no host option and
// listens on every interface, and in local mode nothing is authenticated, so every server it starts without naming
// a host listens on loopback only. PLAYGROUND_HOST may name another address on purpose.
import net from 'node:net';

const host = process.env.PLAYGROUND_HOST || '127.0.0.1';
// eslint-disable-next-line @typescript-eslint/unbound-method -- kept only to be called with .apply(server) below
const listen = net.Server.prototype.listen as (this: net.Server, ...args: unknown[]) => net.Server;

function isPort(value: unknown): boolean {
  return value === undefined || value === null || typeof value === 'number' || (typeof value === 'string' && /^\d+$/.test(value));
}

function withHost(args: unknown[]): unknown[] {
  const [first, second] = args;
  if (typeof first === 'object' && first !== null) {
    // listen(options[, callback]): only a TCP listen without a host; a path, handle or fd is left alone.
    const options = first as { host?: unknown; path?: unknown; port?: unknown };
    if (options.host === undefined && options.path === undefined && 'port' in options) return [{ ...options, host }, ...args.slice(1)];
    return args;
  }
  if (!isPort(first) || typeof second === 'string') return args;
  // listen(port[, host][, backlog][, callback]) with no host: an explicit undefined host is replaced, else one is added.
  if (args.length > 1 && second === undefined) return [first, host, ...args.slice(2)];
  return [first, host, ...args.slice(1)];
}

net.Server.prototype.listen = function listenOnLoopback(this: net.Server, ...args: unknown[]): net.Server {
  return listen.apply(this, withHost(args));
} as typeof net.Server.prototype.listen;
