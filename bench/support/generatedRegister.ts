// A generated Get Information about Schools "all establishment data" file: the published header (its 140 columns in
// their published order), rows shaped like the real ones, Windows-1252 encoded. For the import benchmark and tests.
import iconv from 'iconv-lite';
import { seeded } from '../support';
import { at, type Defined } from '../../bot/domain/indexed';

/** The header of edubasealldata<date>.csv as GIAS publishes it. */
export const GIAS_HEADER: readonly string[] = [
  'URN', 'LA (code)', 'LA (name)', 'EstablishmentNumber', 'EstablishmentName', 'TypeOfEstablishment (code)', 'TypeOfEstablishment (name)',
  'EstablishmentTypeGroup (code)', 'EstablishmentTypeGroup (name)', 'EstablishmentStatus (code)', 'EstablishmentStatus (name)',
  'ReasonEstablishmentOpened (code)', 'ReasonEstablishmentOpened (name)', 'OpenDate', 'ReasonEstablishmentClosed (code)',
  'ReasonEstablishmentClosed (name)', 'CloseDate', 'PhaseOfEducation (code)', 'PhaseOfEducation (name)', 'StatutoryLowAge', 'StatutoryHighAge',
  'Boarders (code)', 'Boarders (name)', 'NurseryProvision (name)', 'OfficialSixthForm (code)', 'OfficialSixthForm (name)', 'Gender (code)',
  'Gender (name)', 'ReligiousCharacter (code)', 'ReligiousCharacter (name)', 'ReligiousEthos (name)', 'Diocese (code)', 'Diocese (name)',
  'AdmissionsPolicy (code)', 'AdmissionsPolicy (name)', 'SchoolCapacity', 'SpecialClasses (code)', 'SpecialClasses (name)', 'CensusDate',
  'NumberOfPupils', 'NumberOfBoys', 'NumberOfGirls', 'PercentageFSM', 'TrustSchoolFlag (code)', 'TrustSchoolFlag (name)', 'Trusts (code)',
  'Trusts (name)', 'SchoolSponsorFlag (name)', 'SchoolSponsors (name)', 'FederationFlag (name)', 'Federations (code)', 'Federations (name)',
  'UKPRN', 'FEHEIdentifier', 'FurtherEducationType (name)', 'OfstedLastInsp', 'OfstedSpecialMeasures (code)', 'OfstedSpecialMeasures (name)',
  'LastChangedDate', 'Street', 'Locality', 'Address3', 'Town', 'County (name)', 'Postcode', 'SchoolWebsite', 'TelephoneNum', 'HeadTitle (name)',
  'HeadFirstName', 'HeadLastName', 'HeadPreferredJobTitle', 'BSOInspectorateName (name)', 'InspectorateReport', 'DateOfLastInspectionVisit',
  'NextInspectionVisit', 'TeenMoth (name)', 'TeenMothPlaces', 'CCF (name)', 'SENPRU (name)', 'EBD (name)', 'PlacesPRU', 'FTProv (name)',
  'EdByOther (name)', 'Section41Approved (name)', 'SEN1 (name)', 'SEN2 (name)', 'SEN3 (name)', 'SEN4 (name)', 'SEN5 (name)', 'SEN6 (name)',
  'SEN7 (name)', 'SEN8 (name)', 'SEN9 (name)', 'SEN10 (name)', 'SEN11 (name)', 'SEN12 (name)', 'SEN13 (name)', 'TypeOfResourcedProvision (name)',
  'ResourcedProvisionOnRoll', 'ResourcedProvisionCapacity', 'SenUnitOnRoll', 'SenUnitCapacity', 'GOR (code)', 'GOR (name)',
  'DistrictAdministrative (code)', 'DistrictAdministrative (name)', 'AdministrativeWard (code)', 'AdministrativeWard (name)',
  'ParliamentaryConstituency (code)', 'ParliamentaryConstituency (name)', 'UrbanRural (code)', 'UrbanRural (name)', 'GSSLACode (name)', 'Easting',
  'Northing', 'MSOA (name)', 'LSOA (name)', 'InspectorateName (name)', 'SENStat', 'SENNoStat', 'BoardingEstablishment (name)', 'PropsName',
  'PreviousLA (code)', 'PreviousLA (name)', 'PreviousEstablishmentNumber', 'OfstedRating (name)', 'RSCRegion (name)', 'Country (name)', 'UPRN',
  'SiteName', 'QABName (code)', 'QABName (name)', 'EstablishmentAccredited (code)', 'EstablishmentAccredited (name)', 'QABReport', 'CHNumber',
  'MSOA (code)', 'LSOA (code)', 'FSM', 'AccreditationExpiryDate',
];

/** One establishment by the columns the bot reads; every other column is filled with plausible text. */
export interface GiasSchool {
  readonly urn: string;
  readonly laCode: string;
  readonly laName: string;
  readonly name: string;
  readonly type: string;
  readonly typeGroup: string;
  readonly status: string;
  readonly phase: string;
  readonly lowAge: string;
  readonly highAge: string;
  readonly postcode: string;
}

