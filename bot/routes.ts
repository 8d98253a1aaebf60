// Every command, card verb, message-extension command and job kind, registered once.
import * as cohortCreateAction from './features/cohorts/cardActions/cohortCreate';
import * as workshopBookAction from './features/workshops/cardActions/workshopBook';
import * as workshopMoveAction from './features/workshops/cardActions/workshopMove';
import * as bankHolidaysRefresh from './features/networks/commands/bankHolidaysRefresh';
import * as cohortAdd from './features/cohorts/commands/cohortAdd';
import * as cohortCreate from './features/cohorts/commands/cohortCreate';
import * as cohortList from './features/cohorts/commands/cohortList';
import * as cohortShow from './features/cohorts/commands/cohortShow';
import * as panelSubmit from './features/panel/cardActions/panelSubmit';
import * as privacyDelete from './features/privacy/cardActions/privacyDelete';
import * as audit from './features/privacy/commands/audit';
import * as help from './features/help/commands/help';
import * as panel from './features/panel/commands/panel';
import * as privacy from './features/privacy/commands/privacy';
import * as retentionPurge from './features/privacy/jobs/retentionPurge';
import * as roles from './features/roles/commands/roles';
import * as unknown from './features/help/commands/unknown';
import * as workshopBook from './features/workshops/commands/workshopBook';
import * as workshopCancel from './features/workshops/commands/workshopCancel';
import * as workshopMove from './features/workshops/commands/workshopMove';
import * as reportMissingContact from './features/contacts/cardActions/reportMissingContact';
import * as contacts from './features/contacts/commands/contacts';
import * as contactsArea from './features/contacts/commands/contactsArea';
import * as contactsExport from './features/contacts/commands/contactsExport';
import * as contactsImport from './features/contacts/commands/contactsImport';
import * as contactsUrgentHelp from './features/safeguarding/commands/contactsUrgentHelp';
import * as searchContacts from './features/contacts/messageExtensions/searchContacts';
import * as calendar from './features/networks/commands/calendar';
import * as network from './features/networks/commands/network';
import * as prompts from './features/networks/commands/prompts';
import * as networkPrompt from './features/networks/jobs/networkPrompt';
import * as workshopReminder from './features/workshops/jobs/workshopReminder';
import * as surveyStart from './features/surveys/commands/surveyStart';
import * as surveyResults from './features/surveys/commands/surveyResults';
import * as surveyExport from './features/surveys/commands/surveyExport';
import * as surveyClose from './features/surveys/commands/surveyClose';
import * as surveyAnswer from './features/surveys/cardActions/surveyAnswer';
import * as surveyShow from './features/surveys/cardActions/surveyShow';
import * as posts from './features/posts/commands/posts';
import * as networkTags from './features/posts/commands/networkTags';
import * as postSubmit from './features/posts/cardActions/postSubmit';
import * as postHelpful from './features/posts/cardActions/postHelpful';
import * as postAnswered from './features/posts/cardActions/postAnswered';
import * as postEditForm from './features/posts/cardActions/postEditForm';
import * as postEdit from './features/posts/cardActions/postEdit';
import * as postRemove from './features/posts/cardActions/postRemove';
import * as postSendAnyway from './features/posts/cardActions/postSendAnyway';
import * as postDiscard from './features/posts/cardActions/postDiscard';
import * as postReopen from './features/posts/cardActions/postReopen';
import * as networkDigest from './features/posts/jobs/networkDigest';
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
