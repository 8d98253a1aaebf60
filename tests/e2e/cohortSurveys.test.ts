// Surveys for a cohort by name: the card goes to the cohort's channel, the run belongs to the cohort, the cohort's
// members may answer, and the cohort's facilitator (no role needed) may see results while others may not.
import { VERB as ANSWER } from '../../bot/features/surveys/cardActions/surveyAnswer';
import { cohortIdFor } from '../../bot/features/cohorts/domain/cohorts';
import type { Cohort } from '../../bot/features/cohorts/domain/cohorts';
import { startConnectorStub, type ConnectorStub } from '../support/connectorStub';
import { FIXTURE_TENANT, FIXTURE_USER_AAD, loadActivity } from '../support/fixtures';
import { channelMessage, personalMessage, repliesTo, type Person } from '../support/teams';
import { startTestApp, type RunningApp } from '../support/testApp';

const TEAM = '19:0f1e2d3c4b5a69788796a5b4c3d2e1f0@thread.tacv2';
const CHANNEL = '19:cohort3channel0000000000000000@thread.tacv2';
const COHORT = 'Salford Cohort 3';
// A phase word in a cohort's name must not be read as the phase ("pulse close Baseline group").
const PHASE_WORD_COHORT = 'Baseline group';
const PHASE_WORD_CHANNEL = '19:baselinegroup00000000000000000@thread.tacv2';
const coordinator: Person = { aadObjectId: FIXTURE_USER_AAD, name: 'Megan Bowen' };
const facilitator: Person = { aadObjectId: '0000000f-aaaa-4bbb-8ccc-00000000000f', name: 'Fran Cilitator' };
const member: Person = { aadObjectId: '00000001-aaaa-4bbb-8ccc-000000000001', name: 'Alex Wilber' };
const outsider: Person = { aadObjectId: '00000009-aaaa-4bbb-8ccc-000000000009', name: 'Not In Cohort' };

