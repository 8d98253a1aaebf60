// The bank holidays every date check uses: the GOV.UK feed saved by `bankholidays refresh` (the `bankHolidays` table,
// one row: PartitionKey the division, RowKey `current`), or the snapshot shipped with the bot until someone refreshes it.
// Shared by every tenant on purpose: it is the national England and Wales list, the same for everyone, and holds
// nothing a tenant wrote (a refresh stores only the validated GOV.UK feed). What differs by area, the school terms, is
// in the tenant-scoped `termCalendars` table.
import { z } from 'zod';
import snapshot from './data/bank-holidays.json';
import { bankHolidaysFrom, type BankHolidayFeed } from '../../domain/bankHolidays';
import type { BankHolidaySource } from './domain/schoolHolidays';
import type { Logger } from '../../logger';
import { getIfExists, type StorageAccount } from '../../platform/storage/account';
import { toKey } from '../../platform/storage/keys';

export const BANK_HOLIDAYS_TABLE = 'bankHolidays';

const DIVISION = 'england-and-wales';
const ROW = 'current';

const rowSchema = z.object({ feed: z.string(), fetched: z.coerce.date(), source: z.string() });

const SHIPPED = bankHolidaysFrom(snapshot);

export class BankHolidayRepository {
  constructor(
    private readonly storage: StorageAccount,
    private readonly logger: Logger,
  ) {}

  private get table() {
    return this.storage.table(BANK_HOLIDAYS_TABLE);
  }

  /** The last refreshed list, or the shipped snapshot when nobody has refreshed it. */
  async current(): Promise<BankHolidaySource> {
    const entity = await getIfExists(this.table, toKey(DIVISION), ROW);
    if (!entity) return { holidays: SHIPPED, from: 'snapshot' };
    try {
      const row = rowSchema.parse(entity);
      return { holidays: bankHolidaysFrom(JSON.parse(row.feed)), from: row.fetched };
    } catch (error) {
      // A row `bankholidays refresh` did not write (it validates first): prompts and date checks must not stop over it.
      // A refresh replaces it.
      this.logger.warn({ event: 'bankholidays.saved-unreadable', name: (error as Error).name }, 'the saved bank holiday list could not be read; using the shipped one until "bankholidays refresh" runs');
      return { holidays: SHIPPED, from: 'snapshot' };
    }
  }

  /** Stores a validated feed (England and Wales only: the other divisions are not used and would only add size). */
  async store(feed: BankHolidayFeed, source: string, fetched: Date): Promise<void> {
    const kept = { [DIVISION]: feed[DIVISION] };
    await this.table.upsertEntity({ partitionKey: toKey(DIVISION), rowKey: ROW, feed: JSON.stringify(kept), fetched, source }, 'Replace');
  }
}

