// The urgent-help card every route leads with when a message suggests risk, and the views of its lines.
import { z } from 'zod';
import { defineCard } from '../../../platform/cards/render';
import { phoneAsWritten } from '../../../domain/phoneNumbers';
import type { FrontDoor, UrgentHelpLine } from '../domain/urgentHelp';
import urgentHelpTemplate from './urgentHelp.json';

const urgentLineViewSchema = z.object({ name: z.string(), how: z.string(), when: z.string(), phone: z.string(), sms: z.string(), callUrl: z.string(), textUrl: z.string() });

/**
 * Urgent help in the order SAFEGUARDING.md sets: 999 if a child is in immediate danger; your setting's safeguarding
 * procedure and your DSL now; the area's children's services front door (when it set one); NHS 111 and the national lines.
 */
export const urgentHelpCard = defineCard(
  'urgentHelp',
  urgentHelpTemplate,
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
    // The button reads "Call 0800 1111"; the link dials the digits.
    phone: line.tel ? phoneAsWritten(line.tel) : '',
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
