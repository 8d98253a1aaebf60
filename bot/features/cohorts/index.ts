// Cohorts' public module: finding a cohort by name and its members, for workshops and surveys.
export type { Cohort, CohortRepository, Stored, WorkshopBooking, WorkshopRecord } from './cohortRepository';
export { cohortAtStartOf, cohortNamed } from './cohortLookup';
export { cohortIdFor, describeNotInvited, inviteesOf, isEmail, membersWithoutMail, type CohortMember, type Invitees } from './domain/cohorts';
