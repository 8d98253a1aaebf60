// The `welcomes` table: one row per conversation the welcome card was sent to, so each is greeted once however often
// the app is re-installed, however many instances receive the event, and across restarts.
// PartitionKey the tenant id, RowKey the conversation id; the row holds only when and in which kind of conversation.
import type { ConversationScope } from '../../events';
import { isConflict, type StorageAccount } from '../../platform/storage/account';
import { toKey } from '../../platform/storage/keys';

export const WELCOMES_TABLE = 'welcomes';

export class WelcomeRepository {
  constructor(private readonly storage: StorageAccount) {}

  /**
   * Claims the conversation's one welcome: true for the first caller only. An insert-if-absent, so two instances
   * handling the same install at once send one welcome between them.
   */
  async claim(tenantId: string, conversationId: string, scope: ConversationScope, now: Date): Promise<boolean> {
    try {
      await this.storage.table(WELCOMES_TABLE).createEntity({ partitionKey: toKey(tenantId), rowKey: toKey(conversationId), scope, welcomed: now });
      return true;
    } catch (error) {
      if (isConflict(error)) return false;
      throw error;
    }
  }
}
