// The storage account: table and queue clients for Azure Storage or Azurite, created once and shared.
import { TableClient, TableServiceClient, odata, type TableEntityResult } from '@azure/data-tables';
import { QueueClient, QueueServiceClient } from '@azure/storage-queue';
import { StorageError, translatingStorageErrors } from './storageErrors';

export { odata };

export interface StorageAccount {
  /**
   * A client for one of our tables; the configured prefix keeps environments sharing an account apart. What it throws
   * is an AppError (a `StorageError`: conflict, not-found, storage-unavailable or internal), never a RestError.
   */
  table(name: string): TableClient;
  queue(name: string): QueueClient;
  /** Creates the tables and queues if missing; safe to run on every start and on every instance. */
  ensure(tables: readonly string[], queues?: readonly string[]): Promise<void>;
  /** Resolves when the table service answers; for /healthz. */
  ping(timeoutMs: number): Promise<void>;
}

export function isDevelopmentStorage(connectionString: string): boolean {
  return /UseDevelopmentStorage=true/i.test(connectionString) || /127\.0\.0\.1|localhost/i.test(connectionString);
}

export function createStorageAccount(connectionString: string, prefix: string): StorageAccount {
  const allowInsecureConnection = isDevelopmentStorage(connectionString);
  const options = { allowInsecureConnection, retryOptions: { maxRetries: 3, retryDelayInMs: 200, maxRetryDelayInMs: 2000 } };
  const tableService = TableServiceClient.fromConnectionString(connectionString, options);
  const queueService = QueueServiceClient.fromConnectionString(connectionString, { retryOptions: { maxTries: 4 } });
  const tables = new Map<string, TableClient>();
  const queues = new Map<string, QueueClient>();
  const tableName = (name: string): string => `${prefix}${name}`;
  const queueName = (name: string): string => `${prefix}${name}`.toLowerCase();

  const table = (name: string): TableClient => {
    let client = tables.get(name);
    if (!client) {
      client = translatingStorageErrors(TableClient.fromConnectionString(connectionString, tableName(name), options));
      tables.set(name, client);
    }
    return client;
  };
  const queue = (name: string): QueueClient => {
    let client = queues.get(name);
    if (!client) {
      client = queueService.getQueueClient(queueName(name));
      queues.set(name, client);
    }
    return client;
  };

  return {
    table,
    queue,
    async ensure(tableNames, queueNames = []) {
      await Promise.all([
        ...tableNames.map((name) => tableService.createTable(tableName(name))),
        ...queueNames.map((name) => queue(name).createIfNotExists()),
      ]);
    },
    async ping(timeoutMs) {
      const abortSignal = AbortSignal.timeout(timeoutMs);
      await tableService.getProperties({ abortSignal });
    },
  };
}

/** True when Table Storage says the entity or table is not there; for repositories, which answer in their own terms. */
export function isNotFound(error: unknown): boolean {
  return error instanceof StorageError ? error.code === 'not-found' : statusOf(error) === 404;
}

/** The entity, or undefined when the row (or its table) is not there; any other failure is thrown. */
export async function getIfExists<T extends object = Record<string, unknown>>(
  table: TableClient,
  partitionKey: string,
  rowKey: string,
): Promise<TableEntityResult<T> | undefined> {
  try {
    return await table.getEntity<T>(partitionKey, rowKey);
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/** Deletes the entity; false when it was already gone (a repeated run or another instance got there first). */
export async function deleteIfExists(table: TableClient, partitionKey: string, rowKey: string): Promise<boolean> {
  try {
    await table.deleteEntity(partitionKey, rowKey);
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}

/**
 * True when an insert met an existing entity, or an update met a newer ETag (alone or in a transaction); for
 * repositories. Handlers never look at storage: they catch an AppError with code `conflict` (`hasCode`, `reworded` in errors.ts).
 */
export function isConflict(error: unknown): boolean {
  if (error instanceof StorageError) return error.code === 'conflict';
  const status = statusOf(error);
  return status === 409 || status === 412;
}

/** The HTTP status a storage call failed with, if it got an answer; for logs and the checks above. */
export function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const status = (error as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' ? status : undefined;
}
