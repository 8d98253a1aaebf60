// Schools' public module: for the cohort commands, reading `email URN` pairs, checking and saving them, the one-time
// school picker and a cohort's schools; for the programme dashboard, an area's uptake figures.
export { MAX_COHORT_SCHOOLS, readSchoolPairs, type SchoolPairs } from './domain/links';
export type { SchoolProgress } from './domain/attendance';
export type { UptakeFigures, UptakeLine } from './domain/uptake';
export { askForSchools, checkCohortSize, checkSchoolPairs, cohortSchoolLines, cohortSchools, saveSchoolLinks, type CheckedLinks, type CohortForSchools } from './links';
export { areaUptake, notYetCsv, type AreaUptake } from './uptake';
// What `schools import` reads a register file with, for loaders that must write exactly what an import writes (the demo area).
export { readRegisterFile } from './registerFile';
