// The referral directory's card: ranked contacts (or none, with the single point of access).
import { z } from 'zod';
import { KIND_LABELS, mayBeOutOfDate, type Contact } from '../domain/contacts';
import { describeLondonDate, londonInstant } from '../../../domain/londonTime';
import { defineCard } from '../../../platform/cards/render';
import contactsTemplate from './contacts.json';

const contactView = z.object({
  serviceName: z.string().min(1),
  kindLabel: z.string().min(1),
  ages: z.string(),
  outOfDate: z.boolean(),
  lastVerified: z.string(),
  facts: z.array(z.object({ title: z.string(), value: z.string().min(1) })),
  phone: z.string(),
  callUrl: z.string(),
  emailUrl: z.string(),
  web: z.string(),
});
export type ContactView = z.infer<typeof contactView>;

export const contactsCard = defineCard(
  'contacts',
  contactsTemplate,
  z.object({
    title: z.string().min(1),
    summary: z.string(),
    contacts: z.array(contactView).max(5),
    footer: z.string(),
    missing: z.object({ verb: z.string().min(1), areaId: z.string().min(1), query: z.string() }).optional(),
  }),
);

/** What a contact looks like on a card; `staleAfterMonths` marks entries nobody has checked for a while. */
export function contactViewOf(contact: Contact, now: Date, staleAfterMonths: number): ContactView {
  const facts = [
    { title: 'Helps with', value: contact.needs.length > 12 ? `${contact.needs.slice(0, 12).join(', ')} and more` : contact.needs.join(', ') },
    { title: 'Who can refer', value: contact.whoCanRefer.map((r) => (r === 'gp' ? 'GP' : r)).join(', ') },
    { title: 'How to refer', value: contact.howToRefer },
    { title: 'Phone', value: contact.phone },
    { title: 'Email', value: contact.email },
    { title: 'Open', value: contact.openingHours },
    { title: 'Notes', value: contact.notes },
  ].filter((fact) => fact.value.length > 0);
  return {
    serviceName: contact.serviceName,
    kindLabel: KIND_LABELS[contact.kind],
    ages: contact.ageMin === contact.ageMax ? `Age ${contact.ageMin}` : `Ages ${contact.ageMin} to ${contact.ageMax}`,
    outOfDate: mayBeOutOfDate(contact, now, staleAfterMonths),
    lastVerified: describeLondonDate(londonInstant(contact.lastVerified, '12:00')),
    facts,
    phone: contact.phone,
    callUrl: contact.phone ? `tel:${contact.phone.replace(/[^0-9+]/g, '')}` : '',
    emailUrl: contact.email ? `mailto:${contact.email}` : '',
    web: contact.web,
  };
}
