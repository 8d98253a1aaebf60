// Loads the demo area (demoArea.ts) into storage that holds nothing else, through the features' own parsers and
// repositories, so it is exactly what the imports and commands would have written. Safe to run on every start: storage
// holding anything but the demo is left alone, and each part already there is skipped.
import { Readable } from 'node:stream';
import { cohortIdFor, type Cohort } from '../cohorts';
import { checkContactRows, parseContactFile } from '../contacts';
import { DEFAULT_PROMPT_PLAN, networkIdOf, type Network } from '../networks';
import { readRegisterFile } from '../schools';
import { parseTermCalendarCsv } from '../../domain/termCalendar';
import type { ConversationReference } from '../../events';
import type { Services } from '../../platform/services';
import { DEMO_AREA, DEMO_COHORT_NAME, DEMO_COORDINATOR, DEMO_NETWORK_NAME, DEMO_POSTS, DEMO_SCHOOLS_CSV, PLAYGROUND, demoContactsCsv } from './demoArea';
import { demoTermDateRows } from './domain/demoCalendar';

export type DemoLoad = { readonly loaded: true; readonly parts: readonly string[] } | { readonly loaded: false; readonly reason: string };

const tenantId = PLAYGROUND.tenantId;
const by = DEMO_COORDINATOR.aadObjectId;

/** Loads what is missing of the demo area; refuses (and writes nothing) when storage holds anything that is not the demo's. */
/** `playgroundConnector` is the Playground's Bot Connector URL, where the demo network's prompts go. */
export async function loadDemoArea(services: Services, now: Date, playgroundConnector: string = PLAYGROUND.serviceUrl): Promise<DemoLoad> {
  const cohortId = cohortIdFor(DEMO_COHORT_NAME);
  const networkId = networkIdOf(tenantId, PLAYGROUND.groupChat);
  const [areas, cohorts, networks] = await Promise.all([services.contacts.repository.areas(tenantId), services.cohorts.list(tenantId), services.networks.list(tenantId)]);
  const foreign = [
    ...areas.filter((area) => area.id !== DEMO_AREA.id).map((area) => `the directory of ${area.name}`),
    ...cohorts.filter((cohort) => cohort.id !== cohortId).map((cohort) => `the cohort ${cohort.name}`),
    ...networks.filter((network) => network.networkId !== networkId).map((network) => `the network ${network.name}`),
  ];
  if (foreign.length > 0) return { loaded: false, reason: `storage already holds ${foreign.slice(0, 3).join(', ')}${foreign.length > 3 ? ' and more' : ''}` };
  const today = now.toISOString().slice(0, 10);
  const parts: string[] = [];
  if (!areas.some((area) => area.id === DEMO_AREA.id)) parts.push(await loadDirectory(services, now, today));
  if ((await services.termCalendars.list(tenantId, DEMO_AREA.id)).length === 0) parts.push(await loadTermDates(services, now, today));
  if (!(await services.schools.repository.area(tenantId, DEMO_AREA.id))?.generation) parts.push(await loadRegister(services, now));
  if (!cohorts.some((cohort) => cohort.id === cohortId)) parts.push(await loadCohort(services, now, cohortId));
  if (!networks.some((network) => network.networkId === networkId)) parts.push(await loadNetwork(services, now, networkId, playgroundConnector));
  if (!(await services.panels.getPanel(tenantId, DEMO_AREA.id))) parts.push(await loadPanel(services, now, today));
  services.logger.info({ event: 'demo.loaded', area: DEMO_AREA.id, parts }, parts.length > 0 ? `demo area loaded: ${parts.join(', ')}` : 'demo area already loaded');
  return { loaded: true, parts };
}

function newVersion(services: Services): string {
  return services.ids.newId().replace(/[^0-9a-z]/gi, '').toLowerCase();
}

/** As `contacts import`: the file parsed and every row checked, then the directory replaced in one change. */
async function loadDirectory(services: Services, now: Date, today: string): Promise<string> {
  const parsed = parseContactFile(demoContactsCsv(today), 'csv');
  if (!parsed.ok) throw new Error(`The demo directory does not parse: ${parsed.problem}`);
  const checked = checkContactRows(parsed.rows);
  if (!checked.ok) throw new Error(`The demo directory has bad rows: ${JSON.stringify(checked.errors)}`);
  await services.contacts.repository.replace(tenantId, DEMO_AREA, checked.contacts, { version: newVersion(services), importedBy: by, now });
  return `${checked.contacts.length} contacts`;
}

