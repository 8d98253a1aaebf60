// An area's urgent-help row on real Azurite: its own lines and its front door live side by side in one row (read in one
// point read), each changes without touching the other, and the audit log records urgent help by concept names only.
import { AUDIT_TABLE, AuditLog } from '../../../../bot/platform/audit/auditLog';
import { loadDefaultUrgentHelp, loadRiskDetector, URGENT_HELP_TABLE, UrgentHelpService } from '../../../../bot/features/safeguarding/urgentHelpService';
import { projectRootForTests } from '../../../support/risk';
import { testStorage } from '../../../support/storage';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const OTHER = '4a1e2f3b-5c6d-4e7f-8a9b-0c1d2e3f4a5b';
const now = new Date('2026-11-23T10:00:00Z');
const LINES = [{ name: 'Salford CYPMHS crisis line', how: 'Call 0800 953 0285', when: 'Any time', tel: '08009530285' }];
const FRONT_DOOR = { name: "Salford Children's Services Front Door", phone: '0161 603 4500', tel: '01616034500', hours: 'Mon-Fri 8:30-16:30' };
const defaults = loadDefaultUrgentHelp(projectRootForTests);
const detector = loadRiskDetector(projectRootForTests);

async function service() {
  const storage = await testStorage([URGENT_HELP_TABLE, AUDIT_TABLE]);
  let n = 0;
  return { storage, help: new UrgentHelpService(storage, defaults, detector), audit: new AuditLog(storage, () => `id-${(n += 1)}`) };
}

describe('an area\'s urgent-help row', () => {
  it('keeps the front door and the lines independent, in one row per tenant and area', async () => {
    const { storage, help } = await service();
    expect(await help.linesFor(TENANT, 'salford')).toEqual({ lines: defaults.lines, local: false });
    await help.setFrontDoor(TENANT, 'salford', FRONT_DOOR, 'coord', now);
    expect(await help.linesFor(TENANT, 'salford')).toEqual({ lines: defaults.lines, local: false, frontDoor: FRONT_DOOR });
    await help.setLines(TENANT, 'salford', LINES, 'coord', now);
    expect(await help.linesFor(TENANT, 'salford')).toEqual({ lines: LINES, local: true, frontDoor: FRONT_DOOR });
    await help.reset(TENANT, 'salford', 'coord', now);
    expect(await help.linesFor(TENANT, 'salford')).toEqual({ lines: defaults.lines, local: false, frontDoor: FRONT_DOOR });
    await help.setLines(TENANT, 'salford', LINES, 'coord', now);
    await help.setFrontDoor(TENANT, 'salford', undefined, 'coord', now);
    expect(await help.linesFor(TENANT, 'salford')).toEqual({ lines: LINES, local: true });
    // Another tenant's Salford, and areas never set, are untouched; clearing what was never set writes nothing.
    expect(await help.linesFor(OTHER, 'salford')).toEqual({ lines: defaults.lines, local: false });
    await help.setFrontDoor(TENANT, 'oldham', undefined, 'coord', now);
    await help.reset(TENANT, 'oldham', 'coord', now);
    const rows = [];
    for await (const row of storage.table(URGENT_HELP_TABLE).listEntities()) rows.push(row);
    expect(rows.map((r) => r.partitionKey)).toEqual([`${TENANT}|salford`]);
  });

  it('reads the lines and the front door in one point read', async () => {
    const { storage, help } = await service();
    await help.setFrontDoor(TENANT, 'salford', FRONT_DOOR, 'coord', now);
    await help.setLines(TENANT, 'salford', LINES, 'coord', now);
    const table = storage.table(URGENT_HELP_TABLE);
    const calls: string[] = [];
    const original = table.getEntity.bind(table);
    const spy = jest.spyOn(Object.getPrototypeOf(table) as { getEntity: typeof table.getEntity }, 'getEntity').mockImplementation(function (this: unknown, ...args: Parameters<typeof table.getEntity>) {
      calls.push(`${args[0]}/${args[1]}`);
      return original(...args);
    });
    try {
      expect((await help.linesFor(TENANT, 'salford')).frontDoor).toEqual(FRONT_DOOR);
    } finally {
      spy.mockRestore();
    }
    expect(calls).toEqual([`${TENANT}|salford/current`]);
  });
});

describe('the audit log and urgent help', () => {
  it('records the route and concept names, reads them back, and refuses anything that is not a name', async () => {
    const { audit } = await service();
    await audit.record({ tenantId: TENANT, actor: 'AB-CD', action: 'urgent-help.shown', target: 'post-submit', concepts: ['substance-taken-now', 'chosen:immediate-risk'], at: now });
    await audit.record({ tenantId: TENANT, actor: 'ab-cd', action: 'roles.grant', target: 'ef-01', at: new Date(now.getTime() + 1000) });
    expect(await audit.recent(TENANT, 10)).toEqual([
      { tenantId: TENANT, actor: 'ab-cd', action: 'roles.grant', target: 'ef-01', at: new Date(now.getTime() + 1000) },
      { tenantId: TENANT, actor: 'ab-cd', action: 'urgent-help.shown', target: 'post-submit', concepts: ['substance-taken-now', 'chosen:immediate-risk'], at: now },
    ]);
    await expect(audit.record({ tenantId: TENANT, actor: 'ab-cd', action: 'urgent-help.shown', target: 'contacts', concepts: ['she took 20 paracetamol'], at: now })).rejects.toThrow('never free text');
    await expect(audit.record({ tenantId: TENANT, actor: 'ab-cd', action: 'urgent-help.shown', target: 'contacts', concepts: Array.from({ length: 41 }, (_, i) => `c${i}`), at: now })).rejects.toThrow('never free text');
    expect(await audit.recent(TENANT, 10)).toHaveLength(2);
  });
});
