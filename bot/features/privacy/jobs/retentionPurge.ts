// `retention-purge`: deletes everything whose retention period has ended. The scheduler enqueues it (e.g. nightly);
// it is idempotent, so a repeated or concurrent run deletes nothing twice.
import { z } from 'zod';
import type { Services } from '../../../platform/services';
import { runRetentionPurge } from '../../../platform/privacy/retention';

export const JOB_KIND = 'retention-purge';

/** The payload may pin `now` (ISO) for a catch-up run; by default it is the clock's now. */
const payloadSchema = z.object({ now: z.iso.datetime().optional() }).optional();

export async function handle(payload: unknown, services: Services): Promise<void> {
  const parsed = payloadSchema.parse(payload ?? undefined);
  const now = parsed?.now ? new Date(parsed.now) : services.clock.now();
  const purged = await runRetentionPurge(services.retention, now);
  services.logger.info({ event: 'retention.purged', ...purged }, 'retention purge finished');
}
