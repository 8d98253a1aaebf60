// Whose plan is whose: a person may open and edit the plans of the schools they are linked to (their cohort link,
// from the schools feature); links to a service (a CYPMHS team) are not schools and have no plan.
import type { Caller } from '../../events';
import { forbidden, validationError } from '../../errors';
import type { Services } from '../../platform/services';
import type { SchoolKey } from './planRepository';

/** The schools the caller is linked to, one each (a person in two cohorts from the same school is linked twice). */
export async function schoolsOf(caller: Caller, services: Services): Promise<SchoolKey[]> {
  const links = await services.schoolLinks.linksOf(caller.aadObjectId);
  const schools = new Map<string, SchoolKey>();
  for (const { partitionKey, link } of links) {
    if (!partitionKey.startsWith(`${caller.tenantId}|`)) continue;
    schools.set(`${link.areaId}|${link.urn}`, { tenantId: caller.tenantId, areaId: link.areaId, urn: link.urn, schoolName: link.schoolName });
  }
  const found: SchoolKey[] = [];
  for (const school of schools.values()) {
    const entry = await services.schools.entry(caller.tenantId, school.areaId, school.urn);
    if (entry?.kind === 'service') continue;
    found.push(entry ? { ...school, schoolName: entry.name } : school);
  }
  return found.sort((a, b) => a.schoolName.localeCompare(b.schoolName));
}

/** The school if the caller is linked to it; refused otherwise, nothing read or written. */
export async function linkedSchool(caller: Caller, areaId: string, urn: string, services: Services): Promise<SchoolKey> {
  const school = (await schoolsOf(caller, services)).find((s) => s.areaId === areaId && s.urn === urn);
  if (!school) throw forbidden("This plan belongs to a school you are not linked to, so nothing was changed. Ask your coordinator to link you to your school (it is done when you join a cohort).");
  return school;
}

const URN = /^[A-Za-z0-9]{1,20}$/;

/** The school a plan command's argument names (a URN, or nothing for the caller's one school), checked against the caller's links. */
export async function schoolFromArgs(caller: Caller, args: string, usage: string, services: Services): Promise<SchoolKey> {
  const wanted = args.trim();
  if (wanted !== '' && !URN.test(wanted)) throw validationError(`"${wanted.slice(0, 30)}" is not a school's URN (letters and digits). Usage: ${usage}`);
  return onlySchool(await schoolsOf(caller, services), wanted);
}

/** `plan` with no URN: the one school, or which to choose. */
export function onlySchool(schools: readonly SchoolKey[], wanted: string): SchoolKey {
  if (schools.length === 0) {
    throw validationError(
      "You are not linked to a school yet, so there is no plan to open. You are linked when you join a cohort and pick your school on its \"Which school or service are you from?\" card, or when your coordinator adds you with your school's URN.",
    );
  }
  if (wanted !== '') {
    const match = schools.find((s) => s.urn === wanted);
    if (!match) throw validationError(`You are not linked to a school with URN ${wanted.slice(0, 20)}. Yours: ${schools.map((s) => `${s.schoolName} (${s.urn})`).join(', ')}.`);
    return match;
  }
  const [only, ...others] = schools;
  if (only && others.length === 0) return only;
  throw validationError(`You are linked to ${schools.length} schools: say which plan to open with "plan <URN>".`, schools.map((s) => `plan ${s.urn}: ${s.schoolName}`));
}
