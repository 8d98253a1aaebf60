// `bankholidays refresh` (coordinators): fetches the GOV.UK bank holiday feed (BANK_HOLIDAYS_URL), checks its shape and
// stores it, so every date check (workshops, term calendars, scheduled prompts and digests) uses the latest list
// instead of the snapshot shipped with the bot.
import { noticeCard } from '../../../platform/cards/notice';
import { bankHolidayFeedSchema, bankHolidaysFrom } from '../../../domain/bankHolidays';
import { AppError } from '../../../errors';
import { reply, type CommandInput, type Reply } from '../../../events';
import type { CommandRoute } from '../../../routing/routeTable';
import type { Services } from '../../../platform/services';

export const route = {
  name: 'bankholidays refresh',
  usage: 'bankholidays refresh',
  description: 'Fetch the latest England and Wales bank holidays from GOV.UK.',
  audience: 'coordinator',
} as const satisfies Omit<CommandRoute, 'handle'>;

const TIMEOUT_MS = 15_000;

export async function handle(input: CommandInput, services: Services): Promise<Reply> {
  await services.access.require(input.caller, 'coordinator', 'refresh bank holidays');
  const url = services.config.BANK_HOLIDAYS_URL;
  let body: unknown;
  try {
    const response = await fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(TIMEOUT_MS) });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    body = await response.json();
  } catch (error) {
    throw new AppError('throttled', 'I could not fetch the bank holidays from GOV.UK just now. The current list stays in use; try again later.', { cause: error });
  }
  const feed = bankHolidayFeedSchema.safeParse(body);
  if (!feed.success) {
    throw new AppError('validation', `The bank holiday feed at ${url} is not in the GOV.UK format, so I kept the current list. Check BANK_HOLIDAYS_URL.`);
  }
  await services.bankHolidays.store(feed.data, url, input.now);
  const holidays = bankHolidaysFrom(feed.data);
  const count = feed.data['england-and-wales'].events.length;
  services.logger.info({ event: 'bankholidays.refreshed', count }, 'bank holidays refreshed');
  return reply.card(
    services.cards.render(noticeCard, {
      title: 'Bank holidays refreshed',
      message: `${count} England and Wales bank holidays, up to ${holidays.coversUntil}. Workshop dates, term calendars and network prompts use this list from now on.`,
      style: 'good',
    }),
  );
}
