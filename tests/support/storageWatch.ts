// What the app has stored, and what it asks of storage: a snapshot of every table and queue under the app's prefix, and
// a record of every storage call made while watching, to show a refused request read or wrote nothing.
import { TableClient } from '@azure/data-tables';
import { QueueClient } from '@azure/storage-queue';
import { QUEUES, TABLES } from '../../bot/app';
import type { RunningApp } from './testApp';

/** Every row of every table ("table partition|row": its fields) and the message count of every queue. */
export async function snapshotStorage(app: RunningApp): Promise<Map<string, string>> {
  const snapshot = new Map<string, string>();
  await Promise.all(
    TABLES.map(async (name) => {
      for await (const row of app.app.services.storage.table(name).listEntities()) {
        const { etag: _etag, timestamp: _timestamp, ...fields } = row as Record<string, unknown>;
        snapshot.set(`${name} ${String(row.partitionKey)}|${String(row.rowKey)}`, JSON.stringify(fields));
      }
    }),
  );
  for (const name of QUEUES) {
    const count = (await app.app.services.storage.queue(name).getProperties()).approximateMessagesCount ?? 0;
    if (count > 0) snapshot.set(`queue ${name}`, String(count));
  }
  return snapshot;
}

/** The rows added, changed or removed between two snapshots, by key. */
export function changesBetween(before: Map<string, string>, after: Map<string, string>): string[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys].filter((key) => before.get(key) !== after.get(key)).sort();
}

const TABLE_CALLS = ['getEntity', 'listEntities', 'createEntity', 'upsertEntity', 'updateEntity', 'deleteEntity', 'submitTransaction'] as const;
const QUEUE_CALLS = ['sendMessage', 'receiveMessages', 'peekMessages', 'deleteMessage', 'updateMessage', 'clearMessages'] as const;

export interface StorageWatch {
  /** "table.createEntity", "queue.sendMessage" ... for each call made while watching, in order. */
  readonly calls: string[];
  stop(): void;
}

/** Records every call the process makes to a table or queue client from now until `stop()`. */
export function watchStorage(): StorageWatch {
  const calls: string[] = [];
  const watch = <T extends object>(prototype: T, kind: string, methods: readonly string[]) =>
    methods.map((method) => {
      const original = (prototype as Record<string, (...args: unknown[]) => unknown>)[method]!;
      return jest.spyOn(prototype as Record<string, (...args: unknown[]) => unknown>, method).mockImplementation(function (this: unknown, ...args: unknown[]) {
        calls.push(`${kind}.${method}`);
        return original.apply(this, args);
      });
    });
  const spies = [...watch(TableClient.prototype, 'table', TABLE_CALLS), ...watch(QueueClient.prototype, 'queue', QUEUE_CALLS)];
  return { calls, stop: () => spies.forEach((spy) => spy.mockRestore()) };
}
