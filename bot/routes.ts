// Every command, card verb, message-extension command and job kind, registered once.
import * as cohortCreateAction from './cardActions/cohortCreate';
import * as workshopBookAction from './cardActions/workshopBook';
import * as workshopMoveAction from './cardActions/workshopMove';
import * as bankHolidaysRefresh from './commands/bankHolidaysRefresh';
import * as cohortAdd from './commands/cohortAdd';
import * as cohortCreate from './commands/cohortCreate';
import * as cohortList from './commands/cohortList';
import * as cohortShow from './commands/cohortShow';
import * as panelSubmit from './cardActions/panelSubmit';
import * as privacyDelete from './cardActions/privacyDelete';
import * as audit from './commands/audit';
import * as help from './commands/help';
import * as panel from './commands/panel';
import * as privacy from './commands/privacy';
import * as retentionPurge from './jobs/retentionPurge';
import * as roles from './commands/roles';
import * as unknown from './commands/unknown';
import * as workshopBook from './commands/workshopBook';
import * as workshopCancel from './commands/workshopCancel';
import * as workshopMove from './commands/workshopMove';
import * as reportMissingContact from './cardActions/reportMissingContact';
import * as contacts from './commands/contacts';
import * as contactsArea from './commands/contactsArea';
import * as contactsExport from './commands/contactsExport';
import * as contactsImport from './commands/contactsImport';
import * as contactsUrgentHelp from './commands/contactsUrgentHelp';
import * as searchContacts from './messageExtensions/searchContacts';
import * as calendar from './commands/calendar';
import * as network from './commands/network';
import * as prompts from './commands/prompts';
import * as networkPrompt from './jobs/networkPrompt';
import * as workshopReminder from './jobs/workshopReminder';
import * as surveyStart from './commands/surveyStart';
import * as surveyResults from './commands/surveyResults';
import * as surveyExport from './commands/surveyExport';
import * as surveyClose from './commands/surveyClose';
import * as surveyAnswer from './cardActions/surveyAnswer';
import * as surveyShow from './cardActions/surveyShow';
import * as posts from './commands/posts';
import * as networkTags from './commands/networkTags';
import * as postSubmit from './cardActions/postSubmit';
import * as postHelpful from './cardActions/postHelpful';
import * as postAnswered from './cardActions/postAnswered';
import * as postEditForm from './cardActions/postEditForm';
import * as postEdit from './cardActions/postEdit';
import * as postRemove from './cardActions/postRemove';
import * as postSendAnyway from './cardActions/postSendAnyway';
import * as postDiscard from './cardActions/postDiscard';
import * as postReopen from './cardActions/postReopen';
import * as networkDigest from './jobs/networkDigest';
import { RouteTable } from './routing/routeTable';

export function buildRoutes(): RouteTable {
  return new RouteTable()
    .command({ ...help.route, handle: help.handle })
    .command({ ...roles.grantRoute, handle: roles.grant })
    .command({ ...roles.revokeRoute, handle: roles.revoke })
    .command({ ...roles.listRoute, handle: roles.list })
    .command({ ...cohortCreate.route, handle: cohortCreate.handle })
    .command({ ...cohortList.route, handle: cohortList.handle })
    .command({ ...cohortShow.route, handle: cohortShow.handle })
    .command({ ...cohortAdd.route, handle: cohortAdd.handle })
    .command({ ...workshopBook.route, handle: workshopBook.handle })
    .command({ ...workshopMove.route, handle: workshopMove.handle })
    .command({ ...workshopCancel.route, handle: workshopCancel.handle })
    .command({ ...bankHolidaysRefresh.route, handle: bankHolidaysRefresh.handle })
    .cardAction(cohortCreateAction.COHORT_CREATE_VERB, cohortCreateAction.handle)
    .cardAction(workshopBookAction.WORKSHOP_BOOK_VERB, workshopBookAction.handle)
    .cardAction(workshopMoveAction.WORKSHOP_MOVE_VERB, workshopMoveAction.handle)
    .command({ ...contacts.route, handle: contacts.handle })
    .command({ ...contactsArea.route, handle: contactsArea.handle })
    .command({ ...contactsImport.route, handle: contactsImport.handle })
    .command({ ...contactsExport.route, handle: contactsExport.handle })
    .command({ ...contactsUrgentHelp.route, handle: contactsUrgentHelp.handle })
    .cardAction(reportMissingContact.VERB, reportMissingContact.handle)
    .query(searchContacts.COMMAND_ID, searchContacts.handle)
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
    .command({ ...network.createRoute, handle: network.create })
    .command({ ...network.listRoute, handle: network.list })
    .command({ ...network.pauseRoute, handle: network.pause })
    .command({ ...network.resumeRoute, handle: network.resume })
    .command({ ...calendar.importRoute, handle: calendar.importCalendar })
    .command({ ...calendar.showRoute, handle: calendar.show })
    .command({ ...prompts.statusRoute, handle: prompts.status })
    .fanoutJob(networkPrompt.NETWORK_PROMPT_JOB, networkPrompt.handle)
    .fanoutJob(workshopReminder.WORKSHOP_REMINDER_JOB, workshopReminder.handle)
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
    .command({ ...posts.shareRoute, handle: posts.share })
    .command({ ...posts.askRoute, handle: posts.ask })
    .command({ ...posts.findRoute, handle: posts.find })
    .command({ ...networkTags.route, handle: networkTags.handle })
    .cardAction(postSubmit.VERB, postSubmit.handle)
    .cardAction(postHelpful.VERB, postHelpful.handle)
    .cardAction(postAnswered.VERB, postAnswered.handle)
    .cardAction(postEditForm.VERB, postEditForm.handle)
    .cardAction(postEdit.VERB, postEdit.handle)
    .cardAction(postRemove.VERB, postRemove.handle)
    .cardAction(postSendAnyway.VERB, postSendAnyway.handle)
    .cardAction(postDiscard.VERB, postDiscard.handle)
    .cardAction(postReopen.VERB, postReopen.handle)
    .fanoutJob(networkDigest.NETWORK_DIGEST_JOB, networkDigest.handle)
    .unknownText(unknown.handle);
}
