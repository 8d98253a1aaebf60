// Form problems stay in the form, over HTTP as Teams sends them: a card form submitted with a problem is answered 200
// with the same form, what the person typed kept, each problem on its input (errorMessage) and a summary at the top;
// nothing is written. The Action.Submit fallback (a message carrying the form's values) gets the same form as a message.
import { cohortIdFor } from '../../bot/features/cohorts/domain/cohorts';
import type { Cohort } from '../../bot/features/cohorts/domain/cohorts';
import { startConnectorStub, type ConnectorStub } from '../support/connectorStub';
import { FIXTURE_TENANT, FIXTURE_USER_AAD, loadActivity, type Json } from '../support/fixtures';
import { changesBetween, snapshotStorage } from '../support/storageWatch';
import { cardAction, channelMessage, personalMessage, repliesTo, type InvokeAnswer, type Person } from '../support/teams';
import { PANEL_CASES_TABLE } from '../../bot/features/panel/panelRepository';
import { startTestApp, type RunningApp } from '../support/testApp';

const TEAM = '19:0f1e2d3c4b5a69788796a5b4c3d2e1f0@thread.tacv2';
const coordinator: Person = { aadObjectId: FIXTURE_USER_AAD, name: 'Megan Bowen' };
const COHORT = 'Salford Cohort 3';

/** A cohort set up and ready to book workshops for (as `cohort create` leaves it). */
function readyCohort(now: Date): Cohort {
  return {
    tenantId: FIXTURE_TENANT,
    id: cohortIdFor(COHORT),
    name: COHORT,
    areaId: 'salford',
    teamConversationId: TEAM,
    teamAadGroupId: '2b4c6d8e-0f1a-4b3c-8d5e-7f9a1b3c5d7e',
    membershipType: 'standard',
    channelId: '19:cohort3channel0000000000000000@thread.tacv2',
    members: [{ email: 'alex.wilber@stmarys.sch.uk', status: 'added', userId: '00000001-aaaa-4bbb-8ccc-000000000001' }],
    status: 'ready',
    createdBy: coordinator.aadObjectId,
    created: now,
    updated: now,
  };
}

type Element = Record<string, unknown>;

/** Every input of a card, by id, wherever it is nested. */
function inputsOf(elements: unknown, found: Record<string, Element> = {}): Record<string, Element> {
  for (const element of (elements as Element[] | undefined) ?? []) {
    if (typeof element.id === 'string' && String(element.type).startsWith('Input.')) found[element.id] = element;
    inputsOf(element.items, found);
    inputsOf(element.columns, found);
  }
  return found;
}

/** The summary a form shown again leads with (the first element of its body). */
function summaryOf(card: Json): string {
  const [first] = (card.body as Element[] | undefined) ?? [];
  expect(first).toMatchObject({ type: 'Container', style: 'attention' });
  return JSON.stringify(first);
}

