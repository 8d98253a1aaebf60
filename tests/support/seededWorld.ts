// A running bot with something to act on, for tests that throw bad payloads at every route: the bot installed in the
// fixture team, a network in its channel with one post, a panel, and a coordinator who belongs to the network.
import { networkIdOf } from '../../bot/features/networks/commands/network';
import { kentCalendarCsv } from './calendars';
import { startConnectorStub, type ConnectorStub } from './connectorStub';
import { FIXTURE_TENANT, loadActivity } from './fixtures';
import { channelCardAction, channelMessage, personalMessage, repliesTo, type Person } from './teams';
import { startTestApp, type RunningApp } from './testApp';

export const WORLD_CHANNEL = '19:7d5bb5f4a1e84e2d9b0c3e1f2a3b4c5d@thread.tacv2';
export const worldCoordinator: Person = { aadObjectId: '0b3c5d7e-1a2b-4c3d-8e9f-0a1b2c3d4e5f', name: 'Cora Ordinator' };

export interface SeededWorld {
  readonly app: RunningApp;
  readonly connector: ConnectorStub;
  readonly networkId: string;
  /** A posted post in the network, by the coordinator. */
  readonly postId: string;
  stop(): Promise<void>;
}

export async function startSeededWorld(env: Record<string, string> = {}): Promise<SeededWorld> {
  const connector = await startConnectorStub();
  const app = await startTestApp({ COORDINATOR_IDS: worldCoordinator.aadObjectId, ...env });
  const say = async (activity: Record<string, unknown>) => JSON.stringify((await repliesTo(app, connector, activity))[0]);
  await app.post('/api/messages', loadActivity('installation-add-team', { serviceUrl: connector.serviceUrl }));
  await say(personalMessage(connector.serviceUrl, worldCoordinator, `calendar import kent\n${kentCalendarCsv()}`));
  const created = await say(channelMessage(connector.serviceUrl, worldCoordinator, 'network create kent Kent SMHL network'));
  if (!created.includes('Network created')) throw new Error('The seeded world could not create its network.');
  await say(channelMessage(connector.serviceUrl, worldCoordinator, 'panel create kent 2027-01-14'));
  const networkId = networkIdOf(FIXTURE_TENANT, WORLD_CHANNEL);
  const form = { title: 'Attendance letters parents read', text: 'Shorter, warmer letters with the link practitioner\'s number.', link: '', tags: 'attendance' };
  const posted = await app.post('/api/messages', channelCardAction(connector.serviceUrl, worldCoordinator, 'post.submit', { verb: 'post.submit', kind: 'share', networkId, postId: '', ...form }));
  if (posted.status !== 200) throw new Error(`The seeded world could not post (HTTP ${posted.status}).`);
  const [post] = await app.app.services.posts.listPosted(FIXTURE_TENANT, networkId);
  if (!post) throw new Error('The seeded world has no post.');
  return {
    app,
    connector,
    networkId,
    postId: post.postId,
    async stop() {
      await app.stop();
      await connector.close();
    },
  };
}
