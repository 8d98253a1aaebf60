// The demo area on real Azurite: loaded into empty storage through the features' own repositories, so every command
// that reads them finds it; loading again changes nothing; storage holding anything else is left alone.
import { startTestApp, type RunningApp } from '../../../support/testApp';
import { DEMO_AREA, DEMO_COHORT_NAME, DEMO_NETWORK_NAME, PLAYGROUND, loadDemoArea } from '../../../../bot/features/demo';
import { cohortIdFor } from '../../../../bot/features/cohorts';
import { networkIdOf } from '../../../../bot/features/networks';

const NOW = new Date('2026-12-03T17:00:00Z');
const tenantId = PLAYGROUND.tenantId;

describe('the demo area', () => {
  let app: RunningApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.stop();
  });

  it('loads a directory, term dates, a register, a cohort of the Playground users, a network with posts and a panel', async () => {
    const result = await loadDemoArea(app.app.services, NOW);
    expect(result.loaded).toBe(true);
    const { services } = app.app;

    const directory = await services.contacts.repository.load(tenantId, DEMO_AREA.id);
    expect(directory?.contacts).toHaveLength(12);
    for (const contact of directory?.contacts ?? []) {
      expect(contact.serviceName).toContain('(demo)');
      // Ofcom's drama ranges only: 01632 960xxx, 020 7946 0xxx, 0808 157 0xxx.
      expect(contact.phone.replace(/\s/g, '')).toMatch(/^(01632960\d{3}|02079460\d{3}|08081570\d{3})$/);
    }
    expect((await services.contacts.repository.areas(tenantId)).map((area) => area.name)).toEqual([DEMO_AREA.name]);

    const [calendar, ...otherYears] = await services.termCalendars.list(tenantId, DEMO_AREA.id);
    expect(otherYears).toEqual([]);
    expect(calendar?.schoolYear).toBe('2026-27');
    expect(calendar?.terms.map((term) => term.term)).toEqual(['Autumn', 'Spring', 'Summer']);

    const register = await services.schools.repository.load(tenantId, DEMO_AREA.id);
    expect(register?.entries.map((entry) => entry.name)).toContain('Riverbend Academy (demo)');

    const cohort = (await services.cohorts.get(tenantId, cohortIdFor(DEMO_COHORT_NAME)))?.value;
    expect(cohort).toMatchObject({ areaId: DEMO_AREA.id, channelId: PLAYGROUND.cohortChannel, teamConversationId: PLAYGROUND.team.id, status: 'ready' });
    expect(cohort?.members.map((member) => member.userId)).toEqual(PLAYGROUND.users.map((user) => user.aadObjectId));

    const networkId = networkIdOf(tenantId, PLAYGROUND.groupChat);
    expect(await services.networks.get(tenantId, networkId)).toMatchObject({ name: DEMO_NETWORK_NAME, area: DEMO_AREA.id, scope: 'groupChat' });
    expect((await services.posts.listPosted(tenantId, networkId)).map((post) => post.title)).toEqual(
      expect.arrayContaining(['Worry box in Year 8 tutor time (demo post)', 'Exam stress support before mocks? (demo post)']),
    );
    expect((await services.panels.getPanel(tenantId, DEMO_AREA.id))?.meetings).toHaveLength(3);
  });

  it('changes nothing when loaded again (every start of `npm run dev`)', async () => {
    const before = await app.app.services.contacts.repository.pointer(tenantId, DEMO_AREA.id);
    expect(await loadDemoArea(app.app.services, new Date('2026-12-04T09:00:00Z'))).toEqual({ loaded: true, parts: [] });
    expect(await app.app.services.contacts.repository.pointer(tenantId, DEMO_AREA.id)).toEqual(before);
  });

  it('leaves storage that holds real data alone, writing nothing', async () => {
    const other = await startTestApp();
    try {
      const { services } = other.app;
      await services.contacts.repository.replace(tenantId, { id: 'salford', name: 'Salford' }, [], { version: 'v1', importedBy: 'someone', now: NOW });
      const result = await loadDemoArea(services, NOW);
      expect(result).toEqual({ loaded: false, reason: 'storage already holds the directory of Salford' });
      expect(await services.contacts.repository.load(tenantId, DEMO_AREA.id)).toBeUndefined();
      expect(await services.cohorts.list(tenantId)).toEqual([]);
    } finally {
      await other.stop();
    }
  });
});
