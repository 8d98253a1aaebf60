// A cohort whose name holds a phase word: "close" and "export" read a phase only from the end of the command, as
// "start" does, so "pulse close Baseline group" means every open run of the cohort, not its baseline run only.
import { cohortIdFor } from '../../bot/domain/cohorts';
import { startConnectorStub, type ConnectorStub } from '../support/connectorStub';
import { FIXTURE_TENANT, FIXTURE_USER_AAD, loadActivity } from '../support/fixtures';
import { personalMessage, repliesTo, type Person } from '../support/teams';
import { startTestApp, type RunningApp } from '../support/testApp';

const TEAM = '19:0f1e2d3c4b5a69788796a5b4c3d2e1f0@thread.tacv2';
const CHANNEL = '19:baselinegroup00000000000000000@thread.tacv2';
const COHORT = 'Baseline group';
const coordinator: Person = { aadObjectId: FIXTURE_USER_AAD, name: 'Megan Bowen' };
const member: Person = { aadObjectId: '00000001-aaaa-4bbb-8ccc-000000000001', name: 'Alex Wilber' };

describe('surveys for a cohort called "Baseline group"', () => {
  let app: RunningApp;
  let connector: ConnectorStub;

  beforeAll(async () => {
    connector = await startConnectorStub();
    app = await startTestApp({ COORDINATOR_IDS: coordinator.aadObjectId });
    await app.post('/api/messages', loadActivity('installation-add-team', { serviceUrl: connector.serviceUrl }));
    const now = new Date('2026-11-23T10:00:00Z');
    await app.app.services.cohorts.insertOrGet({
      tenantId: FIXTURE_TENANT,
      id: cohortIdFor(COHORT),
      name: COHORT,
      areaId: 'salford',
      teamConversationId: TEAM,
      teamAadGroupId: '2b4c6d8e-0f1a-4b3c-8d5e-7f9a1b3c5d7e',
      membershipType: 'standard',
      channelId: CHANNEL,
      members: [{ email: 'alex.wilber@stmarys.sch.uk', status: 'added', userId: member.aadObjectId }],
      status: 'ready',
      createdBy: coordinator.aadObjectId,
      created: now,
      updated: now,
    });
  });
  afterAll(async () => {
    await app.stop();
    await connector.close();
  });

  const says = async (text: string): Promise<string> => JSON.stringify(await repliesTo(app, connector, personalMessage(connector.serviceUrl, coordinator, text)));

  it('exports the latest run, whatever its phase, when no phase ends the command', async () => {
    expect(await says(`pulse start ${COHORT} follow-up`)).toContain('pulse follow-up survey started');
    const exported = await says(`pulse export ${COHORT}`);
    expect(exported).not.toContain('No pulse survey');
    expect(exported).toContain('Only 0 people have answered so far');
  });

  it('closes the open run, whatever its phase, when no phase ends the command', async () => {
    const closed = await says(`pulse close ${COHORT}`);
    expect(closed).toContain('Survey closed');
    expect(closed).toContain(`The follow-up pulse survey for ${COHORT} stops taking answers`);
  });
});
