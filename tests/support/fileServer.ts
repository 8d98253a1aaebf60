// Stands in for SharePoint's pre-authorised download URLs in local-mode end-to-end tests: plain http on 127.0.0.1.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FileServer {
  readonly url: string;
  readonly requests: string[];
  close(): Promise<void>;
}

export interface ServedFile {
  readonly status?: number;
  readonly body: string | Buffer;
  /** Never answers: the download must time out. */
  readonly hang?: boolean;
}

export async function startFileServer(files: Record<string, ServedFile>): Promise<FileServer> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const file = files[req.url ?? ''];
    if (!file) {
      res.writeHead(404);
      res.end('not found');
      return;
    }
    if (file.hang) return;
    res.writeHead(file.status ?? 200, { 'content-type': 'application/octet-stream' });
    res.end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The personal-chat file message fixture with its attachment pointed at `downloadUrl`. */
export function withAttachment(activity: Record<string, unknown>, downloadUrl: string, fileType: string, name: string): Record<string, unknown> {
  const [file, html] = activity.attachments as Record<string, unknown>[];
  const content = { ...(file!.content as Record<string, unknown>), downloadUrl, fileType };
  return { ...activity, attachments: [{ ...file, content, name }, html] };
}
