// Networks: a conversation as a network group, its area's term calendar and bank holidays, and the half-termly
// prompts (including the after-meeting pulse) the scheduler sends it.
import { defineFeature } from '../../routing/feature';
import { networkPromptCard } from './cards/networkPrompt';
import { BANK_HOLIDAYS_TABLE, BankHolidayRepository } from './bankHolidayRepository';
import * as bankHolidaysRefresh from './commands/bankHolidaysRefresh';
import * as calendar from './commands/calendar';
import * as network from './commands/network';
import * as prompts from './commands/prompts';
import * as networkPrompt from './jobs/networkPrompt';
import { NETWORKS_TABLE, NetworkRepository } from './networkRepository';
import { networkPromptSource } from './promptSource';
import { termCalendarSchoolHolidays, type SchoolHolidays } from './schoolHolidays';
import { TERM_CALENDARS_TABLE, TermCalendarRepository } from './termCalendarRepository';

export interface NetworksServices {
  readonly networks: NetworkRepository;
  readonly termCalendars: TermCalendarRepository;
  /** England-and-Wales bank holidays: the refreshed GOV.UK feed, else the shipped snapshot. */
  readonly bankHolidays: BankHolidayRepository;
  /** The area's school holidays where term dates are configured. */
  readonly schoolHolidays: SchoolHolidays;
}

declare module '../../platform/services' {
  interface FeatureServices extends NetworksServices {}
}

export const networksFeature = defineFeature({
  name: 'networks',
  cards: [networkPromptCard],
  tables: [NETWORKS_TABLE, TERM_CALENDARS_TABLE, BANK_HOLIDAYS_TABLE],
  services: ({ platform }): NetworksServices => {
    const bankHolidays = new BankHolidayRepository(platform.storage, platform.logger);
    const termCalendars = new TermCalendarRepository(platform.storage);
    return {
      networks: new NetworkRepository(platform.storage),
      termCalendars,
      bankHolidays,
      schoolHolidays: termCalendarSchoolHolidays(termCalendars, bankHolidays),
    };
  },
  commands: [
    { ...bankHolidaysRefresh.route, handle: bankHolidaysRefresh.handle },
    { ...network.createRoute, handle: network.create },
    { ...network.listRoute, handle: network.list },
    { ...network.pauseRoute, handle: network.pause },
    { ...network.resumeRoute, handle: network.resume },
    { ...calendar.importRoute, handle: calendar.importCalendar },
    { ...calendar.showRoute, handle: calendar.show },
    { ...prompts.statusRoute, handle: prompts.status },
  ],
  fanoutJobs: [{ kind: networkPrompt.NETWORK_PROMPT_JOB, handle: networkPrompt.handle }],
  dueSources: [networkPromptSource],
});
