// Cards for the referral directory: ranked contacts (or none, with the single point of access) and urgent help.
import { z } from 'zod';
import { KIND_LABELS, mayBeOutOfDate, type Contact } from '../domain/contacts';
import type { FrontDoor, UrgentHelpLine } from '../../safeguarding/domain/urgentHelp';
import { describeLondonDate, londonInstant } from '../../../domain/londonTime';
import { defineCard } from '../../../platform/cards/render';

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
  z.object({
    title: z.string().min(1),
    summary: z.string(),
    contacts: z.array(contactView).max(5),
    footer: z.string(),
    missing: z.object({ verb: z.string().min(1), areaId: z.string().min(1), query: z.string() }).optional(),
  }),
);

const urgentLineViewSchema = z.object({ name: z.string(), how: z.string(), when: z.string(), tel: z.string(), sms: z.string(), callUrl: z.string(), textUrl: z.string() });

/**
 * Urgent help in the order SAFEGUARDING.md sets: 999 if a child is in immediate danger; your setting's safeguarding
 * procedure and your DSL now; the area's children's services front door (when it set one); NHS 111 and the national lines.
 */
export const urgentHelpCard = defineCard(
  'urgentHelp',
  z.object({
    title: z.string().min(1),
    intro: z.string().min(1),
    emergency: z.array(urgentLineViewSchema).min(1),
    safeguarding: z.object({ title: z.string().min(1), text: z.string().min(1) }),
    frontDoors: z
      .array(z.object({ name: z.string().min(1), phone: z.string().min(1), when: z.string().min(1), callUrl: z.string().regex(/^tel:\+?\d{3,15}$/), outOfHoursPhone: z.string(), outOfHoursUrl: z.string() }))
      .max(1),
    lines: z.array(urgentLineViewSchema),
    footer: z.string(),
  }),
);

export function urgentLineView(line: UrgentHelpLine) {
  return {
    name: line.name,
    how: line.how,
    when: line.when,
    tel: line.tel ?? '',
    sms: line.sms ?? '',
    callUrl: line.tel ? `tel:${line.tel}` : '',
    textUrl: line.sms ? `sms:${line.sms}` : '',
  };
}

export function frontDoorView(frontDoor: FrontDoor) {
  return {
    name: frontDoor.name,
    phone: frontDoor.phone,
    when: frontDoor.outOfHours ? `${frontDoor.hours}. Out of hours: ${frontDoor.outOfHours.phone}` : frontDoor.hours,
    callUrl: `tel:${frontDoor.tel}`,
    outOfHoursPhone: frontDoor.outOfHours?.phone ?? '',
    outOfHoursUrl: frontDoor.outOfHours ? `tel:${frontDoor.outOfHours.tel}` : '',
  };
}

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
