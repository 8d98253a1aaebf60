// This machine's own addresses, to show a server listens on loopback only: it must refuse connections on any other.
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';

/** An IPv4 address of this machine that is not loopback (a test machine or container always has one). */
export function nonLoopbackAddress(): string {
  const address = Object.values(networkInterfaces())
    .flat()
    .find((entry) => entry !== undefined && entry.family === 'IPv4' && !entry.internal)?.address;
  if (!address) throw new Error('This machine has no IPv4 address other than loopback, so a loopback-only listener cannot be told apart.');
  return address;
}

/** Whether a TCP connection to host:port is refused (nothing listens there), as against accepted. */
export function refusesConnections(host: string, port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, host);
    socket.setTimeout(3000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNREFUSED' ? resolve(true) : reject(error)));
    socket.once('timeout', () => {
      socket.destroy();
      reject(new Error(`Connecting to ${host}:${port} neither succeeded nor was refused within 3 s.`));
    });
  });
}
