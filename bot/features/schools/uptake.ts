// An area's uptake from what is stored: its register, every cohort of the area, the schools their members are from
// and who attended each workshop. The figures `uptake` shows, and the programme dashboard can reuse (through index.ts).
import { stringify } from 'csv-stringify/sync';
import { notFound } from '../../errors';
import { spreadsheetSafe } from '../../domain/spreadsheetCells';
import type { Services } from '../../platform/services';
import { bestProgress, schoolProgress, type SchoolProgress } from './domain/attendance';
import { NOT_YET_COLUMNS, notYetRows, uptakeFigures, type UptakeFigures } from './domain/uptake';

export interface AreaUptake {
  readonly areaId: string;
  readonly figures: UptakeFigures;
  /** Cohorts of the area counted. */
  readonly cohorts: number;
  /** When the register was last imported. */
  readonly registerImported?: Date;
}

/** The area's uptake; a not-found error naming the areas with a register when this one has none. */
export async function areaUptake(tenantId: string, areaId: string, services: Services): Promise<AreaUptake> {
  const register = await services.schools.current(tenantId, areaId);
  if (!register?.area.generation) {
    const areas = await services.schools.repository.areas(tenantId);
    throw notFound(`${areaId} has no school register yet. Import it with "schools import ${areaId}".${areas.length > 0 ? ` Areas with codes or a register: ${areas.join(', ')}.` : ''}`);
  }
  const cohorts = (await services.cohorts.list(tenantId)).filter((cohort) => cohort.areaId === areaId);
  const progress = new Map<string, SchoolProgress>();
  for (const cohort of cohorts) {
    const [links, attendance] = await Promise.all([services.schoolLinks.links(tenantId, cohort.id), services.attendance.forCohort(tenantId, cohort.id)]);
    const members = new Set(cohort.members.map((member) => member.email));
    const linked = new Map(links.filter((link) => members.has(link.email)).map((link) => [link.email, link.urn]));
    const at = (number: 1 | 2) => new Set(attendance.find((row) => row.number === number)?.attended ?? []);
    for (const [urn, state] of schoolProgress(linked, at(1), at(2))) progress.set(urn, bestProgress(progress.get(urn), state));
  }
  return { areaId, figures: uptakeFigures(register.entries, progress), cohorts: cohorts.length, ...(register.area.imported ? { registerImported: register.area.imported } : {}) };
}

/** The schools not yet taken part, as CSV (a cell a spreadsheet would read as a formula starts with an apostrophe). */
export function notYetCsv(uptake: AreaUptake): string {
  return stringify(notYetRows(uptake.figures).map((row) => row.map(spreadsheetSafe)), { header: true, columns: [...NOT_YET_COLUMNS] });
}