describe('form problems stay in the form', () => {
  let app: RunningApp;
  let connector: ConnectorStub;
  const now = new Date('2026-11-23T10:00:00Z');

  beforeAll(async () => {
    connector = await startConnectorStub();
    app = await startTestApp({ COORDINATOR_IDS: coordinator.aadObjectId, WORKSHOP_ORGANISER: 'linkprogramme@contoso.org' }, { clock: { now: () => now } });
    await app.post('/api/messages', loadActivity('installation-add-team', { serviceUrl: connector.serviceUrl }));
  });
  afterAll(async () => {
    await app.stop();
    await connector.close();
  });

  /** Sends a card action as an Action.Execute invoke: the answer must be HTTP 200 with a card, and nothing stored. */
  async function submitWithProblem(person: Person, verb: string, data: Json, activity = cardAction(connector.serviceUrl, person, verb, data)): Promise<Json> {
    const before = await snapshotStorage(app);
    const response = await app.post('/api/messages', activity);
    const answer = response.json as InvokeAnswer;
    expect([response.status, answer.statusCode, answer.type]).toEqual([200, 200, 'application/vnd.microsoft.card.adaptive']);
    expect(changesBetween(before, await snapshotStorage(app))).toEqual([]);
    return answer.value;
  }

  /** The same data as an Action.Submit from the person's chat: the bot posts the form again as a message. */
  async function submitFallback(person: Person, verb: string, data: Json): Promise<Json> {
    const before = await snapshotStorage(app);
    const sent = connector.activities().length;
    const message = { ...personalMessage(connector.serviceUrl, person, ''), text: undefined, value: { ...data, verb } };
    expect((await app.post('/api/messages', message)).status).toBe(200);
    const [reply] = (await connector.waitForActivities(sent + 1)).slice(sent);
    expect(changesBetween(before, await snapshotStorage(app))).toEqual([]);
    const [attachment] = (reply?.attachments ?? []) as { contentType: string; content: Json }[];
    expect(attachment?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    return attachment!.content;
  }

  describe('cohort create', () => {
    const bad = { name: 'Salford: 3', area: 'salford', team: TEAM, membershipType: 'private', members: 'amy.head@stmarys.sch.uk, amy@', facilitator: 'fran' };

    it('shows the form again with the typed values and each problem by its field, and records no cohort', async () => {
      const card = await submitWithProblem(coordinator, 'cohort.create', bad);
      expect(summaryOf(card)).toContain('The cohort was not created');
      const inputs = inputsOf(card.body);
      expect(inputs.name).toMatchObject({ value: 'Salford: 3', isRequired: true, errorMessage: expect.stringContaining('cannot contain') as unknown });
      expect(inputs.members).toMatchObject({ value: bad.members, errorMessage: 'These are not email addresses: amy@' });
      expect(inputs.facilitator).toMatchObject({ value: 'fran', errorMessage: 'The facilitator\'s email address is not valid.' });
      expect(inputs.membershipType).toMatchObject({ value: 'private' });
      expect(inputs.team).toMatchObject({ value: TEAM });
      expect(inputs.area?.value).toBe('salford');
      expect(JSON.stringify(card.actions)).toContain('"verb":"cohort.create"');
      expect(await app.app.services.cohorts.list(FIXTURE_TENANT)).toEqual([]);
    });

    it('marks a missing field as required, and the Action.Submit fallback gets the same form as a message', async () => {
      const { members: _members, ...withoutMembers } = bad;
      const card = await submitWithProblem(coordinator, 'cohort.create', { ...withoutMembers, name: 'Salford Cohort 3' });
      expect(inputsOf(card.body).members).toMatchObject({ isRequired: true, errorMessage: 'Paste at least one member\'s email address.' });
      expect(inputsOf(card.body).name?.errorMessage).toBe('Give the cohort a name');
      const posted = await submitFallback(coordinator, 'cohort.create', bad);
      expect(summaryOf(posted)).toContain('The cohort was not created');
      expect(inputsOf(posted.body).members).toMatchObject({ value: bad.members, errorMessage: 'These are not email addresses: amy@' });
      expect(await app.app.services.cohorts.list(FIXTURE_TENANT)).toEqual([]);
    });
  });

  it('still refuses what no card sends (data that is not an object, a field of the wrong type) as an out-of-date card', async () => {
    for (const data of [null, { name: 5, members: 'a@example.org' }] as unknown as Json[]) {
      const before = await snapshotStorage(app);
      const response = await app.post('/api/messages', cardAction(connector.serviceUrl, coordinator, 'cohort.create', data));
      expect([response.status, (response.json as InvokeAnswer).type]).toEqual([400, 'application/vnd.microsoft.error']);
      expect(changesBetween(before, await snapshotStorage(app))).toEqual([]);
    }
  });

  describe('workshop book', () => {
    const filledIn = { cohort: cohortIdFor(COHORT), firstDate: '', startTime: '09:30', secondDate: 'next week', durationMinutes: '360', mode: 'in-person', venue: '', organiser: 'linkprogramme' };

    beforeAll(async () => {
      await app.app.services.cohorts.insertOrGet(readyCohort(now));
    });

    it('shows the booking form again with the typed values and each problem by its field, and books nothing', async () => {
      const card = await submitWithProblem(coordinator, 'workshop.book', filledIn);
      expect(summaryOf(card)).toContain('Nothing was booked');
      const inputs = inputsOf(card.body);
      expect(inputs.firstDate).toMatchObject({ isRequired: true, errorMessage: 'Choose the date of workshop 1.' });
      expect(inputs.secondDate).toMatchObject({ value: 'next week', errorMessage: 'Workshop 2\'s date is not a date.' });
      expect(inputs.venue).toMatchObject({ value: '', errorMessage: 'Give the venue for an in-person workshop.' });
      expect(inputs.organiser).toMatchObject({ value: 'linkprogramme', errorMessage: 'The organiser mailbox must be an email address.' });
      expect(inputs.mode).toMatchObject({ value: 'in-person' });
      expect(inputs.cohort).toMatchObject({ value: cohortIdFor(COHORT) });
      expect(inputs.startTime?.errorMessage).toBe('Choose a start time');
      expect((await app.app.services.cohorts.get(FIXTURE_TENANT, cohortIdFor(COHORT)))?.value.booking).toBeUndefined();
    });

    it('puts a date in the past on that date, and the Action.Submit fallback gets the same form as a message', async () => {
      const past = { ...filledIn, firstDate: '2026-11-02', secondDate: '', mode: 'online', organiser: 'linkprogramme@contoso.org' };
      const card = await submitWithProblem(coordinator, 'workshop.book', past);
      expect(inputsOf(card.body).firstDate).toMatchObject({ value: '2026-11-02', errorMessage: 'Workshop 1: 2026-11-02 at 09:30 is in the past. Choose a later date.' });
      const posted = await submitFallback(coordinator, 'workshop.book', past);
      expect(summaryOf(posted)).toContain('Change the dates marked below');
      expect(inputsOf(posted.body).firstDate).toMatchObject({ value: '2026-11-02', errorMessage: expect.stringContaining('is in the past') as unknown });
      expect((await app.app.services.cohorts.get(FIXTURE_TENANT, cohortIdFor(COHORT)))?.value.booking).toBeUndefined();
    });
  });

  describe('panel submit', () => {
    const teacher: Person = { aadObjectId: '6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b', name: 'Megan Teacher' };
    const filledIn = { verb: 'panel.submit', area: 'telford', ageBand: '12-14', yearGroup: 'Year 9', duration: '3-6 months', tried: 'ok', asking: 'How can we support a return to full-time attendance?', urgency: 'Routine (next panel)' };
    const cases = async () => {
      const rows = [];
      for await (const row of app.app.services.storage.table(PANEL_CASES_TABLE).listEntities()) rows.push(row);
      return rows;
    };

    beforeAll(async () => {
      await repliesTo(app, connector, channelMessage(connector.serviceUrl, coordinator, 'panel create telford 2026-12-03'));
    });

    it('shows the case form again with the answers kept and each missing or too-short answer marked, and saves no case', async () => {
      const card = await submitWithProblem(teacher, 'panel.submit', filledIn);
      expect(summaryOf(card)).toContain('Some answers need changing before the case can be sent. Nothing was saved.');
      const inputs = inputsOf(card.body);
      expect(inputs.needs).toMatchObject({ isRequired: true, errorMessage: 'Choose at least one of the "Presenting needs".' });
      expect(inputs.tried).toMatchObject({ value: 'ok', errorMessage: 'Fill in "What has been tried".' });
      expect(inputs.asking).toMatchObject({ value: filledIn.asking });
      expect(inputs.asking?.errorMessage).toBe('Say what you are asking the panel.');
      expect(inputs.ageBand).toMatchObject({ value: '12-14' });
      expect(inputs.yearGroup).toMatchObject({ value: 'Year 9' });
      expect(inputs.urgency).toMatchObject({ value: 'Routine (next panel)' });
      expect(await cases()).toEqual([]);
    });

    it('gives the Action.Submit fallback the same form as a message in the personal chat', async () => {
      const posted = await submitFallback(teacher, 'panel.submit', filledIn);
      expect(summaryOf(posted)).toContain('Nothing was saved');
      expect(inputsOf(posted.body).tried).toMatchObject({ value: 'ok', errorMessage: 'Fill in "What has been tried".' });
      expect(await cases()).toEqual([]);
    });
  });
});
