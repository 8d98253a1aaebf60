// `uptake` over the real HTTP server: of the area's open schools, taken part (someone at both workshops) and started,
// by phase as a bar of Adaptive Card columns, and the schools not yet reached as a CSV behind a signed download link;
// coordinators and facilitators only.
import type { Cohort } from '../../bot/features/cohorts';
import { startConnectorStub, type ConnectorStub } from '../support/connectorStub';
import { asUser, FIXTURE_TENANT, FIXTURE_USER_AAD, loadActivity, type Json } from '../support/fixtures';
import { repliesTo } from '../support/teams';
import { startTestApp, type RunningApp } from '../support/testApp';

const NOW = new Date('2027-03-20T10:00:00Z');
const COHORT = 'b1b2c3d4e5f6a7b8c9d0e1f2';

describe('uptake over HTTP', () => {
  let app: RunningApp;
  let connector: ConnectorStub;

  beforeAll(async () => {
    connector = await startConnectorStub();
    app = await startTestApp({ COORDINATOR_IDS: FIXTURE_USER_AAD }, { clock: { now: () => NOW } });
    const { services } = app.app;
    await services.schools.repository.setLaCodes(FIXTURE_TENANT, 'telford', ['894'], NOW);
    const area = await services.schools.repository.area(FIXTURE_TENANT, 'telford');
    await services.schools.repository.replace(
      FIXTURE_TENANT,
      'telford',
      [
        { urn: '100001', name: 'Hadley Primary', kind: 'school', phase: 'primary', laName: 'Telford and Wrekin', postcode: 'TF1 5NU' },
        { urn: '100002', name: 'Ketley Primary', kind: 'school', phase: 'primary', laName: 'Telford and Wrekin' },
        { urn: '100003', name: 'Madeley Academy', kind: 'school', phase: 'secondary', laName: 'Telford and Wrekin' },
        { urn: '100004', name: '=HYPERLINK("x") School', kind: 'school', phase: 'special', laName: 'Telford and Wrekin' },
        { urn: 'S1', name: 'Telford CYPMHS', kind: 'service', phase: 'other' },
      ],
      { generation: 'g1', importedBy: 'coordinator', now: NOW, expected: area },
    );
    const member = (email: string) => ({ email, status: 'added' as const, userId: `u-${email}` });
    const cohort: Cohort = {
      tenantId: FIXTURE_TENANT,
      id: COHORT,
      name: 'Telford Cohort 1',
      areaId: 'telford',
      teamConversationId: '19:0f1e2d3c4b5a69788796a5b4c3d2e1f0@thread.tacv2',
      teamAadGroupId: '2b4c6d8e-0f1a-4b3c-8d5e-7f9a1b3c5d7e',
      membershipType: 'standard',
      members: [member('amy@hadley.sch.uk'), member('kit@ketley.sch.uk'), member('cam@cypmhs.nhs.uk')],
      status: 'ready',
      createdBy: FIXTURE_USER_AAD,
      created: NOW,
      updated: NOW,
    };
    await services.cohorts.insertOrGet(cohort);
    const link = (email: string, urn: string) => ({ email, urn, schoolName: urn, areaId: 'telford', linkedBy: 'coordinator' as const, linked: NOW });
    await services.schoolLinks.save(FIXTURE_TENANT, COHORT, [link('amy@hadley.sch.uk', '100001'), link('kit@ketley.sch.uk', '100002'), link('cam@cypmhs.nhs.uk', 'S1')]);
    const attended = (number: 1 | 2, emails: string[]) => services.attendance.save(FIXTURE_TENANT, COHORT, { number, attended: emails, confirmedBy: FIXTURE_USER_AAD, confirmed: NOW, fromReport: false });
    await attended(1, ['amy@hadley.sch.uk', 'kit@ketley.sch.uk', 'cam@cypmhs.nhs.uk']);
    await attended(2, ['amy@hadley.sch.uk', 'cam@cypmhs.nhs.uk']);
  });
  afterAll(async () => {
    await app.stop();
    await connector.close();
  });

  const say = (activity: Json, count = 1) => repliesTo(app, connector, { ...activity, serviceUrl: connector.serviceUrl }, count);

  it('shows taken part of open schools, by phase as bars, and links the schools not yet reached as CSV', async () => {
    const [uptake, download] = await say(loadActivity('personal-message', { text: 'uptake telford' }), 2);
    const card = JSON.stringify((uptake?.attachments as { content: unknown }[])[0]!.content);
    expect(card).toContain('1 of 4 schools have taken part (25%)');
    expect(card).toContain('1 more have started');
    expect(card).toContain('services in the register are not counted');
    // Primary: 1 of 2 (50%) as a bar of two columns weighted 50 and 50; secondary 0% has no filled column.
    expect(card).toContain('"text":"1 / 2 (50%)"');
    expect(card).toContain('{"type":"Column","width":50,"style":"good","minHeight":"16px","items":[]},{"type":"Column","width":50,"style":"emphasis","minHeight":"16px","items":[]}');
    expect(card).toContain('"text":"0 / 1 (0%)"');
    expect(card).not.toContain('"width":0');
    expect(card).not.toContain('Further education');

    const downloadCard = (download?.attachments as { content: { actions: { type: string; url: string }[] } }[])[0]!.content;
    const url = downloadCard.actions.find((action) => action.type === 'Action.OpenUrl')!.url.replace(/^http:\/\/localhost:\d+/, app.url);
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(
      'URN,name,phase,progress,LA,postcode\n' +
        "100004,\"'=HYPERLINK(\"\"x\"\") School\",special,not yet,Telford and Wrekin,\n" +
        '100002,Ketley Primary,primary,started,Telford and Wrekin,\n' +
        '100003,Madeley Academy,secondary,not yet,Telford and Wrekin,\n',
    );
  });

  it('answers for the only area with a register when none is named', async () => {
    const [uptake] = await say(loadActivity('personal-message', { text: 'uptake' }), 2);
    expect(JSON.stringify(uptake)).toContain('Uptake: telford');
  });

  it('says how to start when the area has no register, and refuses people who are not coordinators or facilitators', async () => {
    const [none] = await say(loadActivity('personal-message', { text: 'uptake oldham' }));
    expect(JSON.stringify(none)).toContain('oldham has no school register yet');
    const [refused] = await say(asUser(loadActivity('personal-message', { text: 'uptake telford' }), '0b7c2d4e-5f60-4a1b-8c9d-0e1f2a3b4c5d', 'Sam Lead'));
    expect(JSON.stringify(refused)).toContain('Only facilitators can see uptake');
  });
});