/** As `calendar import`: the council's CSV rows through the same parser. */
async function loadTermDates(services: Services, now: Date, today: string): Promise<string> {
  const calendar = parseTermCalendarCsv(demoTermDateRows(today));
  await services.termCalendars.save(tenantId, { ...calendar, area: DEMO_AREA.id, importedBy: by, imported: now });
  return `term dates ${calendar.schoolYear}`;
}

/** As `schools import` with a hand-made register: the file read by the import's reader, then the register replaced. */
async function loadRegister(services: Services, now: Date): Promise<string> {
  const read = await readRegisterFile(Readable.from([Buffer.from(DEMO_SCHOOLS_CSV, 'utf8')]), new Set());
  const area = await services.schools.repository.area(tenantId, DEMO_AREA.id);
  await services.schools.repository.replace(tenantId, DEMO_AREA.id, read.kept, { generation: newVersion(services), importedBy: by, now, expected: area });
  return `${read.kept.length} schools and services`;
}

/** As a finished `cohort create`: the Playground's users as members of a channel in the Playground's team. */
async function loadCohort(services: Services, now: Date, cohortId: string): Promise<string> {
  const cohort: Cohort = {
    tenantId,
    id: cohortId,
    name: DEMO_COHORT_NAME,
    areaId: DEMO_AREA.id,
    teamConversationId: PLAYGROUND.team.id,
    teamAadGroupId: PLAYGROUND.team.aadGroupId,
    teamName: PLAYGROUND.team.name,
    membershipType: 'standard',
    facilitator: PLAYGROUND.users[4].email,
    channelId: PLAYGROUND.cohortChannel,
    members: PLAYGROUND.users.map((user) => ({ email: user.email, status: 'added', userId: user.aadObjectId, name: user.name, mail: user.email })),
    status: 'ready',
    createdBy: by,
    created: now,
    updated: now,
  };
  await services.cohorts.insertOrGet(cohort);
  return `the cohort "${DEMO_COHORT_NAME}" (${cohort.members.length} members)`;
}

/** The Playground's group chat as the conversation a Teams install of it would give (scripts/playground.ts). */
function groupChatReference(serviceUrl: string): ConversationReference {
  return {
    bot: PLAYGROUND.bot,
    conversation: { id: PLAYGROUND.groupChat, conversationType: 'groupChat', tenantId, isGroup: true },
    channelId: 'msteams',
    serviceUrl,
  };
}

/** As `network create` in the Playground's group chat, with two posts in it. */
async function loadNetwork(services: Services, now: Date, networkId: string, serviceUrl: string): Promise<string> {
  const reference = groupChatReference(serviceUrl);
  const network: Network = {
    tenantId,
    networkId,
    name: DEMO_NETWORK_NAME,
    area: DEMO_AREA.id,
    scope: 'groupChat',
    conversationId: PLAYGROUND.groupChat,
    reference,
    installationId: PLAYGROUND.groupChat,
    plan: DEFAULT_PROMPT_PLAN,
    status: 'active',
    createdBy: by,
    created: now,
    updated: now,
  };
  await services.networks.save(network);
  for (const post of DEMO_POSTS) {
    await services.posts.createPending({
      tenantId,
      networkId,
      postId: post.postId,
      kind: post.kind,
      authorId: post.author.aadObjectId,
      authorName: post.author.name,
      title: post.title,
      text: post.text,
      tags: [...post.tags],
      helpfulCount: 0,
      answered: false,
      created: now,
      updated: now,
    });
    await services.posts.markPosted(tenantId, networkId, post.postId, undefined, reference);
  }
  return `the network "${DEMO_NETWORK_NAME}" with ${DEMO_POSTS.length} posts`;
}

/** As `panel create riverbend-demo <dates>` in the team's General channel: a meeting on the first of each coming month. */
async function loadPanel(services: Services, now: Date, today: string): Promise<string> {
  const meetings = [1, 2, 3].map((ahead) => {
    const at = new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 1 + ahead, 1, 12));
    return at.toISOString().slice(0, 10);
  });
  await services.panels.savePanel({
    tenantId,
    areaId: DEMO_AREA.id,
    teamId: PLAYGROUND.team.id,
    channelId: PLAYGROUND.team.id,
    conversationId: PLAYGROUND.team.id,
    meetings,
    createdBy: by,
    updated: now,
  });
  return `the wellbeing panel (${meetings.length} meetings)`;
}
