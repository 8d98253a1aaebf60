// Your data: `privacy export|delete` over every feature's personal-data sources, the retention purge (on demand and
// daily at 02:00) over every feature's retention rules, and the coordinators' `audit`. It also gives the sources and
// rules for what the platform itself stores about people: personal chats, download files and the audit log.
import { retentionCutoff } from '../../domain/retention';
import { defineFeature } from '../../routing/feature';
import { privacyDeleteCard } from './cards/privacy';
import * as privacyDelete from './cardActions/privacyDelete';
import * as audit from './commands/audit';
import * as privacy from './commands/privacy';
import * as retentionPurge from './jobs/retentionPurge';
import { auditSource, downloadsSource, personalChatsSource } from './personalDataSources';

export const privacyFeature = defineFeature({
  name: 'privacy',
  cards: [privacyDeleteCard],
  commands: [
    { ...privacy.exportRoute, handle: privacy.exportData },
    { ...privacy.deleteRoute, handle: privacy.deleteData },
    { ...privacy.purgeRoute, handle: privacy.purge },
    { ...audit.route, handle: audit.handle },
  ],
  cardActions: [privacyDelete.action],
  jobs: [{ kind: retentionPurge.JOB_KIND, handle: retentionPurge.handle }],
  /** Daily maintenance, at a quiet London hour. */
  dailyJobs: [{ kind: retentionPurge.JOB_KIND, at: '02:00' }],
  personalData: (services) => [personalChatsSource(services.installations), downloadsSource(services.downloads), auditSource(services.audit)],
  retention: ({ audit: log, downloads, config }) => [
    { kind: 'audit', purgeExpired: (now) => log.purgeOlderThan(retentionCutoff(now, config.RETENTION_AUDIT_MONTHS)) },
    { kind: 'downloads', purgeExpired: (now) => downloads.purgeExpired(now) },
  ],
});
