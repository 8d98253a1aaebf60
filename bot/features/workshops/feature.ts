// Workshops: a cohort's workshop series booked as calendar events (`workshop book|move|cancel`) and the reminder
// posted in the cohort channel the day before each one. It stores its bookings on the cohort.
import { defineFeature } from '../../routing/feature';
import { workshopChannelCard, workshopConfirmCard, workshopFormCard } from './cards/workshop';
import { workshopReminderCard } from './cards/workshopReminder';
import * as workshopBookAction from './cardActions/workshopBook';
import * as workshopMoveAction from './cardActions/workshopMove';
import * as workshopBook from './commands/workshopBook';
import * as workshopCancel from './commands/workshopCancel';
import * as workshopMove from './commands/workshopMove';
import * as workshopReminder from './jobs/workshopReminder';
import { workshopReminderSource } from './reminderSource';

export const workshopsFeature = defineFeature({
  name: 'workshops',
  cards: [workshopChannelCard, workshopConfirmCard, workshopFormCard, workshopReminderCard],
  commands: [
    { ...workshopBook.route, handle: workshopBook.handle },
    { ...workshopMove.route, handle: workshopMove.handle },
    { ...workshopCancel.route, handle: workshopCancel.handle },
  ],
  cardActions: [workshopBookAction.action, workshopMoveAction.action],
  fanoutJobs: [{ kind: workshopReminder.WORKSHOP_REMINDER_JOB, handle: workshopReminder.handle }],
  dueSources: [workshopReminderSource],
});
