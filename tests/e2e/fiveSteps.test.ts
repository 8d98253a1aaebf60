// 5 Steps plans over the real HTTP server on Azurite: `plan` opens the caller's school's plan (header and five step
// cards); a step card saves ratings, notes, owners and dates; a later card from someone else never undoes a change;
// notes holding a pupil identifier come back in the form; a note suggesting risk leads with urgent help; only staff
// linked to the school may edit, and only its named senior mental health lead may complete a review or share it.
import type { Cohort } from '../../bot/features/cohorts';
import { startConnectorStub, type ConnectorStub } from '../support/connectorStub';
import { FIXTURE_TENANT, FIXTURE_USER_AAD, loadActivity, type Json } from '../support/fixtures';
import { CONTROL, RISKY } from '../support/riskTexts';
import { cardAction, channelMessage, personalMessage, repliesTo, type InvokeAnswer, type Person } from '../support/teams';
import { startTestApp, type RunningApp } from '../support/testApp';
import { readPdf } from '../support/pdf';

const NOW = new Date('2027-01-12T10:00:00Z');
const COHORT = 'c1c2c3d4e5f6a7b8c9d0e1f2';
const AMY: Person = { aadObjectId: '1a2b3c4d-0000-4000-8000-00000000a001', name: 'Amy Head' };
const BEN: Person = { aadObjectId: '1a2b3c4d-0000-4000-8000-00000000b002', name: 'Ben Smith' };
const KIT: Person = { aadObjectId: '1a2b3c4d-0000-4000-8000-00000000c003', name: 'Kit Jones' };
const CAM: Person = { aadObjectId: '1a2b3c4d-0000-4000-8000-00000000d004', name: 'Cam Nurse' };
const COORDINATOR: Person = { aadObjectId: FIXTURE_USER_AAD, name: 'Cora Ordinator' };

