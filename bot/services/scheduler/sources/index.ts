// Every due-item source the scheduler asks. A new scheduled feature adds its source here (and its job in routes.ts).
import type { DueSource } from '../../../platform/scheduler/scheduler';
import { networkPromptSource } from './networkPrompts';
import { workshopReminderSource } from './workshopReminders';
import { networkDigestSource } from './networkDigests';

export const DUE_SOURCES: readonly DueSource[] = [networkPromptSource, workshopReminderSource, networkDigestSource];
