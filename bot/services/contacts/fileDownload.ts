// Fetches a file a person sent the bot (Teams gives a short-lived, pre-authorised download URL) with a size cap and a timeout.
import { validationError } from '../../errors';

export interface DownloadLimits {
  readonly maxBytes: number;
  readonly timeoutMs: number;
  /** Plain http is only accepted in local mode (Agents Playground, tests); Teams always gives https. */
  readonly allowHttp: boolean;
}

export async function downloadText(url: string, limits: DownloadLimits): Promise<string> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw validationError('The file link Teams sent could not be read. Send the file again.');
  }
  if (parsed.protocol !== 'https:' && !(limits.allowHttp && parsed.protocol === 'http:')) {
    throw validationError('The file link Teams sent is not a secure (https) link, so I did not open it. Send the file again.');
  }
  const tooLarge = () =>
    validationError(`The file is larger than ${Math.round(limits.maxBytes / 1024)} KB, the most I accept. Split the directory or remove unused columns, and send it again.`);
  let response: Response;
  const signal = AbortSignal.timeout(limits.timeoutMs);
  try {
    response = await fetch(parsed, { signal, redirect: 'follow' });
  } catch {
    throw validationError('I could not download the file (it took too long or the link has expired). Send the file again.');
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw validationError(`I could not download the file (the server answered ${response.status}). Send the file again; download links expire after a few minutes.`);
  }
  const declared = Number(response.headers.get('content-length') ?? '');
  if (Number.isFinite(declared) && declared > limits.maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body?.getReader();
  if (!reader) return '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > limits.maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge();
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof Error && error.name === 'AppError') throw error;
    throw validationError('I could not download the file (it took too long or the connection dropped). Send the file again.');
  }
  const bytes = Buffer.concat(chunks);
  const text = new TextDecoder('utf-8', { fatal: true });
  try {
    return text.decode(bytes);
  } catch {
    throw validationError('The file is not text (CSV or JSON saved as UTF-8). In Excel use "Save as: CSV UTF-8" and send it again.');
  }
}
