// Two tenants on one deployment, over the real HTTP server: both set up an area called Salford (contacts directory,
// urgent-help lines, term dates, remembered area) through the real commands, and each sees only its own. Then a
// deployment upgraded from the shared keys: the one tenant it served keeps its directory, a new tenant sees none.
import { kentCalendarCsv } from '../support/calendars';
import { startConnectorStub, type ConnectorStub } from '../support/connectorStub';
import { contactsFixtureText, fixtureDirectory } from '../support/contacts';
import { asUser, FIXTURE_TENANT, FIXTURE_USER_AAD, loadActivity, type Json } from '../support/fixtures';
import { writeLegacyDirectory, writeLegacyUrgentHelp } from '../support/legacyRows';
import { testStorage } from '../support/storage';
import { personalMessage, repliesTo, type Person } from '../support/teams';
import { startTestApp, type RunningApp } from '../support/testApp';
import { MIGRATION_TABLES } from '../../bot/migrations/tenantScopingMigration';
import { InstallationRepository } from '../../bot/platform/conversations/installationRepository';

const NOW = new Date('2025-11-23T10:00:00Z');
const TENANT_A = FIXTURE_TENANT;
const TENANT_B = '4a1e2f3b-5c6d-4e7f-8a9b-0c1d2e3f4a5b';
const coordinatorA: Person = { aadObjectId: FIXTURE_USER_AAD, name: 'Megan Bowen' };
const coordinatorB: Person = { aadObjectId: '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f', name: 'Alex Wilber' };
const leadA: Person = { aadObjectId: '0b7c2d4e-5f60-4a1b-8c9d-0e1f2a3b4c5d', name: 'Sam Lead' };
const leadB: Person = { aadObjectId: '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a', name: 'Jo Lead' };

/** Tenant A's Salford: the Salford fixture, short enough to paste (its first ten contacts). */
const salfordCsv = contactsFixtureText('salford.csv').trim().split('\n').slice(0, 11).join('\n');
/** Tenant B's Salford: other services altogether (the Oldham fixture's contacts), under the same area name. */
const otherSalfordJson = contactsFixtureText('oldham.json');
/** Tenant B's council has an earlier October half-term. */
const otherCalendarCsv = kentCalendarCsv().replace('2025-10-27,2025-10-31', '2025-10-20,2025-10-24');
const LINES_A = [{ name: 'Salford CYPMHS crisis line', how: 'Call 0800 953 0285', when: 'Any time', tel: '08009530285' }];
const LINES_B = [{ name: 'Salford Together out-of-hours line', how: 'Call 0161 206 0000', when: 'Evenings and weekends', tel: '01612060000' }];

/** The activity as Teams sends it from a tenant: the tenant id is in the conversation and in channelData. */
function inTenant(activity: Json, tenantId: string): Json {
  return {
    ...activity,
    conversation: { ...(activity.conversation as Json), tenantId },
    channelData: { ...(activity.channelData as Json), tenant: { id: tenantId } },
  };
}

function cardsOf(sent: readonly Json[]): string {
  return JSON.stringify(sent.map((activity) => (activity.attachments as { content: unknown }[] | undefined)?.map((a) => a.content) ?? []));
}

interface Driver {
  says(tenantId: string, person: Person, text: string): Promise<Json[]>;
  searchesExtension(tenantId: string, person: Person, query: string): Promise<string>;
}

function driver(app: () => RunningApp, connector: () => ConnectorStub): Driver {
  return {
    says: (tenantId, person, text) => repliesTo(app(), connector(), inTenant(personalMessage(connector().serviceUrl, person, text), tenantId)),
    async searchesExtension(tenantId, person, query) {
      const activity = inTenant(asUser(loadActivity('compose-extension-query', { serviceUrl: connector().serviceUrl }), person.aadObjectId, person.name), tenantId);
      const response = await app().post('/api/messages', { ...activity, value: { ...(activity.value as Json), parameters: [{ name: 'searchQuery', value: query }] } });
      expect(response.status).toBe(200);
      return JSON.stringify(response.json);
    },
  };
}

