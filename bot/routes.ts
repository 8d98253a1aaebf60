// Every command, card verb, message-extension command and job kind, registered once.
import * as calendar from './commands/calendar';
import * as help from './commands/help';
import * as network from './commands/network';
import * as prompts from './commands/prompts';
import * as roles from './commands/roles';
import * as unknown from './commands/unknown';
import * as networkPrompt from './jobs/networkPrompt';
import { RouteTable } from './routeTable';

export function buildRoutes(): RouteTable {
  return new RouteTable()
    .command({ ...help.route, handle: help.handle })
    .command({ ...roles.grantRoute, handle: roles.grant })
    .command({ ...roles.revokeRoute, handle: roles.revoke })
    .command({ ...roles.listRoute, handle: roles.list })
    .command({ ...network.createRoute, handle: network.create })
    .command({ ...network.listRoute, handle: network.list })
    .command({ ...network.pauseRoute, handle: network.pause })
    .command({ ...network.resumeRoute, handle: network.resume })
    .command({ ...calendar.importRoute, handle: calendar.importCalendar })
    .command({ ...calendar.showRoute, handle: calendar.show })
    .command({ ...prompts.statusRoute, handle: prompts.status })
    .job(networkPrompt.NETWORK_PROMPT_JOB, networkPrompt.handle)
    .unknownText(unknown.handle);
}