describe('surveys for a named cohort', () => {
  let app: RunningApp;
  let connector: ConnectorStub;

  beforeAll(async () => {
    connector = await startConnectorStub();
    app = await startTestApp({ COORDINATOR_IDS: coordinator.aadObjectId });
    await app.post('/api/messages', loadActivity('installation-add-team', { serviceUrl: connector.serviceUrl }));
    const now = new Date('2026-11-23T10:00:00Z');
    const cohortIn = (name: string, channelId: string): Cohort => ({
      tenantId: FIXTURE_TENANT,
      id: cohortIdFor(name),
      name,
      areaId: 'salford',
      teamConversationId: TEAM,
      teamAadGroupId: '2b4c6d8e-0f1a-4b3c-8d5e-7f9a1b3c5d7e',
      membershipType: 'standard',
      channelId,
      facilitator: 'fran.cilitator@nhs.net',
      members: [
        { email: 'alex.wilber@stmarys.sch.uk', status: 'added', userId: member.aadObjectId },
        { email: 'fran.cilitator@nhs.net', status: 'added', userId: facilitator.aadObjectId, guest: true },
      ],
      status: 'ready',
      createdBy: coordinator.aadObjectId,
      created: now,
      updated: now,
    });
    await app.app.services.cohorts.insertOrGet(cohortIn(COHORT, CHANNEL));
    await app.app.services.cohorts.insertOrGet(cohortIn(PHASE_WORD_COHORT, PHASE_WORD_CHANNEL));
  });
  afterAll(async () => {
    await app.stop();
    await connector.close();
  });

  const says = async (person: Person, text: string): Promise<string> =>
    JSON.stringify(await repliesTo(app, connector, personalMessage(connector.serviceUrl, person, text)));

  it('posts the survey in the cohort channel and keeps the run with the cohort', async () => {
    await says(coordinator, `pulse start ${COHORT} baseline`);
    const post = connector.calls.filter((c) => c.path === '/v3/conversations').at(-1);
    expect(post?.body).toMatchObject({ isGroup: true, channelData: { channel: { id: CHANNEL } } });
    const runs = await app.app.services.surveyRuns.listForTarget(FIXTURE_TENANT, cohortIdFor(COHORT));
    expect(runs.map((r) => [r.kind, r.phase])).toEqual([['pulse', 'baseline']]);
  });

  it('lets the cohort facilitator see results without a role, and refuses someone outside the cohort', async () => {
    const forFacilitator = await says(facilitator, `pulse results ${COHORT}`);
    expect(forFacilitator).not.toContain('Only coordinators');
    expect(forFacilitator).toContain('fewer than 3');
    expect(await says(outsider, `pulse results ${COHORT}`)).toContain("Only coordinators and the cohort's facilitator");
  });

  it("accepts a cohort member's answer from the channel card and refuses someone outside the cohort", async () => {
    const [run] = await app.app.services.surveyRuns.listForTarget(FIXTURE_TENANT, cohortIdFor(COHORT));
    const answer = async (who: Person) => {
      const activity = loadActivity('card-action-channel', { serviceUrl: connector.serviceUrl, from: { id: `29:${who.aadObjectId}`, name: who.name, aadObjectId: who.aadObjectId } });
      const conversation = activity.conversation as Record<string, unknown>;
      activity.conversation = { ...conversation, id: `${CHANNEL};messageid=1732356300999` };
      activity.channelData = { ...(activity.channelData as Record<string, unknown>), channel: { id: CHANNEL }, teamsChannelId: CHANNEL };
      activity.value = {
        action: {
          type: 'Action.Execute',
          verb: ANSWER,
          data: {
            run: run!.runId,
            target: cohortIdFor(COHORT),
            page: 'p1',
            contact_frequency: '3',
            communication: '4',
            relationships: '4',
            referral_routes: '3',
            knowledge: '3',
            referral_handling: '3',
            referral_timeliness: '3',
            referral_appropriateness: '4',
          },
        },
        trigger: 'manual',
      };
      return app.post('/api/messages', activity);
    };
    expect((await answer(member)).status).toBe(200);
    expect((await answer(outsider)).status).toBe(403);
    const rows = await app.app.services.responses.listRun(run!.runId);
    expect(rows.map((r) => r.respondent)).toEqual([member.aadObjectId]);
  });

  it(`exports the latest run of "${PHASE_WORD_COHORT}", whatever its phase, when no phase ends the command`, async () => {
    expect(await says(coordinator, `pulse start ${PHASE_WORD_COHORT} follow-up`)).toContain('pulse follow-up survey started');
    const exported = await says(coordinator, `pulse export ${PHASE_WORD_COHORT}`);
    expect(exported).not.toContain('No pulse survey');
    expect(exported).toContain('Only 0 people have answered so far');
  });

  it(`closes the open run of "${PHASE_WORD_COHORT}", whatever its phase, when no phase ends the command`, async () => {
    // Started here too, so this test stands alone (starting a run that is already open changes nothing).
    await says(coordinator, `pulse start ${PHASE_WORD_COHORT} follow-up`);
    const closed = await says(coordinator, `pulse close ${PHASE_WORD_COHORT}`);
    expect(closed).toContain('Survey closed');
    expect(closed).toContain(`The follow-up pulse survey for ${PHASE_WORD_COHORT} stops taking answers`);
  });

  // Last, as it adds a second run to the cohort that the tests above would have to tell apart.
  it("started in the cohort's channel without a name, suggests the results and close commands with the cohort's name", async () => {
    const inCohortChannel = channelMessage(connector.serviceUrl, coordinator, 'cascade start');
    inCohortChannel.conversation = { ...(inCohortChannel.conversation as Record<string, unknown>), id: `${CHANNEL};messageid=1732356300777` };
    inCohortChannel.channelData = { ...(inCohortChannel.channelData as Record<string, unknown>), channel: { id: CHANNEL }, teamsChannelId: CHANNEL };
    const started = JSON.stringify(await repliesTo(app, connector, inCohortChannel));
    expect(started).toContain('CASCADE baseline survey started');
    expect(started).toContain(`See results: cascade results ${COHORT}`);
    expect(started).toContain(`Close it early: cascade close ${COHORT}`);
    // What it suggests works from a 1:1 chat.
    expect(await says(coordinator, `cascade results ${COHORT}`)).toContain(`CASCADE results: ${COHORT}`);
  });
});
