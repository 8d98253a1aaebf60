// What the bot keeps about each conversation it is in (installationRepository.ts stores it in the `installations` table).
import type { ConversationReference, ConversationScope } from '../../events';

export type InstallationStatus = 'active' | 'stale';

export interface Installation {
  readonly tenantId: string;
  readonly conversationId: string;
  readonly scope: ConversationScope;
  readonly status: InstallationStatus;
  readonly reference: ConversationReference;
  readonly teamId?: string;
  /** The team's Microsoft 365 group id, for Microsoft Graph. */
  readonly teamAadGroupId?: string;
  readonly channelId?: string;
  readonly name?: string;
  readonly updated: Date;
  /** Why it went stale (e.g. `removed`, `403`, `404`); never user text. */
  readonly staleReason?: string;
}
