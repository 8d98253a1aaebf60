// Schools: each area's school register (the DfE's Get Information about Schools file, or a hand-made list) set by
// its local authority codes, for linking people to schools, attendance and uptake.
import { defineFeature } from '../../routing/feature';
import * as areaSet from './commands/areaSet';
import * as schoolsImport from './commands/schoolsImport';
import { SCHOOLS_TABLE, SchoolRepository } from './schoolRepository';
import { SchoolRegisters } from './schoolRegisters';

export interface SchoolsServices {
  /** Areas' school registers (storage, plus the type-ahead index). */
  readonly schools: SchoolRegisters;
}

declare module '../../platform/services' {
  interface FeatureServices extends SchoolsServices {}
}

export const schoolsFeature = defineFeature({
  name: 'schools',
  tables: [SCHOOLS_TABLE],
  services: ({ platform }): SchoolsServices => ({ schools: new SchoolRegisters(new SchoolRepository(platform.storage, platform.logger)) }),
  commands: [
    { ...areaSet.route, handle: areaSet.handle },
    { ...schoolsImport.route, handle: schoolsImport.handle },
  ],
});
