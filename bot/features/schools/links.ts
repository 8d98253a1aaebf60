// Linking cohort members to schools, for the cohort commands (through index.ts): check `email URN` pairs against the
// area's register before anything is saved, keep a cohort to 20 schools unless the coordinator confirms, save the
// links, post the one-time school picker in the cohort channel, and list a cohort's schools.
import { notFound, validationError } from '../../errors';
import type { Services } from '../../platform/services';
import { SCHOOL_PICK_VERB, SCHOOLS_DATASET, schoolPickerCard } from './cards/schools';
import { MAX_COHORT_SCHOOLS } from './domain/links';
import type { RegisterEntry } from './domain/register';
import type { SchoolLink } from './domain/links';

/** What the schools feature needs of a cohort (the cohorts feature's Cohort has all of it). */
export interface CohortForSchools {
  readonly tenantId: string;
  readonly id: string;
  readonly name: string;
  readonly areaId: string;
  readonly teamConversationId: string;
  readonly channelId?: string;
  readonly members: readonly { readonly email: string; readonly userId?: string }[];
}

export interface CheckedLinks {
  readonly links: readonly SchoolLink[];
}

/**
 * Checks `email URN` pairs against the area's register: every URN must be in it. Throws a validation error listing the
 * URNs it does not know (or saying the area has no register), so the caller writes nothing.
 */
export async function checkSchoolPairs(
  tenantId: string,
  areaId: string,
  pairs: ReadonlyMap<string, string>,
  now: Date,
  services: Services,
): Promise<CheckedLinks> {
  if (pairs.size === 0) return { links: [] };
  const register = await services.schools.current(tenantId, areaId);
  if (!register || register.entries.length === 0) {
    throw validationError(`Nobody was added: the area ${areaId} has no school register yet, so I cannot check the URNs. Import it first with "schools import ${areaId}", or add the people without URNs.`);
  }
  const byUrn = new Map(register.entries.map((entry) => [entry.urn, entry]));
  const unknown = [...pairs].filter(([, urn]) => !byUrn.has(urn));
  if (unknown.length > 0) {
    throw validationError(
      `Nobody was added: ${unknown.length === 1 ? 'this URN is' : 'these URNs are'} not in the ${areaId} register. Check ${unknown.length === 1 ? 'it' : 'them'} (or import the register again) and send the list again.`,
      unknown.slice(0, 20).map(([email, urn]) => `${email}: ${urn}`),
    );
  }
  return {
    links: [...pairs].map(([email, urn]) => ({ email, urn, schoolName: byUrn.get(urn)?.name ?? urn, areaId, linkedBy: 'coordinator' as const, linked: now })),
  };
}

/**
 * The cohort's schools (services not counted) once these links are saved: more than 20 asks the coordinator to
 * confirm, by sending the list again ending with "confirm". Throws that question; nothing is saved.
 */
export async function checkCohortSize(cohort: Pick<CohortForSchools, 'tenantId' | 'id' | 'areaId'>, adding: CheckedLinks, confirmed: boolean, services: Services): Promise<void> {
  if (adding.links.length === 0 || confirmed) return;
  const existing = await services.schoolLinks.links(cohort.tenantId, cohort.id);
  const register = await services.schools.current(cohort.tenantId, cohort.areaId);
  const kindOf = new Map((register?.entries ?? []).map((entry) => [entry.urn, entry.kind]));
  const byEmail = new Map(existing.map((link) => [link.email, link.urn]));
  for (const link of adding.links) byEmail.set(link.email, link.urn);
  const schools = new Set([...byEmail.values()].filter((urn) => kindOf.get(urn) !== 'service'));
  if (schools.size > MAX_COHORT_SCHOOLS) {
    throw validationError(
      `Nothing was changed: this would make ${schools.size} schools in one cohort, and the programme's cohorts are of up to ${MAX_COHORT_SCHOOLS} schools. If that is what you mean, send the same list again with the word "confirm" at the end.`,
    );
  }
}

/** Saves checked links, with the member's Entra ID object id where the cohort knows it. */
export async function saveSchoolLinks(cohort: CohortForSchools, checked: CheckedLinks, services: Services): Promise<void> {
  if (checked.links.length === 0) return;
  const userIds = new Map(cohort.members.map((member) => [member.email, member.userId]));
  await services.schoolLinks.save(
    cohort.tenantId,
    cohort.id,
    checked.links.map((link) => ({ ...link, ...(userIds.get(link.email) ? { userId: userIds.get(link.email) } : {}) })),
  );
}

/**
 * Posts "Which school or service are you from?" in the cohort channel, once per cohort, when a member has no school.
 * Returns a line for the coordinator's reply, or undefined when nothing was posted.
 */