const COLUMN_OF: Readonly<Record<keyof GiasSchool, string>> = {
  urn: 'URN',
  laCode: 'LA (code)',
  laName: 'LA (name)',
  name: 'EstablishmentName',
  type: 'TypeOfEstablishment (name)',
  typeGroup: 'EstablishmentTypeGroup (name)',
  status: 'EstablishmentStatus (name)',
  phase: 'PhaseOfEducation (name)',
  lowAge: 'StatutoryLowAge',
  highAge: 'StatutoryHighAge',
  postcode: 'Postcode',
};

function quote(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** One CSV line for the school under `header`; `filler(column)` gives every other cell. */
export function giasLine(school: GiasSchool, header: readonly string[] = GIAS_HEADER, filler: (column: string) => string = () => ''): string {
  const byColumn = new Map<string, string>(Object.entries(COLUMN_OF).map(([field, column]) => [column, school[field as keyof GiasSchool]]));
  return header.map((column) => quote(byColumn.get(column) ?? filler(column))).join(',');
}

/** A whole file's text (CRLF line ends, as GIAS publishes); encode it with `windows1252`. */
export function giasText(schools: readonly GiasSchool[], header: readonly string[] = GIAS_HEADER, filler?: (column: string) => string): string {
  return `${[header.map(quote).join(','), ...schools.map((school) => giasLine(school, header, filler))].join('\r\n')}\r\n`;
}

export function windows1252(text: string): Buffer {
  return iconv.encode(text, 'win1252');
}

const LAS: readonly [string, string][] = [
  ['894', 'Telford and Wrekin'], ['352', 'Manchester'], ['353', 'Oldham'], ['355', 'Salford'], ['919', 'Hertfordshire'], ['886', 'Kent'],
  ['330', 'Birmingham'], ['381', 'Calderdale'], ['925', 'Lincolnshire'], ['908', 'Cornwall'],
];
const KINDS: readonly { type: string; group: string; phase: string; low: string; high: string }[] = [
  { type: 'Community school', group: 'Local authority maintained schools', phase: 'Primary', low: '4', high: '11' },
  { type: 'Academy converter', group: 'Academies', phase: 'Secondary', low: '11', high: '18' },
  { type: 'Voluntary aided school', group: 'Local authority maintained schools', phase: 'Primary', low: '3', high: '11' },
  { type: 'Community special school', group: 'Special schools', phase: 'Not applicable', low: '2', high: '19' },
  { type: 'Pupil referral unit', group: 'Local authority maintained schools', phase: 'Not applicable', low: '11', high: '16' },
  { type: 'Further education', group: 'Colleges', phase: '16 plus', low: '16', high: '99' },
  { type: 'Other independent school', group: 'Independent schools', phase: 'Not applicable', low: '3', high: '18' },
];
const NAMES = ['St Mary’s Church of England Primary School', 'Bishop’s Stortford High School', 'Sainte-Thérèse Catholic Academy', 'Hadley Learning Community', 'The "Priory" School, Telford', 'Wrekin College', 'Madeley Nursery School', 'Thomas Telford School'];
const STATUSES = ['Open', 'Open', 'Open', 'Open', 'Open, but proposed to close', 'Closed', 'Closed', 'Proposed to open'];

/** England has about 150 local authorities: the ten above, and codes 400 to 539 standing in for the rest. */
const ALL_LAS: readonly [string, string][] = [...LAS, ...Array.from({ length: 140 }, (_, i): [string, string] => [String(400 + i), `Authority ${400 + i}`])];

/** `rows` establishments across 150 authorities (about 330 each per 50,000), a quarter of them closed or not yet open. */
export function generateSchools(rows: number, seed = 15): GiasSchool[] {
  const random = seeded(seed);
  const pick = <T extends Defined>(list: readonly T[]): T => at(list, Math.floor(random() * list.length), 'generator choices');
  const schools: GiasSchool[] = [];
  for (let i = 0; i < rows; i += 1) {
    const [laCode, laName] = at(ALL_LAS, i % ALL_LAS.length, 'local authorities');
    const kind = pick(KINDS);
    schools.push({
      urn: String(100000 + i),
      laCode,
      laName,
      name: `${pick(NAMES)} ${i}`,
      type: kind.type,
      typeGroup: kind.group,
      status: pick(STATUSES),
      phase: kind.phase,
      lowAge: kind.low,
      highAge: kind.high,
      postcode: `TF${1 + (i % 9)} ${i % 10}AB`,
    });
  }
  return schools;
}

/** Plausible text for the columns the bot does not read, about as long as the real file's (about 1.3 KB a row). */
export function realisticFiller(column: string): string {
  if (column.endsWith('(code)')) return '1';
  if (column.endsWith('Date') || column.endsWith('Insp')) return '01-09-2012';
  if (column === 'Street') return 'Gibbons Road';
  if (column === 'Town') return 'Telford';
  if (column === 'SchoolWebsite') return 'http://www.example-school.telford.sch.uk';
  if (column === 'TelephoneNum') return '01952386000';
  if (column.startsWith('SEN')) return 'Not applicable';
  if (column.endsWith('(name)')) return 'Not applicable';
  return '0';
}
