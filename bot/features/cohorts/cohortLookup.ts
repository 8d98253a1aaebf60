// Finding the cohort a text command names: its name starts the arguments (names may contain spaces).
import { cohortIdFor, normaliseCohortName, type Cohort, type Stored } from './domain/cohorts';
import { notFound, validationError } from '../../errors';
import type { Services } from '../../platform/services';

/** The cohort whose name is the longest prefix of `args` (case-insensitive, at a word boundary), and the rest of the text. */
export async function cohortAtStartOf(tenantId: string, args: string, usage: string, services: Services): Promise<{ stored: Stored<Cohort>; rest: string }> {
  if (args.trim().length === 0) throw validationError(`Name the cohort. Usage: ${usage}`);
  const text = normaliseCohortName(args.replace(/\s+/g, ' ')).toLowerCase();
  const cohorts = await services.cohorts.list(tenantId);
  const match = cohorts
    .filter((c) => text === c.name.toLowerCase() || text.startsWith(`${c.name.toLowerCase()} `))
    .sort((a, b) => b.name.length - a.name.length)[0];
  if (!match) {
    throw notFound(`I cannot find a cohort at the start of "${args.trim().slice(0, 60)}". Type "cohort list" to see the cohorts and their exact names.`);
  }
  const stored = await services.cohorts.get(tenantId, match.id);
  if (!stored) throw notFound(`The cohort "${match.name}" was just removed. Type "cohort list" to see the cohorts.`);
  // The rest keeps its line breaks (pasted lists): drop as many words as the name has.
  const words = match.name.split(' ').length;
  const rest = args.trim().replace(new RegExp(`^(?:\\S+\\s+){${words}}|^(?:\\S+\\s*){${words}}$`), '').trim();
  return { stored, rest };
}

/** A cohort by exact name (point read on its id). */
export async function cohortNamed(tenantId: string, name: string, services: Services): Promise<Stored<Cohort>> {
  const stored = await services.cohorts.get(tenantId, cohortIdFor(name));
  if (!stored) throw notFound(`I cannot find a cohort called "${name.trim().slice(0, 60)}". Type "cohort list" to see the cohorts.`);
  return stored;
}