describe('5 Steps plans over HTTP', () => {
  let app: RunningApp;
  let connector: ConnectorStub;
  let clock = NOW;

  beforeAll(async () => {
    connector = await startConnectorStub();
    app = await startTestApp({ COORDINATOR_IDS: FIXTURE_USER_AAD }, { clock: { now: () => clock } });
    const { services } = app.app;
    await services.schools.repository.setLaCodes(FIXTURE_TENANT, 'telford', ['894'], NOW);
    const area = await services.schools.repository.area(FIXTURE_TENANT, 'telford');
    await services.schools.repository.replace(
      FIXTURE_TENANT,
      'telford',
      [
        { urn: '100001', name: 'Hadley Primary', kind: 'school', phase: 'primary' },
        { urn: '100002', name: 'Ketley Primary', kind: 'school', phase: 'primary' },
        { urn: 'S1', name: 'Telford CYPMHS', kind: 'service', phase: 'other' },
      ],
      { generation: 'g1', importedBy: 'coordinator', now: NOW, expected: area },
    );
    const member = (email: string, userId: string) => ({ email, status: 'added' as const, userId });
    const cohort: Cohort = {
      tenantId: FIXTURE_TENANT,
      id: COHORT,
      name: 'Telford Cohort 1',
      areaId: 'telford',
      teamConversationId: '19:0f1e2d3c4b5a69788796a5b4c3d2e1f0@thread.tacv2',
      teamAadGroupId: '2b4c6d8e-0f1a-4b3c-8d5e-7f9a1b3c5d7e',
      membershipType: 'standard',
      members: [member('amy@hadley.sch.uk', AMY.aadObjectId), member('ben@hadley.sch.uk', BEN.aadObjectId), member('kit@ketley.sch.uk', KIT.aadObjectId), member('cam@cypmhs.nhs.uk', CAM.aadObjectId)],
      status: 'ready',
      createdBy: FIXTURE_USER_AAD,
      created: NOW,
      updated: NOW,
    };
    await services.cohorts.insertOrGet(cohort);
    const link = (email: string, urn: string, userId: string) => ({ email, urn, schoolName: urn, areaId: 'telford', userId, linkedBy: 'self' as const, linked: NOW });
    await services.schoolLinks.save(FIXTURE_TENANT, COHORT, [
      link('amy@hadley.sch.uk', '100001', AMY.aadObjectId),
      link('ben@hadley.sch.uk', '100001', BEN.aadObjectId),
      link('kit@ketley.sch.uk', '100002', KIT.aadObjectId),
      link('cam@cypmhs.nhs.uk', 'S1', CAM.aadObjectId),
    ]);
  });
  afterAll(async () => {
    await app.stop();
    await connector.close();
  });

  const say = (person: Person, text: string, count = 1) => repliesTo(app, connector, personalMessage(connector.serviceUrl, person, text), count);
  const cardOf = (message: Json | undefined) => (message?.attachments as { content: Json }[])[0]!.content;
  const press = async (person: Person, verb: string, data: Json) => (await app.post('/api/messages', cardAction(connector.serviceUrl, person, verb, data))).json as InvokeAnswer;
  /** The Save action's data on a step card, with the card's inputs as they are plus `changes`. */
  const saveData = (card: Json, changes: Json): { verb: string; data: Json } => {
    const save = (card.actions as { verb: string; data: Json }[])[0]!;
    const inputs: Json = {};
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        const element = node as Json;
        if (typeof element.id === 'string' && String(element.type).startsWith('Input.')) inputs[element.id] = element.value ?? '';
        Object.values(element).forEach(walk);
      }
    };
    walk(card.body);
    return { verb: save.verb, data: { ...inputs, ...save.data, ...changes } };
  };
  const stored = async () => (await app.app.services.fiveStepsPlans.get(FIXTURE_TENANT, 'telford', '100001'))?.plan;

  it('lists the plan command in help for school staff, and the coordinators\' plan commands only for them', async () => {
    const staff = JSON.stringify(await say(AMY, 'help'));
    expect(staff).toContain('5 Steps plans');
    expect(staff).toContain('plan [URN]');
    expect(staff).not.toContain('plan overview');
    expect(JSON.stringify(await say(COORDINATOR, 'help'))).toContain('plan overview');
  });

  it("opens the caller's school's plan: a header and one card per step, each action with a rating, note, owner and date", async () => {
    const messages = await say(AMY, 'plan', 6);
    const header = JSON.stringify(cardOf(messages[0]));
    expect(header).toContain('5 Steps plan: Hadley Primary');
    expect(header).toContain('Not named yet');
    expect(header).not.toContain('Mark review complete');
    const titles = messages.slice(1).map((m) => (cardOf(m).body as { text: string }[])[0]!.text);
    expect(titles).toEqual(['Step 1 of 5: Leading change', 'Step 2 of 5: Working together', 'Step 3 of 5: Understanding need', 'Step 4 of 5: Promoting wellbeing', 'Step 5 of 5: Supporting staff']);
    const first = JSON.stringify(cardOf(messages[1]));
    for (const input of ['"id":"r_lc-policy"', '"id":"n_lc-policy"', '"id":"o_lc-policy"', '"id":"t_lc-policy"', 'Green: achieved']) expect(first).toContain(input);
  });

  it('saves a step, shows who changed it, and never lets an older card undo it', async () => {
    const [, amyStep] = await say(AMY, 'plan', 6);
    const [, benStep] = await say(BEN, 'plan', 6);
    clock = new Date(NOW.getTime() + 60_000);
    const amySave = saveData(cardOf(amyStep), { 'r_lc-policy': 'amber', 'n_lc-policy': 'Draft to governors by 31/03/2027', 'o_lc-policy': 'Ms Patel', 't_lc-policy': '2027-03-31' });
    const saved = await press(AMY, amySave.verb, amySave.data);
    expect(saved.statusCode).toBe(200);
    expect(JSON.stringify(saved.value)).toContain('Saved: 1 action changed');
    expect((await stored())?.entries['lc-policy']).toMatchObject({ rating: 'amber', note: 'Draft to governors by 31/03/2027', owner: 'Ms Patel', target: '2027-03-31', changedBy: { name: 'Amy Head' } });

    // Ben's card was opened before Amy saved: saving it would put lc-policy back to unrated, so nothing is written.
    clock = new Date(NOW.getTime() + 120_000);
    const benSave = saveData(cardOf(benStep), { 'r_lc-prepare': 'green' });
    const refused = await press(BEN, benSave.verb, benSave.data);
    expect(JSON.stringify(refused.value)).toContain('Amy Head changed action 2 after this card was opened, so nothing was saved');
    expect((await stored())?.entries['lc-prepare']).toBeUndefined();
    // The card he got back is the step as it is now: saved from it, his change goes through and Amy's stays.
    const again = saveData(refused.value, { 'r_lc-prepare': 'green' });
    expect(JSON.stringify(await press(BEN, again.verb, again.data))).toContain('Saved: 1 action changed');
    expect((await stored())?.entries).toMatchObject({ 'lc-prepare': { rating: 'green' }, 'lc-policy': { rating: 'amber' } });

    const [, benLater] = await say(BEN, 'plan', 6);
    expect(JSON.stringify(cardOf(benLater))).toContain('Changed by Amy Head on');
  });

  it('gives a note with a pupil identifier back in the form without it, and saves nothing', async () => {
    const [, step] = await say(AMY, 'plan', 6);
    const before = await stored();
    const save = saveData(cardOf(step), { 'r_lc-governors': 'red', 'n_lc-governors': "Talk to Jo's mum on 07700 900123 about it" });
    const answer = await press(AMY, save.verb, save.data);
    const text = JSON.stringify(answer.value);
    expect(text).toContain('Nothing was saved yet');
    expect(text).toContain('Remove a phone number from the note on action 3');
    expect(text).not.toContain('07700 900123');
    expect(text).toContain("Talk to Jo's mum on [removed] about it");
    expect(await stored()).toEqual(before);
  });

  it('leads with urgent help when a note suggests a child is at risk now, and records it without the text', async () => {
    const [, , step2] = await say(AMY, 'plan', 6);
    const save = saveData(cardOf(step2), { 'r_wt-group': 'amber', 'n_wt-group': RISKY.planNote });
    const answer = await press(AMY, save.verb, save.data);
    const text = JSON.stringify(answer.value);
    const order = ['Urgent help comes first', 'Call 999', 'Designated Safeguarding Lead', 'Saved: 1 action changed'];
    const at = order.map((t) => text.indexOf(t));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    const shown = (await app.app.services.audit.recent(FIXTURE_TENANT, 20)).filter((e) => e.action === 'urgent-help.shown' && e.target === 'plan-note');
    expect(shown).toHaveLength(1);
    expect(JSON.stringify(shown)).not.toContain('cutting');

    const control = saveData(cardOf(step2), { 'r_wt-group': 'amber', 'n_wt-group': CONTROL.planNote });
    expect(JSON.stringify((await press(AMY, control.verb, control.data)).value)).not.toContain('Urgent help');
  });

  it('refuses people not linked to the school, services, a channel, and a card from an older action list', async () => {
    const [, step] = await say(AMY, 'plan', 6);
    const save = saveData(cardOf(step), { 'r_lc-inform': 'green' });
    const before = await stored();
    expect((await press(KIT, save.verb, save.data)).statusCode).toBe(403);
    const stale = await press(AMY, save.verb, { ...save.data, version: 99 });
    expect(JSON.stringify(stale.value)).toContain('The list of actions changed since this card was made');
    expect((await press(AMY, save.verb, { ...save.data, 'r_no-such-action': 'red' })).statusCode).toBe(400);
    expect(await stored()).toEqual(before);

    const [service] = await say(CAM, 'plan');
    expect(JSON.stringify(service)).toContain('You are not linked to a school yet');
    const [kit] = await say(KIT, 'plan', 6);
    expect(JSON.stringify(kit)).toContain('5 Steps plan: Ketley Primary');
    const [channel] = await repliesTo(app, connector, channelMessage(connector.serviceUrl, AMY, 'plan'));
    expect(JSON.stringify(channel)).toContain('opens in your personal chat');
  });

  it("lets only the school's named lead share the plan and mark a review complete, which keeps a dated snapshot", async () => {
    const [notLinked] = await say(COORDINATOR, `plan lead 100001 ${KIT.aadObjectId}`);
    expect(JSON.stringify(notLinked)).toContain('is not linked to a school with URN 100001');
    const [named] = await repliesTo(app, connector, { ...loadActivity('personal-message', { serviceUrl: connector.serviceUrl, text: `plan lead 100001 ${AMY.aadObjectId}` }) });
    expect(JSON.stringify(named)).toContain('is now the lead for Hadley Primary');

    const [amyHeader] = await say(AMY, 'plan', 6);
    const [benHeader] = await say(BEN, 'plan', 6);
    expect(JSON.stringify(cardOf(amyHeader))).toContain('Mark review complete');
    expect(JSON.stringify(cardOf(benHeader))).not.toContain('Mark review complete');
    const review = (cardOf(amyHeader).actions as { verb: string; data: Json }[]).find((a) => a.verb === 'fiveSteps.review')!;
    expect((await press(BEN, review.verb, review.data)).statusCode).toBe(403);
    expect(await app.app.services.fiveStepsPlans.reviews(FIXTURE_TENANT, 'telford', '100001')).toEqual([]);

    const done = await press(AMY, review.verb, review.data);
    expect(JSON.stringify(done.value)).toContain('Review 1 recorded on');
    const reviews = await app.app.services.fiveStepsPlans.reviews(FIXTURE_TENANT, 'telford', '100001');
    expect(reviews).toHaveLength(1);
    expect(reviews[0]!.actions.find((a) => a.actionId === 'lc-policy')).toMatchObject({ rating: 'amber' });

    const settings = await press(AMY, 'fiveSteps.settings', { areaId: 'telford', urn: '100001', share: 'true', reviewMonths: '4' });
    expect(JSON.stringify(settings.value)).toContain('reviews every 4 months');
    expect((await stored())).toMatchObject({ shareWithNetwork: true, reviewMonths: 4 });
    expect((await press(BEN, 'fiveSteps.settings', { areaId: 'telford', urn: '100001', share: 'false', reviewMonths: '3' })).statusCode).toBe(403);
    expect((await press(AMY, 'fiveSteps.settings', { areaId: 'telford', urn: '100001', share: 'maybe', reviewMonths: '9' })).statusCode).toBe(400);
    expect((await stored())).toMatchObject({ shareWithNetwork: true, reviewMonths: 4 });
  });

  it('shows coordinators where the area stands, naming only schools that chose to share, and refuses school staff', async () => {
    // Kit's school rates two actions red; Hadley (shared by its lead above) has amber and green ratings.
    const [, kitStep] = await say(KIT, 'plan', 6);
    const kitSave = saveData(cardOf(kitStep), { 'r_lc-policy': 'red', 'r_lc-governors': 'red' });
    expect(JSON.stringify((await press(KIT, kitSave.verb, kitSave.data)).value)).toContain('Saved: 2 actions changed');

    const [overview] = await say(COORDINATOR, 'plan overview telford');
    const card = JSON.stringify(cardOf(overview));
    expect(card).toContain('5 Steps plans: telford');
    expect(card).toContain('2 schools have a plan; 1 reviewed it in the last six months.');
    // Leading change across both schools: lc-prepare green, lc-policy amber and red, lc-governors red = 25% green, 25% amber, 50% red.
    expect(card).toContain('1. Leading change: 25% green, 25% amber, 50% red');
    expect(card).toContain('{"type":"Column","width":25,"style":"good","minHeight":"16px","items":[]}');
    expect(card).toContain('Leading change: Keep governors informed');
    expect(card).toContain('Hadley Primary (100001)');
    expect(card).not.toContain('Ketley Primary');

    const [cohort] = await say(COORDINATOR, 'plan overview Telford Cohort 1');
    expect(JSON.stringify(cardOf(cohort))).toContain('5 Steps plans: Telford Cohort 1');
    const [unknown] = await say(COORDINATOR, 'plan overview nowhere');
    expect(JSON.stringify(unknown)).toContain('There is no area or cohort called');
    const [refused] = await say(AMY, 'plan overview telford');
    expect(JSON.stringify(refused)).toContain('Only facilitators');
  });

  it('prints the plan as a PDF behind a download link: every step, each rating in words, the notes and owners', async () => {
    const [download] = await say(AMY, 'plan print');
    const card = cardOf(download);
    expect(JSON.stringify(card)).toContain('5 Steps plan (PDF): Hadley Primary');
    const url = (card.actions as { url: string }[])[0]!.url.replace(/^http:\/\/localhost:\d+/, app.url);
    const response = await fetch(url);
    expect(response.headers.get('content-type')).toContain('application/pdf');
    const { pages, text } = await readPdf(Buffer.from(await response.arrayBuffer()));
    expect(pages).toBeGreaterThanOrEqual(5);
    for (const expected of ['5 Steps plan: Hadley Primary', 'Senior mental health lead: amy@hadley.sch.uk', 'Step 5: Supporting staff', 'Amber: working towards', 'Green: achieved', 'Owner: Ms Patel', 'Target date: 2027-03-31', 'Draft to governors by 31/03/2027']) {
      expect(text).toContain(expected);
    }
    const [channel] = await repliesTo(app, connector, channelMessage(connector.serviceUrl, AMY, 'plan print'));
    expect(JSON.stringify(channel)).toContain('personal chat');
  });

  it('shows progress from review to review, and what changed since the last one', async () => {
    const [, step] = await say(BEN, 'plan', 6);
    const save = saveData(cardOf(step), { 'r_lc-inform': 'green' });
    expect(JSON.stringify((await press(BEN, save.verb, save.data)).value)).toContain('Saved: 1 action changed');
    const [progress] = await say(BEN, 'plan progress');
    const text = JSON.stringify(cardOf(progress));
    expect(text).toContain('5 Steps progress: Hadley Primary');
    expect(text).toMatch(/Review \w+ \d+ \w+ 2027: 1 green, 1 amber, 0 red, 2 not rated yet/);
    expect(text).toContain('Now: 2 green, 1 amber, 0 red, 1 not rated yet');
    expect(text).toContain('Changed since the review on');
    expect(text).toContain('Leading change: Tell staff, pupils and parents what the school is doing and why: not rated → Green: achieved');
  });

  it("exports what a person is named on in the plans, and a delete takes their name off while the plan stays", async () => {
    const card = (await say(AMY, 'privacy export'))[0]!;
    const url = (card.attachments as { content: { actions: { url: string }[] } }[])[0]!.content.actions[0]!.url.replace(/^http:\/\/localhost:\d+/, app.url);
    const file = (await (await fetch(url)).json()) as { data: { fiveStepsPlans: { urn: string; lead: boolean; reviewsCompleted: string[]; actionsLastChanged: { actionId: string }[] }[] } };
    const [hadley] = file.data.fiveStepsPlans;
    expect(hadley).toMatchObject({ urn: '100001', lead: true });
    expect(hadley!.reviewsCompleted).toHaveLength(1);
    expect(hadley!.actionsLastChanged.map((a) => a.actionId)).toContain('lc-policy');

    const erased = (await app.post('/api/messages', cardAction(connector.serviceUrl, AMY, 'privacy.delete', { subject: AMY.aadObjectId, confirm: true }))).json as InvokeAnswer;
    expect(erased.statusCode).toBe(200);
    const after = await app.app.services.fiveStepsPlans.get(FIXTURE_TENANT, 'telford', '100001');
    expect(after?.lead).toBeUndefined();
    expect(after?.plan.entries['lc-policy']).toMatchObject({ rating: 'amber', changedBy: { name: 'a former member of staff' } });
    expect(JSON.stringify(after)).not.toContain(AMY.aadObjectId);
    const reviews = await app.app.services.fiveStepsPlans.reviews(FIXTURE_TENANT, 'telford', '100001');
    expect(JSON.stringify(reviews)).not.toContain(AMY.aadObjectId);
  });
});
