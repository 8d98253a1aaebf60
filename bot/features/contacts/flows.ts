// Asking the referral directory: which area the caller means, the ranked search, and the cards for results and for none.
import { contactsCard, contactViewOf } from './cards/contacts';
import { slugOf, type Contact, type ContactArea } from './domain/contacts';
import { MAX_QUERY_LENGTH, readQuery, type ContactQuery, type RankedContact } from './domain/contactSearch';
import { notFound } from '../../errors';
import type { AdaptiveCard, Caller } from '../../events';
import type { Services } from '../../platform/services';
import type { SearchableDirectory } from './directory';

/** The card verb of "Tell the coordinator a contact is missing"; the handler is bot/cardActions/reportMissingContact.ts. */
export const REPORT_MISSING_VERB = 'contacts.reportMissing';

export const RESULTS_SHOWN = 5;

export type AreaChoice =
  | { readonly kind: 'found'; readonly directory: SearchableDirectory; readonly remembered: boolean }
  | { readonly kind: 'no-directories' }
  | { readonly kind: 'ask'; readonly areas: readonly ContactArea[] };

export interface ReadQuestion {
  /** The caller's tenant: every directory read is that tenant's own. */
  readonly tenantId: string;
  readonly query: ContactQuery;
  readonly areas: readonly ContactArea[];
  /** The caller's remembered area, if it still has a directory. */
  readonly rememberedAreaId?: string;
}

export interface AreasForCaller {
  readonly areas: readonly ContactArea[];
  /** The area whose directory the caller last searched, if it still has one. */
  readonly remembered?: ContactArea;
}

/** The caller's tenant's areas with a directory and the caller's remembered one, read at the same time. */
export async function areasFor(caller: Caller, services: Services): Promise<AreasForCaller> {
  const [areas, preferences] = await Promise.all([services.contacts.areas(caller.tenantId), services.preferences.get(caller.tenantId, caller.aadObjectId)]);
  return { areas, remembered: areas.find((a) => a.id === preferences.contactsArea) };
}

/** Reads the question and the caller's remembered area; the area named in the question wins. */
export async function readQuestion(text: string, caller: Caller, services: Services): Promise<ReadQuestion> {
  const { areas, remembered } = await areasFor(caller, services);
  return { tenantId: caller.tenantId, query: readQuery(text.slice(0, MAX_QUERY_LENGTH), areas), areas, rememberedAreaId: remembered?.id };
}

/** Which directory to search: named in the question, else remembered, else the only one there is. */
export async function chooseArea(question: ReadQuestion, services: Services): Promise<AreaChoice> {
  const areaId = question.query.areaId ?? question.rememberedAreaId ?? (question.areas.length === 1 ? question.areas[0]?.id : undefined);
  if (areaId) {
    const directory = await services.contacts.searchable(question.tenantId, areaId);
    if (directory) return { kind: 'found', directory, remembered: areaId === question.rememberedAreaId };
  }
  return question.areas.length === 0 ? { kind: 'no-directories' } : { kind: 'ask', areas: question.areas };
}

/** Finds an area by id or name as a person types it ("Salford", "salford", "North  Tyneside"). */
export function matchArea(text: string, areas: readonly ContactArea[]): ContactArea | undefined {
  const slug = slugOf(text);
  return areas.find((area) => area.id === slug || slugOf(area.name) === slug);
}

/** The area a person named; if none matches, a not-found error listing the areas there are (with `advice` first). */
export function areaNamed(text: string, areas: readonly ContactArea[], advice?: string): ContactArea {
  const typed = text.slice(0, 100);
  const area = matchArea(typed, areas);
  if (!area) throw notFound(`There is no directory for an area called "${typed}"${advice ? `; ${advice}` : ''}. ${areaListText(areas)}`);
  return area;
}

export function areaListText(areas: readonly ContactArea[]): string {
  return areas.length === 0 ? 'No area has a directory yet.' : `Areas with a directory: ${areas.map((a) => a.name).join(', ')}.`;
}

export function describeQuery(query: ContactQuery): string {
  const age = query.age ? (query.age.min === query.age.max ? `, age ${query.age.min}` : `, ages ${query.age.min} to ${query.age.max}`) : '';
  return `"${query.text}"${age}`;
}

export function resultsCard(directory: SearchableDirectory, query: ContactQuery, found: readonly RankedContact[], services: Services, now: Date): AdaptiveCard {
  const months = services.config.CONTACTS_STALE_AFTER_MONTHS;
  return services.cards.render(contactsCard, {
    title: `Referral contacts: ${directory.area.name}`,
    summary: `Best ${found.length === 1 ? 'match' : `${found.length} matches`} for ${describeQuery(query)}.`,
    contacts: found.map((r) => contactViewOf(r.contact, now, months)),
    footer: `Searching the ${directory.area.name} directory. To use another area: contacts area <name>.`,
  });
}

/** Nothing matched: say so, show the single point of access, and offer to tell the coordinator (unless already told). */
export function noResultsCard(
  area: ContactArea,
  spa: Contact | undefined,
  queryText: string,
  services: Services,
  now: Date,
  told?: string,
): AdaptiveCard {
  const months = services.config.CONTACTS_STALE_AFTER_MONTHS;
  return services.cards.render(contactsCard, {
    title: `No contacts found: ${area.name}`,
    summary: spa
      ? `I found nothing in the ${area.name} directory for "${queryText}". The single point of access can advise on where to refer:`
      : `I found nothing in the ${area.name} directory for "${queryText}", and the directory has no single point of access listed.`,
    contacts: spa ? [contactViewOf(spa, now, months)] : [],
    footer: told ?? 'Try other words (for example the need, such as "anxiety", or the kind of service, such as "early help").',
    missing: told ? undefined : { verb: REPORT_MISSING_VERB, areaId: area.id, query: queryText },
  });
}
