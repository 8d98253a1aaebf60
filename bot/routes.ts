// Every command, card verb, message-extension command and job kind, registered once.
import * as reportMissingContact from './cardActions/reportMissingContact';
import * as contacts from './commands/contacts';
import * as contactsArea from './commands/contactsArea';
import * as contactsExport from './commands/contactsExport';
import * as contactsImport from './commands/contactsImport';
import * as contactsUrgentHelp from './commands/contactsUrgentHelp';
import * as help from './commands/help';
import * as roles from './commands/roles';
import * as unknown from './commands/unknown';
import * as searchContacts from './messageExtensions/searchContacts';
import { RouteTable } from './routeTable';

export function buildRoutes(): RouteTable {
  return new RouteTable()
    .command({ ...help.route, handle: help.handle })
    .command({ ...roles.grantRoute, handle: roles.grant })
    .command({ ...roles.revokeRoute, handle: roles.revoke })
    .command({ ...roles.listRoute, handle: roles.list })
    .command({ ...contacts.route, handle: contacts.handle })
    .command({ ...contactsArea.route, handle: contactsArea.handle })
    .command({ ...contactsImport.route, handle: contactsImport.handle })
    .command({ ...contactsExport.route, handle: contactsExport.handle })
    .command({ ...contactsUrgentHelp.route, handle: contactsUrgentHelp.handle })
    .cardAction(reportMissingContact.VERB, reportMissingContact.handle)
    .query(searchContacts.COMMAND_ID, searchContacts.handle)
    .unknownText(unknown.handle);
}
