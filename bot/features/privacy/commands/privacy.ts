// `privacy export|delete` (everyone, personal chat) and `privacy purge` (coordinators): data protection on demand.
import { noticeCard } from '../../../platform/cards/notice';
import { privacyDeleteCard } from '../cards/privacy';
import { DELETE_VERB } from '../cardActions/privacyDelete';
import { validationError } from '../../../errors';
import { reply, type CommandInput, type Reply } from '../../../events';
import type { CommandRoute } from '../../../routing/routeTable';
import type { Services } from '../../../platform/services';
import { deliverFile } from '../../../platform/files/deliver';
import { exportPersonalData } from '../../../platform/privacy/personalData';
import { runRetentionPurge } from '../../../platform/privacy/retention';

export const exportRoute = {
  name: 'privacy export',
  usage: 'privacy export',
  description: 'Get a file of everything the bot holds about you (personal chat).',
  audience: 'everyone',
} as const satisfies Omit<CommandRoute, 'handle'>;

export const deleteRoute = {
  name: 'privacy delete',
  usage: 'privacy delete',
  description: 'Erase everything the bot holds about you, after you confirm (personal chat).',
  audience: 'everyone',
} as const satisfies Omit<CommandRoute, 'handle'>;

export const purgeRoute = {
  name: 'privacy purge',
  usage: 'privacy purge',
  description: 'Delete now everything whose retention period has ended (this also runs on a schedule).',
  audience: 'coordinator',
} as const satisfies Omit<CommandRoute, 'handle'>;

function requirePersonal(input: CommandInput, command: string): void {
  if (input.place.scope !== 'personal') {
    throw validationError(`Use "${command}" in your personal chat with me, so your data stays between us.`);
  }
}

export async function exportData(input: CommandInput, services: Services): Promise<Reply> {
  requirePersonal(input, exportRoute.name);
  const { tenantId, aadObjectId } = input.caller;
  const data = await exportPersonalData(services.personalData, tenantId, aadObjectId, input.now);
  const message = await deliverFile(
    input.caller,
    {
      fileName: `my-link-programme-data-${input.now.toISOString().slice(0, 10)}.json`,
      contentType: 'application/json',
      content: JSON.stringify(data, null, 2),
      title: 'Everything the bot holds about you',
      description: `One JSON file with your data from ${Object.keys(data.data).length} places: ${Object.keys(data.data).join(', ')}.`,
    },
    input.now,
    services,
  );
  await services.audit.record({ tenantId, actor: aadObjectId, action: 'privacy.export', target: aadObjectId, at: input.now });
  services.logger.info({ event: 'privacy.exported', sources: Object.keys(data.data).length, activityId: input.activityId }, 'personal data exported');
  return reply.of(message);
}

// async so that requirePersonal's refusal rejects the promise, as every command handler's refusals do.
// eslint-disable-next-line @typescript-eslint/require-await
export async function deleteData(input: CommandInput, services: Services): Promise<Reply> {
  requirePersonal(input, deleteRoute.name);
  return reply.card(services.cards.render(privacyDeleteCard, { verb: DELETE_VERB, subject: input.caller.aadObjectId }));
}

export async function purge(input: CommandInput, services: Services): Promise<Reply> {
  await services.access.require(input.caller, 'coordinator', 'run the retention purge');
  const purged = await runRetentionPurge(services.retention, input.now);
  await services.audit.record({ tenantId: input.caller.tenantId, actor: input.caller.aadObjectId, action: 'privacy.purge', target: 'retention', at: input.now });
  services.logger.info({ event: 'retention.purged', ...purged, activityId: input.activityId }, 'retention purge run on demand');
  const { RETENTION_RESPONSES_MONTHS, RETENTION_PANEL_CASES_MONTHS, RETENTION_AUDIT_MONTHS } = services.config;
  return reply.card(
    services.cards.render(noticeCard, {
      title: 'Retention purge done',
      message: `Deleted what had passed its retention period: survey responses after ${RETENTION_RESPONSES_MONTHS} months, panel cases ${RETENTION_PANEL_CASES_MONTHS} months after advice, audit entries after ${RETENTION_AUDIT_MONTHS} months, expired download files.`,
      details: Object.entries(purged).map(([kind, count]) => `${kind}: ${count} deleted`),
      style: 'good',
    }),
  );
}
