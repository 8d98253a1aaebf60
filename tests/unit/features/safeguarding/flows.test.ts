// Urgent help first, without a server: the routes' test messages are (and are not) flagged by the shipped detector,
// checks over several texts merge, the card keeps SAFEGUARDING.md's order, and a card led by urgent help keeps its
// buttons and refresh and fits a Teams message even at its largest (a held post at every limit).
import { frontDoorView } from '../../../../bot/features/safeguarding/cards/urgentHelp';
import { assessTexts, leadWithUrgentHelp, urgentHelpMessage } from '../../../../bot/features/safeguarding/flows';
import { MAX_LINK, MAX_TEXT, MAX_TITLE } from '../../../../bot/features/posts/domain/posts';
import type { Services } from '../../../../bot/platform/services';
import { CardRenderer, MAX_CARD_BYTES } from '../../../../bot/platform/cards/render';
import { heldDraftCard } from '../../../../bot/features/posts/heldDrafts';
import type { Network } from '../../../../bot/features/networks/domain/networks';
import type { AreaUrgentHelp } from '../../../../bot/features/safeguarding/domain/urgentHelp';
import { loadDefaultUrgentHelp } from '../../../../bot/features/safeguarding/urgentHelpService';
import { captureLogs } from '../../../support/logs';
import { projectRootForTests, shippedDetector } from '../../../support/risk';
import { CONTROL, RISKY } from '../../../support/riskTexts';

const cards = new CardRenderer();
const national = loadDefaultUrgentHelp(projectRootForTests).lines;
const frontDoor = { name: "Salford Children's Services Front Door", phone: '0161 603 4500', tel: '01616034500', hours: 'Mon-Fri 8:30-16:30', outOfHours: { phone: '0161 794 8888', tel: '01617948888' } };

function fakeServices(help: AreaUrgentHelp = { lines: national, local: false }) {
  const recorded: unknown[] = [];
  const logs = captureLogs();
  const services = {
    cards,
    logger: logs.logger,
    ids: { newId: () => '5b8f2c1e-0d3a-4c6b-9e7f-1a2b3c4d5e6f' },
    urgentHelp: { assessRisk: (text: string) => shippedDetector()(text), linesFor: async () => help },
    audit: { record: async (entry: unknown) => void recorded.push(entry) },
  } as unknown as Services;
  return { services, recorded, logs };
}

describe('the messages the route tests use', () => {
  it.each(Object.entries(RISKY))('flags the risky %s message', (_route, text) => expect(shippedDetector()(text).risk).toBe(true));
  it.each(Object.entries(CONTROL))('does not flag the %s control', (_route, text) => expect(shippedDetector()(text).risk).toBe(false));
});

describe('one check over every text a person sent', () => {
  it('is risk when any text is, with every concept found, sorted and once each', () => {
    const { services } = fakeServices();
    const found = assessTexts([CONTROL.post, RISKY.post, '', RISKY.postEdit], services);
    expect(found.risk).toBe(true);
    expect(found.concepts).toEqual([...new Set([...shippedDetector()(RISKY.post).concepts, ...shippedDetector()(RISKY.postEdit).concepts])].sort());
    expect(assessTexts([CONTROL.post, '   ', CONTROL.survey], services)).toEqual({ risk: false, concepts: [], kinds: [] });
  });
});

describe('the urgent-help card', () => {
  const texts = (card: unknown) => JSON.stringify(card);

  it("reads in SAFEGUARDING.md's order: 999, your procedure and DSL, the area's front door, then NHS 111 and the national lines", async () => {
    const { services } = fakeServices({ lines: national, local: false, frontDoor });
    const { card } = await urgentHelpMessage('t', 'salford', services);
    const json = texts(card);
    const order = ['Call 999', 'tell your Designated Safeguarding Lead (DSL) now', "Salford Children's Services Front Door", 'NHS 111', 'Childline', 'Shout', 'Samaritans', 'Papyrus'];
    const at = order.map((t) => json.indexOf(t));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(json.match(/tel:999"/g)).toHaveLength(1);
    expect(json).toContain('"url":"tel:01616034500"');
    expect(json).toContain('"url":"tel:01617948888"');
  });

  it("starts with 999 even when an area's own list leaves it out, and shows no front door when none is set", async () => {
    const { services } = fakeServices({ lines: [{ name: 'Crisis line', how: 'Call 0800 953 0285', when: 'Any time', tel: '08009530285' }], local: true });
    const json = texts((await urgentHelpMessage('t', 'salford', services)).card);
    expect(json.indexOf('Call 999')).toBeLessThan(json.indexOf('Crisis line'));
    expect(json).not.toContain('front door');
    expect(json).toContain("your area's urgent-help lines");
  });

  it('offers a call button for the front door without an out-of-hours number too', () => {
    const { outOfHours: _omit, ...dayOnly } = frontDoor;
    expect(frontDoorView(dayOnly)).toMatchObject({ when: 'Mon-Fri 8:30-16:30', callUrl: 'tel:01616034500', outOfHoursUrl: '' });
  });
});

describe('a card led by urgent help', () => {
  it('puts the urgent lines first and keeps the card\'s own buttons, refresh and version', async () => {
    const { services } = fakeServices();
    const urgent = await urgentHelpMessage('t', undefined, services);
    const card = { type: 'AdaptiveCard', version: '1.5', refresh: { userIds: ['29:x'] }, body: [{ type: 'TextBlock', text: 'Saved' }], actions: [{ type: 'Action.Execute', verb: 'v' }] };
    const combined = leadWithUrgentHelp(urgent, card);
    expect(combined).toMatchObject({ version: '1.5', refresh: { userIds: ['29:x'] }, actions: card.actions });
    const json = JSON.stringify(combined);
    expect(json.indexOf('Urgent help comes first')).toBeLessThan(json.indexOf('"Saved"'));
  });

  it('fits a Teams message for a held post at every limit, in three-byte characters, and records only concept names', async () => {
    const { services, recorded, logs } = fakeServices({ lines: national, local: false, frontDoor });
    const network = { tenantId: 't', networkId: 'n', name: 'A network with a fairly long name for its channel', area: 'salford' } as Network;
    const draft = { title: '危'.repeat(MAX_TITLE), text: `${RISKY.post} ${'危'.repeat(MAX_TEXT - RISKY.post.length - 1)}`, link: `https://example.org/${'a'.repeat(MAX_LINK - 20)}`, tags: ['anxiety', 'attendance', 'transition', 'parents', 'referrals'] };
    const risk = shippedDetector()(draft.text);
    const card = await heldDraftCard({ mode: 'new', kind: 'share', networkId: 'n', postId: '5b8f2c1e-0d3a-4c6b-9e7f-1a2b3c4d5e6f' }, draft, network, { risk, caller: { aadObjectId: 'a', name: 'A', tenantId: 't' }, now: new Date(), route: 'post-submit' }, services);
    expect(Buffer.byteLength(JSON.stringify(card), 'utf8')).toBeLessThan(MAX_CARD_BYTES);
    // The draft rides in both buttons exactly as written.
    expect((card.actions as { data: { text: string } }[]).map((a) => a.data.text)).toEqual([draft.text, draft.text]);
    expect(recorded).toEqual([{ tenantId: 't', actor: 'a', action: 'urgent-help.shown', target: 'post-submit', concepts: risk.concepts, at: expect.any(Date) }]);
    expect(logs.raw()).not.toContain('paracetamol');
    expect(logs.lines().find((l) => l.event === 'urgent-help.shown')).toMatchObject({ route: 'post-submit', concepts: risk.concepts, area: 'salford' });
  });
});