describe('two tenants with an area of the same name', () => {
  let app: RunningApp;
  let connector: ConnectorStub;
  const { says, searchesExtension } = driver(
    () => app,
    () => connector,
  );

  beforeAll(async () => {
    connector = await startConnectorStub();
    app = await startTestApp({ COORDINATOR_IDS: `${coordinatorA.aadObjectId},${coordinatorB.aadObjectId}` }, { clock: { now: () => NOW } });
  });
  afterAll(async () => {
    await app.stop();
    await connector.close();
  });

  /** Follows the export card's download link and returns the CSV. */
  async function exportedCsv(tenantId: string, coordinator: Person): Promise<string> {
    const [sent] = await says(tenantId, coordinator, 'contacts export Salford');
    const card = (sent!.attachments as { content: { actions: { type: string; url: string }[] } }[])[0]!.content;
    const link = card.actions.find((a) => a.type === 'Action.OpenUrl')!.url.replace(/^http:\/\/localhost:\d+/, app.url);
    return (await fetch(link)).text();
  }

  it('lets each tenant import its own Salford directory, without replacing the other\'s', async () => {
    expect(cardsOf(await says(TENANT_A, coordinatorA, `contacts import Salford\n${salfordCsv}`))).toContain('Salford now has 10 contacts');
    const [second] = await says(TENANT_B, coordinatorB, `contacts import Salford\n${otherSalfordJson}`);
    // A new directory for tenant B (6 added, none removed), not a change to tenant A's.
    expect(cardsOf([second!])).toContain('Salford now has 6 contacts');
    expect(cardsOf([second!])).toContain('Added: 6');
    expect(cardsOf([second!])).toContain('Removed: 0');
    expect(cardsOf(await says(TENANT_B, coordinatorB, `contacts import Bolton\n${otherSalfordJson}`))).toContain('Bolton now has 6 contacts');
  });

  it('sets each tenant\'s urgent-help lines and term dates for Salford', async () => {
    expect(cardsOf(await says(TENANT_A, coordinatorA, `contacts urgent-help Salford\n${JSON.stringify(LINES_A)}`))).toContain('Salford now shows 1 urgent-help lines');
    expect(cardsOf(await says(TENANT_B, coordinatorB, `contacts urgent-help Salford\n${JSON.stringify(LINES_B)}`))).toContain('Salford now shows 1 urgent-help lines');
    expect(cardsOf(await says(TENANT_A, coordinatorA, `calendar import salford\n${kentCalendarCsv()}`))).toContain('Term dates imported for salford 2025/26');
    expect(cardsOf(await says(TENANT_B, coordinatorB, `calendar import salford\n${otherCalendarCsv}`))).toContain('Term dates imported for salford 2025/26');
  });

  it('lists only the tenant\'s own areas, and remembers each person\'s area in their own tenant', async () => {
    const areasA = cardsOf(await says(TENANT_A, leadA, 'contacts area Salford'));
    expect(areasA).toContain('now search the Salford directory');
    expect(cardsOf(await says(TENANT_A, leadA, 'contacts area'))).toContain('Areas with a directory: Salford.');
    expect(cardsOf(await says(TENANT_B, leadB, 'contacts area salford'))).toContain('now search the Salford directory');
    expect(cardsOf(await says(TENANT_B, leadB, 'contacts area'))).toContain('Areas with a directory: Bolton, Salford.');
    // Tenant A has no Bolton: naming it is an unknown area there.
    const bolton = cardsOf(await says(TENANT_A, leadA, 'contacts area Bolton'));
    expect(bolton).toContain('There is no directory for an area called \\"Bolton\\"');
    expect(bolton).not.toContain('Bolton,');
    expect(await app.app.services.preferences.get(TENANT_A, leadA.aadObjectId)).toEqual({ contactsArea: 'salford' });
    expect(await app.app.services.preferences.get(TENANT_B, leadB.aadObjectId)).toEqual({ contactsArea: 'salford' });
  });

  it('answers a contacts question from the tenant\'s own directory', async () => {
    const answerA = cardsOf(await says(TENANT_A, leadA, 'contacts eating disorder referral for a 14 year old'));
    expect(answerA).toContain('Greater Manchester Eating Disorders Service (Salford)');
    expect(answerA).not.toContain('Pennine Care');
    const answerB = cardsOf(await says(TENANT_B, leadB, 'contacts eating disorder referral for a 14 year old'));
    expect(answerB).toContain('Pennine Care Eating Disorder Service');
    expect(answerB).not.toContain('Greater Manchester Eating Disorders');
    expect(answerB).toContain('Referral contacts: Salford');
  });

  it('leads a risky question with the tenant\'s own urgent-help lines', async () => {
    const urgentA = cardsOf(await says(TENANT_A, leadA, 'contacts pupil took an overdose'));
    expect(urgentA).toContain('Salford CYPMHS crisis line');
    expect(urgentA).not.toContain('Salford Together');
    const urgentB = cardsOf(await says(TENANT_B, leadB, 'contacts pupil took an overdose'));
    expect(urgentB).toContain('Salford Together out-of-hours line');
    expect(urgentB).not.toContain('Salford CYPMHS crisis line');
    expect(cardsOf(await says(TENANT_A, coordinatorA, 'contacts urgent-help Salford'))).toContain('Salford CYPMHS crisis line');
    expect(cardsOf(await says(TENANT_B, coordinatorB, 'contacts urgent-help Salford'))).not.toContain('Salford CYPMHS crisis line');
  });

  it('exports only the tenant\'s own directory', async () => {
    const csvA = await exportedCsv(TENANT_A, coordinatorA);
    expect(csvA.trim().split('\n')).toHaveLength(11);
    expect(csvA).toContain('salford-eating');
    expect(csvA).not.toContain('oldham-');
    const csvB = await exportedCsv(TENANT_B, coordinatorB);
    expect(csvB.trim().split('\n')).toHaveLength(7);
    expect(csvB).toContain('oldham-eating');
    expect(csvB).not.toContain('salford-');
  });

  it('shows each tenant its own term dates', async () => {
    const showA = cardsOf(await says(TENANT_A, coordinatorA, 'calendar show salford'));
    const showB = cardsOf(await says(TENANT_B, coordinatorB, 'calendar show salford'));
    expect(showA).toContain('Autumn 1 2025/26: 2025-09-03 to 2025-10-24');
    expect(showA).not.toContain('to 2025-10-17');
    expect(showB).toContain('Autumn 1 2025/26: 2025-09-03 to 2025-10-17');
    expect(showB).not.toContain('to 2025-10-24');
  });

  it('answers a message-extension search from the tenant\'s own directory', async () => {
    const foundA = await searchesExtension(TENANT_A, leadA, 'eating disorder 14 year old');
    expect(foundA).toContain('Greater Manchester Eating Disorders Service (Salford)');
    expect(foundA).not.toContain('Pennine Care');
    const foundB = await searchesExtension(TENANT_B, leadB, 'eating disorder 14 year old');
    expect(foundB).toContain('Pennine Care Eating Disorder Service');
    expect(foundB).not.toContain('Greater Manchester Eating Disorders');
  });

  it('shows a third tenant nothing at all', async () => {
    const third = '5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e';
    const stranger: Person = { aadObjectId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d', name: 'New Person' };
    expect(cardsOf(await says(third, stranger, 'contacts anxiety in Salford'))).toContain('No area has a referral directory yet');
    expect(await searchesExtension(third, stranger, 'anxiety in Salford')).toContain('No area has a referral directory yet');
    const urgent = cardsOf(await says(third, stranger, 'contacts pupil took an overdose in Salford'));
    expect(urgent).toContain('These are the national urgent-help lines.');
    expect(urgent).not.toContain('Salford CYPMHS crisis line');
    expect(urgent).not.toContain('Salford Together');
  });
});

describe('a deployment upgraded from keys shared by every tenant', () => {
  let app: RunningApp;
  let connector: ConnectorStub;
  const { says } = driver(
    () => app,
    () => connector,
  );

  beforeAll(async () => {
    connector = await startConnectorStub();
    // What the bot stored before this change, for the one tenant it served: its Salford directory and urgent-help lines.
    const storage = await testStorage(MIGRATION_TABLES);
    await writeLegacyDirectory(storage, { id: 'salford', name: 'Salford' }, fixtureDirectory('salford.csv'), { version: 'v1', importedBy: coordinatorA.aadObjectId, now: NOW });
    await writeLegacyUrgentHelp(storage, 'salford', LINES_A, coordinatorA.aadObjectId, NOW);
    await new InstallationRepository(storage).saveActive({
      tenantId: TENANT_A,
      conversationId: 'a:1E0kJ9M1tbkv7-upgrade',
      scope: 'personal',
      reference: { bot: { id: '28:bot', name: 'Link Programme' }, channelId: 'msteams', conversation: { id: 'a:1E0kJ9M1tbkv7-upgrade', tenantId: TENANT_A }, serviceUrl: connector.serviceUrl },
      updated: NOW,
    });
    app = await startTestApp({ STORAGE_PREFIX: storage.prefix, COORDINATOR_IDS: coordinatorA.aadObjectId }, { clock: { now: () => NOW } });
  });
  afterAll(async () => {
    await app.stop();
    await connector.close();
  });

  it('moves the old rows to that tenant at start-up, saying so once in the log', async () => {
    const answer = cardsOf(await says(TENANT_A, leadA, 'contacts eating disorder referral for a 14 year old in Salford'));
    expect(answer).toContain('Greater Manchester Eating Disorders Service (Salford)');
    expect(cardsOf(await says(TENANT_A, leadA, 'contacts pupil took an overdose'))).toContain('Salford CYPMHS crisis line');
    const line = app.logs.lines().find((l) => l.event === 'migration.tenant-scoping');
    expect(line).toMatchObject({ owner: TENANT_A, directories: 1, contactRows: 12, urgentHelpLists: 1 });
  });

  it('shows another tenant none of it', async () => {
    expect(cardsOf(await says(TENANT_B, leadB, 'contacts eating disorder in Salford'))).toContain('No area has a referral directory yet');
    expect(cardsOf(await says(TENANT_B, leadB, 'contacts pupil took an overdose in Salford'))).not.toContain('Salford CYPMHS crisis line');
  });
});
