// Survey answers and people's data rights: `privacy export` includes a person's answers, `privacy delete` erases them
// and results are recomputed from what remains, and the retention purge removes answers older than the setting.
import { VERB as ANSWER } from '../../bot/features/surveys/cardActions/surveyAnswer';
import { cohortIdFor } from '../../bot/features/cohorts/domain/cohorts';
import type { Clock } from '../../bot/platform/clock';
import { startConnectorStub, type ConnectorStub } from '../support/connectorStub';
import { FIXTURE_TENANT, loadActivity, type Json } from '../support/fixtures';
import { cardAction, personalMessage, repliesTo, type InvokeAnswer, type Person } from '../support/teams';
import { startTestApp, type RunningApp } from '../support/testApp';

const TEAM = '19:0f1e2d3c4b5a69788796a5b4c3d2e1f0@thread.tacv2';
const CHANNEL = '19:cohort4channel0000000000000000@thread.tacv2';
const COHORT = 'Oldham Cohort 4';
const coordinator: Person = { aadObjectId: '0b3c5d7e-1a2b-4c3d-8e9f-0a1b2c3d4e5f', name: 'Cora Ordinator' };
const members: Person[] = [1, 2, 3].map((n) => ({ aadObjectId: `0000000${n}-bbbb-4ccc-8ddd-00000000000${n}`, name: `Member ${n}` }));

describe('survey answers and privacy', () => {
  let app: RunningApp;
  let connector: ConnectorStub;
  let now = new Date('2026-11-23T10:00:00Z');
  const clock: Clock = { now: () => now };

  beforeAll(async () => {
    connector = await startConnectorStub();
    app = await startTestApp({ COORDINATOR_IDS: coordinator.aadObjectId }, { clock });
    await app.post('/api/messages', loadActivity('installation-add-team', { serviceUrl: connector.serviceUrl }));
    await app.app.services.cohorts.insertOrGet({
      tenantId: FIXTURE_TENANT,
      id: cohortIdFor(COHORT),
      name: COHORT,
      areaId: 'oldham',
      teamConversationId: TEAM,
      teamAadGroupId: '2b4c6d8e-0f1a-4b3c-8d5e-7f9a1b3c5d7e',
      membershipType: 'standard',
      channelId: CHANNEL,
      members: members.map((m, i) => ({ email: `member${i + 1}@oldham.sch.uk`, status: 'added' as const, userId: m.aadObjectId })),
      status: 'ready',
      createdBy: coordinator.aadObjectId,
      created: now,
      updated: now,
    });
    await says(coordinator, `pulse start ${COHORT}`);
    const [run] = await app.app.services.surveyRuns.listForTarget(FIXTURE_TENANT, cohortIdFor(COHORT));
    for (const [i, member] of members.entries()) {
      const activity = loadActivity('card-action-channel', { serviceUrl: connector.serviceUrl, from: { id: `29:${member.aadObjectId}`, name: member.name, aadObjectId: member.aadObjectId } });
      activity.conversation = { ...(activity.conversation as Json), id: `${CHANNEL};messageid=1732356301000` };
      const value = String(i + 2);
      activity.value = {
        action: {
          type: 'Action.Execute',
          verb: ANSWER,
          data: { run: run!.runId, target: cohortIdFor(COHORT), page: 'p1', contact_frequency: value, communication: value, relationships: value, referral_routes: value, knowledge: value, referral_handling: '3', referral_timeliness: value, referral_appropriateness: value },
        },
        trigger: 'manual',
      };
      expect((await app.post('/api/messages', activity)).status).toBe(200);
    }
  });
  afterAll(async () => {
    await app.stop();
    await connector.close();
  });

  const says = (person: Person, text: string): Promise<Json[]> => repliesTo(app, connector, personalMessage(connector.serviceUrl, person, text));

  it("puts a person's survey answers in their privacy export", async () => {
    const [card] = await says(members[0]!, 'privacy export');
    const url = (card!.attachments as { content: { actions: { url: string }[] } }[])[0]!.content.actions[0]!.url.replace(/^http:\/\/localhost:\d+/, app.url);
    const exported = (await (await fetch(url)).json()) as { data: { surveyResponses: { answers: { p1: Record<string, number> } }[] } };
    expect(exported.data.surveyResponses).toHaveLength(1);
    expect(exported.data.surveyResponses[0]!.answers.p1).toMatchObject({ communication: 2, knowledge: 2 });
  });

  it('erases their answers on privacy delete, and results are recomputed from what remains', async () => {
    expect(JSON.stringify(await says(coordinator, `pulse results ${COHORT}`))).toContain('3 responses');
    const yes = (await app.post('/api/messages', cardAction(connector.serviceUrl, members[0]!, 'privacy.delete', { subject: members[0]!.aadObjectId, confirm: true }))).json as InvokeAnswer;
    expect(yes.statusCode).toBe(200);
    const [run] = await app.app.services.surveyRuns.listForTarget(FIXTURE_TENANT, cohortIdFor(COHORT));
    expect((await app.app.services.responses.listRun(run!.runId)).map((r) => r.respondent).sort()).toEqual([members[1]!.aadObjectId, members[2]!.aadObjectId]);
    // Two respondents left: under three, so the figures are suppressed rather than shown.
    expect(JSON.stringify(await says(coordinator, `pulse results ${COHORT}`))).toContain('fewer than 3');
  });

  it('purges answers older than the retention period, once', async () => {
    const [run] = await app.app.services.surveyRuns.listForTarget(FIXTURE_TENANT, cohortIdFor(COHORT));
    now = new Date('2028-12-01T10:00:00Z'); // 24 months and more after they were given
    await says(coordinator, 'privacy purge');
    expect(await app.app.services.responses.listRun(run!.runId)).toEqual([]);
    const purgedAgain = await app.app.services.responses.purgeUpdatedBefore(now);
    expect(purgedAgain).toBe(0);
  });
});
