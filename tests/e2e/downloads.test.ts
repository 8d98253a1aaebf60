// Signed, expiring download links served by the running bot, with the file kept in Azurite.
import type { Clock } from '../../bot/platform/clock';
import { deliverFile } from '../../bot/platform/files/deliver';
import { FIXTURE_TENANT, FIXTURE_USER_AAD } from '../support/fixtures';
import { startTestApp, type RunningApp } from '../support/testApp';

describe('download links', () => {
  let app: RunningApp;
  let now = new Date('2026-11-23T10:00:00Z');
  const clock: Clock = { now: () => now };
  const caller = { aadObjectId: FIXTURE_USER_AAD, name: 'Megan Bowen', tenantId: FIXTURE_TENANT };

  beforeAll(async () => {
    app = await startTestApp({}, { clock });
  });
  afterAll(() => app.stop());

  function linkIn(message: { card?: Record<string, unknown> }): string {
    const actions = message.card?.actions as { type: string; url: string }[];
    return actions.find((a) => a.type === 'Action.OpenUrl')!.url.replace(/^http:\/\/localhost:\d+/, app.url);
  }

  it('serves a published file to anyone holding the link until it expires', async () => {
    now = new Date('2026-11-23T10:00:00Z');
    const csv = 'item,mean\ncontact,3.2\n';
    const message = await deliverFile(caller, { fileName: 'results.csv', contentType: 'text/csv', content: csv, title: 'Your export', description: 'CSV of the run' }, now, app.app.services);
    expect(JSON.stringify(message.card)).toContain('Download results.csv');
    const url = linkIn(message);

    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="results.csv"');
    expect(await response.text()).toBe(csv);

    now = new Date('2026-11-23T10:16:00Z');
    const late = await fetch(url);
    expect(late.status).toBe(410);
  });

  it('round-trips a file larger than one table row, byte for byte', async () => {
    now = new Date('2026-11-23T11:00:00Z');
    const content = Buffer.alloc(2_000_000);
    for (let i = 0; i < content.length; i++) content[i] = (i * 31 + 7) % 251;
    const message = await deliverFile(caller, { fileName: 'export.bin', contentType: 'application/octet-stream', content, title: 't', description: 'd' }, now, app.app.services);
    const response = await fetch(linkIn(message));
    expect(Buffer.from(await response.arrayBuffer()).equals(content)).toBe(true);
  });

  it('refuses a link whose signature or expiry was tampered with', async () => {
    now = new Date('2026-11-23T12:00:00Z');
    const url = linkIn(await deliverFile(caller, { fileName: 'a.json', contentType: 'application/json', content: '{}', title: 't', description: 'd' }, now, app.app.services));
    const longer = url.replace(/expires=(\d+)/, (_, e: string) => `expires=${Number(e) + 3_600_000}`);
    expect((await fetch(longer)).status).toBe(403);
    expect((await fetch(url.replace(/sig=.*/, 'sig=AAAA'))).status).toBe(403);
    expect((await fetch(`${app.url}/downloads/not-an-id?expires=1&sig=x`)).status).toBe(403);
  });

  it('purges expired files so they are gone from storage', async () => {
    now = new Date('2026-11-23T13:00:00Z');
    const url = linkIn(await deliverFile(caller, { fileName: 'b.csv', contentType: 'text/csv', content: 'x', title: 't', description: 'd' }, now, app.app.services));
    now = new Date('2026-11-23T14:00:00Z');
    expect(await app.app.services.downloads.purgeExpired(now)).toBeGreaterThanOrEqual(1);
    expect(await app.app.services.downloads.purgeExpired(now)).toBe(0);
    now = new Date('2026-11-23T13:01:00Z');
    expect((await fetch(url)).status).toBe(404);
  });
});
