// Uptake, pure: of the open schools in an area's register (services not counted), how many have taken part (someone
// at both workshops) and started, in all and by phase, and which schools have not yet taken part.
import { UPTAKE_PHASES, type RegisterEntry, type UptakePhase } from './register';
import type { SchoolProgress } from './attendance';

export interface UptakeLine {
  readonly open: number;
  readonly takenPart: number;
  readonly started: number;
  /** Taken part as a per cent of open schools, to one decimal place; 0 when there are none. */
  readonly percent: number;
}

export interface UptakeFigures extends UptakeLine {
  /** Every phase, in the programme's order, with its figures (phases with no schools included, as zeros). */
  readonly byPhase: readonly (UptakeLine & { readonly phase: UptakePhase })[];
  /** Schools that have not taken part yet (started or not), by name. */
  readonly notYet: readonly (RegisterEntry & { readonly progress: SchoolProgress })[];
}

/** `progress` by URN, from every cohort of the area; URNs no longer in the register (closed since) are not counted. */
export function uptakeFigures(register: readonly RegisterEntry[], progress: ReadonlyMap<string, SchoolProgress>): UptakeFigures {
  const schools = register.filter((entry) => entry.kind === 'school');
  const line = (of: readonly RegisterEntry[]): UptakeLine => {
    const takenPart = of.filter((entry) => progress.get(entry.urn) === 'taken part').length;
    const started = of.filter((entry) => progress.get(entry.urn) === 'started').length;
    return { open: of.length, takenPart, started, percent: of.length === 0 ? 0 : Math.round((takenPart / of.length) * 1000) / 10 };
  };
  return {
    ...line(schools),
    byPhase: UPTAKE_PHASES.map((phase) => ({ phase, ...line(schools.filter((entry) => entry.phase === phase)) })),
    notYet: schools
      .filter((entry) => progress.get(entry.urn) !== 'taken part')
      .map((entry) => ({ ...entry, progress: progress.get(entry.urn) ?? 'not yet' }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}

/** The register columns of the "not yet taken part" file. */
export const NOT_YET_COLUMNS = ['URN', 'name', 'phase', 'progress', 'LA', 'postcode'] as const;

export function notYetRows(figures: UptakeFigures): string[][] {
  return figures.notYet.map((entry) => [entry.urn, entry.name, entry.phase, entry.progress, entry.laName ?? '', entry.postcode ?? '']);
}