export async function askForSchools(cohort: CohortForSchools, now: Date, services: Services): Promise<string | undefined> {
  if (!cohort.channelId) return undefined;
  const links = await services.schoolLinks.links(cohort.tenantId, cohort.id);
  const linked = new Set(links.map((link) => link.email));
  const without = cohort.members.filter((member) => !linked.has(member.email)).length;
  if (without === 0) return undefined;
  // An area that keeps no register does not link people to schools: say nothing.
  const area = await services.schools.repository.area(cohort.tenantId, cohort.areaId);
  if (!area?.generation) return undefined;
  const team = await services.installations.get(cohort.tenantId, cohort.teamConversationId);
  if (!team || team.status !== 'active') return undefined;
  if (!(await services.schoolLinks.claimPicker(cohort.tenantId, cohort.id, now))) return undefined;
  const card = pickerCard(cohort, '', services);
  try {
    await services.sender.postToChannel(team.reference, cohort.channelId, { card });
  } catch (error) {
    // The cohort itself is saved; give the claim back so the next "cohort add" or re-run posts the card.
    await services.schoolLinks.releasePicker(cohort.tenantId, cohort.id);
    services.logger.warn({ event: 'schools.picker-failed', cohort: cohort.id, status: (error as { statusCode?: unknown }).statusCode }, 'school picker not posted');
    return 'I could not post the "Which school or service are you from?" card in the channel; run this again to retry.';
  }
  services.logger.info({ event: 'schools.picker-posted', cohort: cohort.id, without }, 'school picker posted');
  return `Asked the ${without} ${without === 1 ? 'member' : 'members'} without a school in the channel: "Which school or service are you from?"`;
}

export function pickerCard(cohort: Pick<CohortForSchools, 'id' | 'name'>, answer: string, services: Services) {
  return services.cards.render(schoolPickerCard, { cohortName: cohort.name, cohortId: cohort.id, dataset: SCHOOLS_DATASET, verb: SCHOOL_PICK_VERB, answer });
}

export interface CohortSchool {
  readonly entry: RegisterEntry | undefined;
  readonly urn: string;
  readonly name: string;
  readonly members: readonly string[];
}

/** The cohort's schools and services with their members, and the members without one. */
export async function cohortSchools(cohort: CohortForSchools, services: Services): Promise<{ schools: CohortSchool[]; without: string[] }> {
  const [links, register] = await Promise.all([services.schoolLinks.links(cohort.tenantId, cohort.id), services.schools.current(cohort.tenantId, cohort.areaId)]);
  const byUrn = new Map((register?.entries ?? []).map((entry) => [entry.urn, entry]));
  const members = new Set(cohort.members.map((member) => member.email));
  const grouped = new Map<string, { name: string; members: string[] }>();
  for (const link of links) {
    if (!members.has(link.email)) continue;
    const group = grouped.get(link.urn) ?? { name: byUrn.get(link.urn)?.name ?? link.schoolName, members: [] };
    group.members.push(link.email);
    grouped.set(link.urn, group);
  }
  const linked = new Set(links.map((link) => link.email));
  return {
    schools: [...grouped].map(([urn, group]) => ({ urn, entry: byUrn.get(urn), name: group.name, members: group.members })).sort((a, b) => a.name.localeCompare(b.name)),
    without: cohort.members.filter((member) => !linked.has(member.email)).map((member) => member.email),
  };
}

/** Lines for `cohort show`: each school with its people, services apart, then who has no school yet. */
export async function cohortSchoolLines(cohort: CohortForSchools, services: Services): Promise<string[]> {
  const { schools, without } = await cohortSchools(cohort, services);
  // No one linked yet (or an area that does not link people to schools): nothing to show.
  if (schools.length === 0) return [];
  const real = schools.filter((school) => school.entry?.kind !== 'service');
  const other = schools.filter((school) => school.entry?.kind === 'service');
  const lines = [`Schools: ${real.length}${real.length > MAX_COHORT_SCHOOLS ? ` (more than the programme's ${MAX_COHORT_SCHOOLS})` : ''}`];
  for (const school of real) lines.push(`${school.name} (${school.urn}): ${school.members.join(', ')}`);
  for (const service of other) lines.push(`Service: ${service.name}: ${service.members.join(', ')}`);
  if (without.length > 0) lines.push(`No school yet: ${without.join(', ')}`);
  return lines;
}

/** The cohort whose channel this is, for a search typed in the channel's picker card. */
export async function cohortOfChannel(tenantId: string, channelId: string | undefined, services: Services): Promise<CohortForSchools> {
  const cohorts = channelId ? await services.cohorts.list(tenantId) : [];
  const cohort = cohorts.find((candidate) => candidate.channelId !== undefined && candidate.channelId === channelId);
  if (!cohort) throw notFound('This school search works in a cohort channel\'s "Which school or service are you from?" card. Ask the coordinator for a new card.');
  return cohort;
}
