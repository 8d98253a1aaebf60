// ALLOWED_TENANT_IDS: activities from any other tenant get a polite refusal in the shape they expect, no handler runs,
// nothing is read or written in storage, and the log names only the tenant.
import { TENANT_REFUSAL } from '../../bot/edge/teamsBot';
import { appWithConnector } from '../support/connectorStub';
import { FIXTURE_TENANT, loadActivity, type Json } from '../support/fixtures';
import { changesBetween, snapshotStorage, watchStorage } from '../support/storageWatch';

const OUR_TENANT = '5f0d3c2a-1b4e-4c6d-8e9f-0a1b2c3d4e5f';

/** The activity as it would come from our own tenant (both places Teams names the tenant). */
function fromOurTenant(activity: Json): Json {
  return { ...activity, conversation: { ...(activity.conversation as Json), tenantId: OUR_TENANT }, channelData: { ...(activity.channelData as Json), tenant: { id: OUR_TENANT } } };
}

describe('the tenant allow-list', () => {
  // Upper case on purpose: tenant ids are compared without regard to case.
  const running = appWithConnector({ ALLOWED_TENANT_IDS: `${OUR_TENANT.toUpperCase()}, 0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e` });
  const activity = (name: string) => loadActivity(name, { serviceUrl: running.connector.serviceUrl });

  /** Posts an activity from another tenant and checks nothing of storage was touched. */
  async function postRefused(body: Json, tenantIds: readonly string[] = [FIXTURE_TENANT]) {
    const before = await snapshotStorage(running.app);
    const watch = watchStorage();
    try {
      const response = await running.app.post('/api/messages', body);
      await new Promise((r) => setTimeout(r, 100));
      expect(watch.calls).toEqual([]);
      expect(changesBetween(before, await snapshotStorage(running.app))).toEqual([]);
      expect(running.app.logs.lines().filter((line) => line.event === 'tenant.refused').at(-1)).toEqual(expect.objectContaining({ event: 'tenant.refused', tenantIds }));
      return response;
    } finally {
      watch.stop();
    }
  }

  it('answers a message from another tenant with the refusal card, and nothing else', async () => {
    const before = running.connector.activities().length;
    const response = await postRefused(activity('personal-message'));
    expect(response.status).toBe(200);
    const sent = (await running.connector.waitForActivities(before + 1)).slice(before);
    expect(sent).toHaveLength(1);
    expect(JSON.stringify(sent[0])).toContain('This app is not set up for your organisation');
  });

  it('answers a card action from another tenant with an error invoke response', async () => {
    const response = await postRefused(activity('adaptive-card-action-channel'));
    expect(response.status).toBe(403);
    expect(response.json).toEqual({ statusCode: 403, type: 'application/vnd.microsoft.error', value: { code: 'Forbidden', message: TENANT_REFUSAL } });
  });

  it('answers a search from another tenant with a message', async () => {
    const response = await postRefused(activity('compose-extension-query'));
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ composeExtension: { type: 'message', text: TENANT_REFUSAL } });
  });

  it('ignores the bot being installed in another tenant: no installation is recorded', async () => {
    const callsBefore = running.connector.calls.length;
    expect((await postRefused(activity('installation-add-team'))).status).toBe(200);
    expect((await postRefused(activity('members-added-personal'))).status).toBe(200);
    expect(running.connector.calls.length).toBe(callsBefore);
    expect(await running.app.app.services.installations.listActive(FIXTURE_TENANT)).toEqual([]);
  });

  it('refuses an activity that names an allowed tenant in one place and another tenant in the other', async () => {
    const mixed = { ...activity('adaptive-card-action-personal'), conversation: { ...(activity('adaptive-card-action-personal').conversation as Json), tenantId: OUR_TENANT } };
    const response = await postRefused(mixed, [OUR_TENANT, FIXTURE_TENANT]);
    expect(response.status).toBe(403);
  });

  it('logs the refusal with the tenant id only, never what was typed or who typed it', () => {
    const refusals = running.app.logs.lines().filter((line) => line.event === 'tenant.refused');
    expect(refusals.length).toBeGreaterThan(0);
    const text = JSON.stringify(refusals);
    expect(text).not.toMatch(/help|Megan|6f1c2a9e|eating disorder/);
  });

  it('serves the tenants on the list as usual', async () => {
    const before = running.connector.activities().length;
    expect((await running.app.post('/api/messages', fromOurTenant(activity('personal-message')))).status).toBe(200);
    const [reply] = (await running.connector.waitForActivities(before + 1)).slice(before);
    expect(JSON.stringify(reply)).toContain('Show what I can do for you.');
    expect((await running.app.post('/api/messages', fromOurTenant(activity('installation-add-team')))).status).toBe(200);
    expect(await running.app.app.services.installations.listActive(OUR_TENANT)).toHaveLength(1);
  });
});
