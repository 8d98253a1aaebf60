// Referral contacts: each area's directory (import, export, search in chat and from the message extension) and the
// area each person last searched; `contacts urgent-help` sets the urgent-help lines safeguarding shows for an area.
import { defineFeature } from '../../routing/feature';
import { contactsCard } from './cards/contacts';
import * as reportMissingContact from './cardActions/reportMissingContact';
import * as contacts from './commands/contacts';
import * as contactsArea from './commands/contactsArea';
import * as contactsExport from './commands/contactsExport';
import * as contactsImport from './commands/contactsImport';
import * as contactsUrgentHelp from './commands/contactsUrgentHelp';
import { CONTACTS_TABLE, ContactRepository } from './contactRepository';
import { ContactDirectory } from './directory';
import * as searchContacts from './messageExtensions/searchContacts';
import { PREFERENCES_TABLE, PreferenceRepository } from './preferenceRepository';

export interface ContactsServices {
  /** Areas' referral directories (storage + cached search indexes). */
  readonly contacts: ContactDirectory;
  /** Per-person choices, e.g. the area their contacts questions search. */
  readonly preferences: PreferenceRepository;
}

declare module '../../platform/services' {
  interface FeatureServices extends ContactsServices {}
}

export const contactsFeature = defineFeature({
  name: 'contacts',
  cards: [contactsCard],
  tables: [CONTACTS_TABLE, PREFERENCES_TABLE],
  services: ({ platform }): ContactsServices => ({
    contacts: new ContactDirectory(new ContactRepository(platform.storage, platform.logger)),
    preferences: new PreferenceRepository(platform.storage),
  }),
  commands: [
    { ...contacts.route, handle: contacts.handle },
    { ...contactsArea.route, handle: contactsArea.handle },
    { ...contactsImport.route, handle: contactsImport.handle },
    { ...contactsExport.route, handle: contactsExport.handle },
    { ...contactsUrgentHelp.route, handle: contactsUrgentHelp.handle },
  ],
  cardActions: [reportMissingContact.action],
  queries: [{ commandId: searchContacts.COMMAND_ID, handle: searchContacts.handle }],
});
