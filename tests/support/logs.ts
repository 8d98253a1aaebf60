// A logger whose lines a test can read back, to check what was (and was not) logged.
import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../bot/logger';

export interface CapturedLogs {
  readonly logger: Logger;
  readonly lines: () => Record<string, unknown>[];
  readonly raw: () => string;
}

export function captureLogs(level = 'debug'): CapturedLogs {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString());
      callback();
    },
  });
  const logger = createLogger(level, stream);
  return {
    logger,
    raw: () => chunks.join(''),
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter((line) => line.trim().length > 0)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}
