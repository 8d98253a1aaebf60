// Schools' public module: for the cohort commands, reading `email URN` pairs, checking and saving them, the one-time
// school picker and a cohort's schools. (Uptake figures for the dashboard will be exported here too.)
export { MAX_COHORT_SCHOOLS, readSchoolPairs, type SchoolPairs } from './domain/links';
export { askForSchools, checkCohortSize, checkSchoolPairs, cohortSchoolLines, cohortSchools, saveSchoolLinks, type CheckedLinks, type CohortForSchools } from './links';
