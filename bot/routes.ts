// Every command, card verb, message-extension command and job kind, registered once.
import * as panelSubmit from './cardActions/panelSubmit';
import * as privacyDelete from './cardActions/privacyDelete';
import * as audit from './commands/audit';
import * as help from './commands/help';
import * as panel from './commands/panel';
import * as privacy from './commands/privacy';
import * as retentionPurge from './jobs/retentionPurge';
import * as roles from './commands/roles';
import * as unknown from './commands/unknown';
import { RouteTable } from './routeTable';

export function buildRoutes(): RouteTable {
  return new RouteTable()
    .command({ ...help.route, handle: help.handle })
    .command({ ...roles.grantRoute, handle: roles.grant })
    .command({ ...roles.revokeRoute, handle: roles.revoke })
    .command({ ...roles.listRoute, handle: roles.list })
    .command({ ...panel.createRoute, handle: panel.create })
    .command({ ...panel.submitRoute, handle: panel.submit })
    .command({ ...panel.whoRoute, handle: panel.who })
    .command({ ...panel.adviseRoute, handle: panel.advise })
    .command({ ...panel.casesRoute, handle: panel.cases })
    .command({ ...privacy.exportRoute, handle: privacy.exportData })
    .command({ ...privacy.deleteRoute, handle: privacy.deleteData })
    .command({ ...privacy.purgeRoute, handle: privacy.purge })
    .command({ ...audit.route, handle: audit.handle })
    .cardAction(panelSubmit.SUBMIT_VERB, panelSubmit.handle)
    .cardAction(privacyDelete.DELETE_VERB, privacyDelete.handle)
    .job(retentionPurge.JOB_KIND, retentionPurge.handle)
    .unknownText(unknown.handle);
}
