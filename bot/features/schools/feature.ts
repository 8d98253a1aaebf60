// Schools: each area's school register (the DfE's Get Information about Schools file, or a hand-made list) set by
// its local authority codes; which school or service each cohort member is from (the type-ahead picker card).
import { defineFeature } from '../../routing/feature';
import * as schoolPick from './cardActions/schoolPick';
import * as areaSet from './commands/areaSet';
import * as schoolsImport from './commands/schoolsImport';
import * as schoolSearch from './dataQueries/schoolSearch';
import { schoolLinksSource } from './personalData';
import { SCHOOL_LINKS_TABLE, SchoolLinkRepository } from './schoolLinkRepository';
import { SCHOOLS_TABLE, SchoolRepository } from './schoolRepository';
import { SchoolRegisters } from './schoolRegisters';

export interface SchoolsServices {
  /** Areas' school registers (storage, plus the type-ahead's copy in memory). */
  readonly schools: SchoolRegisters;
  /** Which school or service each cohort member is from. */
  readonly schoolLinks: SchoolLinkRepository;
}

declare module '../../platform/services' {
  interface FeatureServices extends SchoolsServices {}
}

export const schoolsFeature = defineFeature({
  name: 'schools',
  tables: [SCHOOLS_TABLE, SCHOOL_LINKS_TABLE],
  services: ({ platform }): SchoolsServices => ({
    schools: new SchoolRegisters(new SchoolRepository(platform.storage, platform.logger)),
    schoolLinks: new SchoolLinkRepository(platform.storage),
  }),
  commands: [
    { ...areaSet.route, handle: areaSet.handle },
    { ...schoolsImport.route, handle: schoolsImport.handle },
  ],
  cardActions: [{ verb: schoolPick.VERB, handle: schoolPick.handle }],
  dataQueries: [{ dataset: schoolSearch.DATASET, handle: schoolSearch.handle }],
  personalData: (services) => [schoolLinksSource(services.schoolLinks)],
});
