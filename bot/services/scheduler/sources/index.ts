// Every due-item source the scheduler asks. A new scheduled feature adds its source here (and its job in routes.ts).
import type { DueSource } from '../../../platform/scheduler/scheduler';
import { networkPromptSource } from '../../../features/networks/promptSource';
import { workshopReminderSource } from '../../../features/workshops/reminderSource';
import { networkDigestSource } from '../../../features/posts/digestSource';

export const DUE_SOURCES: readonly DueSource[] = [networkPromptSource, workshopReminderSource, networkDigestSource];
