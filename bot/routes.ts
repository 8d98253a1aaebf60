// Every command, card verb, message-extension command and job kind, registered once.
import * as help from './commands/help';
import * as roles from './commands/roles';
import * as unknown from './commands/unknown';
import * as surveyStart from './commands/surveyStart';
import * as surveyResults from './commands/surveyResults';
import * as surveyExport from './commands/surveyExport';
import * as surveyClose from './commands/surveyClose';
import * as surveyAnswer from './cardActions/surveyAnswer';
import * as surveyShow from './cardActions/surveyShow';
import { RouteTable } from './routeTable';

export function buildRoutes(): RouteTable {
  return new RouteTable()
    .command({ ...help.route, handle: help.handle })
    .command({ ...roles.grantRoute, handle: roles.grant })
    .command({ ...roles.revokeRoute, handle: roles.revoke })
    .command({ ...roles.listRoute, handle: roles.list })
    .command({ ...surveyStart.cascadeStartRoute, handle: surveyStart.startCascade })
    .command({ ...surveyStart.pulseStartRoute, handle: surveyStart.startPulse })
    .command({ ...surveyResults.cascadeResultsRoute, handle: surveyResults.cascadeResults })
    .command({ ...surveyResults.pulseResultsRoute, handle: surveyResults.pulseResults })
    .command({ ...surveyExport.cascadeExportRoute, handle: surveyExport.exportCascade })
    .command({ ...surveyExport.pulseExportRoute, handle: surveyExport.exportPulse })
    .command({ ...surveyClose.cascadeCloseRoute, handle: surveyClose.closeCascade })
    .command({ ...surveyClose.pulseCloseRoute, handle: surveyClose.closePulse })
    .cardAction(surveyAnswer.VERB, surveyAnswer.handle)
    .cardAction(surveyShow.VERB, surveyShow.handle)
    .unknownText(unknown.handle);
}
