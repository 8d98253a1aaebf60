// Schools: each area's school register (the DfE's Get Information about Schools file, or a hand-made list) set by
// its local authority codes; which school or service each cohort member is from (the type-ahead picker card); who
// attended each workshop (the facilitator's card after it, ticked from the Teams attendance report); `uptake`.
import { defineFeature } from '../../routing/feature';
import { ATTENDANCE_TABLE, AttendanceRepository } from './attendanceRepository';
import { attendanceSource } from './attendanceSource';
import { attendanceCard as attendanceCardTemplate, schoolPickerCard, uptakeCard } from './cards/schools';
import * as attendanceSave from './cardActions/attendanceSave';
import * as schoolPick from './cardActions/schoolPick';
import * as areaSet from './commands/areaSet';
import * as schoolsImport from './commands/schoolsImport';
import * as uptake from './commands/uptake';
import * as schoolSearch from './dataQueries/schoolSearch';
import * as attendanceCard from './jobs/attendanceCard';
import { attendanceSource as attendanceData, schoolLinksSource } from './personalData';
import { SCHOOL_LINKS_TABLE, SchoolLinkRepository } from './schoolLinkRepository';
import { SCHOOLS_TABLE, SchoolRepository } from './schoolRepository';
import { SchoolRegisters } from './schoolRegisters';

export interface SchoolsServices {
  /** Areas' school registers (storage, plus the type-ahead's copy in memory). */
  readonly schools: SchoolRegisters;
  /** Which school or service each cohort member is from. */
  readonly schoolLinks: SchoolLinkRepository;
  /** Who attended each workshop of a cohort, as its facilitator confirmed. */
  readonly attendance: AttendanceRepository;
}

declare module '../../platform/services' {
  interface FeatureServices extends SchoolsServices {}
}

export const schoolsFeature = defineFeature({
  name: 'schools',
  tables: [SCHOOLS_TABLE, SCHOOL_LINKS_TABLE, ATTENDANCE_TABLE],
  services: ({ platform }): SchoolsServices => ({
    schools: new SchoolRegisters(new SchoolRepository(platform.storage, platform.logger)),
    schoolLinks: new SchoolLinkRepository(platform.storage),
    attendance: new AttendanceRepository(platform.storage),
  }),
  cards: [schoolPickerCard, attendanceCardTemplate, uptakeCard],
  commands: [
    { ...areaSet.route, handle: areaSet.handle },
    { ...schoolsImport.route, handle: schoolsImport.handle },
    { ...uptake.route, handle: uptake.handle },
  ],
  cardActions: [schoolPick.action, attendanceSave.action],
  dataQueries: [{ dataset: schoolSearch.DATASET, handle: schoolSearch.handle }],
  fanoutJobs: [{ kind: attendanceCard.ATTENDANCE_JOB, handle: attendanceCard.handle }],
  dueSources: [attendanceSource],
  // Attendance first: it finds a person's rows through their links, which the links source then erases.
  personalData: (services) => [attendanceData(services.schoolLinks, services.attendance), schoolLinksSource(services.schoolLinks)],
});
