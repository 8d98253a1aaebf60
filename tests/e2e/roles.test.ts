// Roles end to end: a coordinator grants a role by object id, the person then sees coordinator commands in help,
// `roles list` shows them, and revoking takes it away again.
import { startConnectorStub, type ConnectorStub } from '../support/connectorStub';
import { personalMessage, repliesTo, type Person } from '../support/teams';
import { startTestApp, type RunningApp } from '../support/testApp';

const coordinator: Person = { aadObjectId: '0b3c5d7e-1a2b-4c3d-8e9f-0a1b2c3d4e5f', name: 'Cora Ordinator' };
const lead: Person = { aadObjectId: '6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b', name: 'Megan Bowen' };

describe('roles', () => {
  let app: RunningApp;
  let connector: ConnectorStub;

  beforeAll(async () => {
    connector = await startConnectorStub();
    app = await startTestApp({ COORDINATOR_IDS: coordinator.aadObjectId });
  });
  afterAll(async () => {
    await app.stop();
    await connector.close();
  });

  const says = async (person: Person, text: string): Promise<string> =>
    JSON.stringify(await repliesTo(app, connector, personalMessage(connector.serviceUrl, person, text)));

  it('grants, lists and revokes a role, and help follows it', async () => {
    expect(await says(lead, 'help')).not.toContain('cohort create');

    const granted = await says(coordinator, `roles grant ${lead.aadObjectId}`);
    expect(granted).toContain('Role granted');
    expect(granted).toContain(`roles revoke ${lead.aadObjectId} coordinator`);
    expect(await says(lead, 'help')).toContain('cohort create');
    expect(await says(coordinator, 'roles list')).toContain(`${lead.aadObjectId}: coordinator`);

    expect(await says(coordinator, `roles grant ${lead.aadObjectId}`)).toContain('already a coordinator');
    expect(await says(coordinator, `roles revoke ${lead.aadObjectId}`)).toContain('no longer has a role');
    expect(await says(lead, 'help')).not.toContain('cohort create');
  });

  it('grants a facilitator role, and refuses two people or none at once with the usage', async () => {
    expect(await says(coordinator, `roles grant ${lead.aadObjectId} facilitator`)).toContain('is now a facilitator');
    expect(await app.app.services.roles.rolesOf('72f988bf-86f1-41af-91ab-2d7cd011db47', lead.aadObjectId)).toEqual(['facilitator']);
    const refused = await says(coordinator, `roles grant ${lead.aadObjectId} ${coordinator.aadObjectId}`);
    expect(refused).toContain('Name exactly one person');
    expect(refused).toContain('Usage: roles grant');
    expect(await says(coordinator, 'roles grant')).toContain('Name exactly one person');
  });

  it('will not let a coordinator remove their own coordinator role', async () => {
    expect(await says(coordinator, `roles revoke ${coordinator.aadObjectId}`)).toContain('You cannot remove your own coordinator role');
  });
});
