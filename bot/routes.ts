// Every command, card verb, message-extension command and job kind, registered once.
import * as help from './commands/help';
import * as roles from './commands/roles';
import * as unknown from './commands/unknown';
import { RouteTable } from './routeTable';

export function buildRoutes(): RouteTable {
  return new RouteTable()
    .command({ ...help.route, handle: help.handle })
    .command({ ...roles.grantRoute, handle: roles.grant })
    .command({ ...roles.revokeRoute, handle: roles.revoke })
    .command({ ...roles.listRoute, handle: roles.list })
    .unknownText(unknown.handle);
}
