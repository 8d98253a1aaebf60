// Cohorts' public module: finding a cohort by name and its members, for workshops and surveys.
export type { CohortRepository } from './cohortRepository';
export { cohortAtStartOf, cohortNamed } from './cohortLookup';
export {
  cohortIdFor,
  describeNotInvited,
  inviteesOf,
  isEmail,
  membersWithoutMail,
  type Cohort,
  type CohortMember,
  type Invitees,
  type Stored,
  type WorkshopBooking,
  type WorkshopRecord,
} from './domain/cohorts';
