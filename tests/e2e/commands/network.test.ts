// Coordinators set up a network from its channel, import term dates, pause/resume it and see prompt status, over HTTP.
import { networkIdOf } from '../../../bot/features/networks/commands/network';
import { kentCalendarCsv } from '../../support/calendars';
import { startConnectorStub, type ConnectorStub } from '../../support/connectorStub';
import { startFileServer, withAttachment, type FileServer } from '../../support/fileServer';
import { FIXTURE_TENANT, FIXTURE_USER_AAD, asUser, loadActivity } from '../../support/fixtures';
import { repliesTo } from '../../support/teams';
import { startTestApp, type RunningApp } from '../../support/testApp';

const CHANNEL = '19:7d5bb5f4a1e84e2d9b0c3e1f2a3b4c5d@thread.tacv2';
const kentCsv = kentCalendarCsv();

describe('network and calendar commands', () => {
  let app: RunningApp;
  let connector: ConnectorStub;
  let files: FileServer;
  let now = new Date('2025-10-20T10:00:00Z');

  beforeAll(async () => {
    connector = await startConnectorStub();
    files = await startFileServer({ '/kent-2025-26.csv': { body: kentCsv } });
    app = await startTestApp({ COORDINATOR_IDS: FIXTURE_USER_AAD }, { clock: { now: () => now } });
    await app.post('/api/messages', loadActivity('installation-add-team', { serviceUrl: connector.serviceUrl }));
  });
  afterAll(async () => {
    await app.stop();
    await connector.close();
    await files.close();
  });

  async function say(fixture: 'channel-mention' | 'personal-message', text: string, overrides: Record<string, unknown> = {}): Promise<string> {
    const activity = loadActivity(fixture, { serviceUrl: connector.serviceUrl, text: fixture === 'channel-mention' ? `<at>Link Programme</at> ${text}` : text, ...overrides });
    return JSON.stringify((await repliesTo(app, connector, activity))[0]);
  }

  it('imports the council\'s term dates and reports a bad line without storing anything', async () => {
    const bad = await say('personal-message', `calendar import kent\n${kentCsv.replace('2026-02-16', '2026-02-30')}`);
    expect(bad).toContain('Nothing was imported');
    expect(bad).toContain('line 3: halfTermStarts must be a date');
    expect(await app.app.services.termCalendars.list(FIXTURE_TENANT, 'kent')).toEqual([]);
    const good = await say('personal-message', `calendar import kent\n${kentCsv}`);
    expect(good).toContain('Term dates imported for kent 2025/26');
    expect(good).toContain('Autumn 2 2025/26: 2025-11-03 to 2025-12-19');
  });

  it('imports term dates from an attached file, and opens only links Teams could have sent', async () => {
    const sendFile = async (downloadUrl: string, fileType = 'csv') => {
      const activity = withAttachment(loadActivity('personal-message-file', { serviceUrl: connector.serviceUrl, text: 'calendar import kent' }), downloadUrl, fileType, `kent.${fileType}`);
      return JSON.stringify((await repliesTo(app, connector, activity))[0]);
    };
    const imported = await sendFile(`${files.url}/kent-2025-26.csv`);
    expect(files.requests).toContain('/kent-2025-26.csv');
    expect(imported).toContain('Term dates imported for kent 2025/26');
    expect(imported).toContain('Summer 2 2025/26');
    expect(await sendFile('https://files.example.org/kent.csv')).toContain('I only open files Teams stores in SharePoint or OneDrive');
    expect(await sendFile(`${files.url}/kent-2025-26.csv`, 'xlsx')).toContain('I accept CSV or JSON');
    const both = loadActivity('personal-message-file', { serviceUrl: connector.serviceUrl, text: `calendar import kent\n${kentCsv}` });
    expect(JSON.stringify((await repliesTo(app, connector, withAttachment(both, `${files.url}/kent-2025-26.csv`, 'csv', 'kent.csv')))[0])).toContain('Send either a file or pasted term dates, not both');
  });

  it('creates the network in the channel, with the next prompt, and refuses a second one there', async () => {
    const created = await say('channel-mention', 'network create kent Kent SMHL network meets week 3 tuesday 16:00');
    expect(created).toContain('Network created');
    expect(created).toContain('Next prompt: A new half-term, Monday 3 November 2025, 09:00 (Autumn 2 2025/26)');
    const network = await app.app.services.networks.get(FIXTURE_TENANT, networkIdOf(FIXTURE_TENANT, CHANNEL));
    expect(network).toMatchObject({ area: 'kent', channelId: CHANNEL, installationId: '19:0f1e2d3c4b5a69788796a5b4c3d2e1f0@thread.tacv2', status: 'active' });
    expect(network?.plan.meeting).toEqual({ week: 3, weekday: 2, time: '16:00' });
    expect(await say('channel-mention', 'network create kent Another')).toContain('already the network');
  });

  it('refuses people who are not coordinators and creating a network in a 1:1 chat', async () => {
    const someone = asUser(loadActivity('channel-mention'), '0b0b0b0b-1111-2222-3333-444444444444');
    expect(await say('channel-mention', 'network create kent Mine', { from: someone.from })).toContain('Only coordinators can create networks');
    expect(await say('personal-message', 'network create kent Mine')).toContain('in the channel or group chat that is the network');
  });

  it('lists, pauses and resumes networks', async () => {
    expect(await say('personal-message', 'network list')).toContain('Kent SMHL network (kent, channel): prompts on');
    expect(await say('channel-mention', 'network pause')).toContain('Prompts paused');
    expect(await say('personal-message', 'network list')).toContain('prompts paused');
    expect(await say('personal-message', 'network resume kent smhl network')).toContain('Prompts resumed');
    expect(await say('personal-message', 'network pause Nope')).toContain('There is no network called');
  });

  it('shows a run\'s progress and failure reasons with prompts status', async () => {
    const services = app.app.services;
    const network = (await services.networks.get(FIXTURE_TENANT, networkIdOf(FIXTURE_TENANT, CHANNEL)))!;
    now = new Date('2025-11-03T09:00:00Z');
    const runId = 'network:demo:2025-26-autumn-2:focus';
    const target = (id: string) => ({ targetId: id, tenantId: FIXTURE_TENANT, conversationId: id, reference: network.reference });
    await services.sends.producer.start(
      { tenantId: FIXTURE_TENANT, runId, kind: 'networkPrompt', label: 'Autumn 2 2025/26: focus prompt', ownerId: network.networkId, dueAt: now, targets: ['a', 'b', 'c', 'd'].map(target), payload: {} },
      now,
    );
    await services.sends.ledger.settle(runId, 'a', 'sent', now);
    await services.sends.ledger.settle(runId, 'b', 'stale', now, '403');
    const status = await say('channel-mention', 'prompts status');
    expect(status).toContain('Prompts for Kent SMHL network');
    expect(status).toContain('1 sent, 2 pending, 0 failed, 1 stale (in progress: 2 of 4 done)');
    expect(status).toContain('1 × the bot was blocked or removed there (403)');
    expect(await say('personal-message', `prompts status ${runId}`)).toContain('Autumn 2 2025/26: focus prompt');
  });
});
