// Case references under concurrent submits: the counter row's ETag means no two cases ever share a reference.
import { PANELS_TABLE, PANEL_CASES_TABLE, PANEL_COUNTERS_TABLE, PanelRepository } from '../../../../bot/features/panel/panelRepository';
import { testStorage } from '../../../support/storage';

describe('PanelRepository.allocateReference', () => {
  it('gives 30 concurrent submits 30 different, consecutive references', async () => {
    const storage = await testStorage([PANELS_TABLE, PANEL_CASES_TABLE, PANEL_COUNTERS_TABLE]);
    // Separate repositories, as separate app instances would have.
    const instances = [new PanelRepository(storage), new PanelRepository(storage), new PanelRepository(storage)];
    const refs = await Promise.all(Array.from({ length: 30 }, (_, i) => (instances[i % 3] as PanelRepository).allocateReference('tenant-1', 'telford', 2026)));
    expect(new Set(refs).size).toBe(30);
    expect([...refs].sort()).toEqual(Array.from({ length: 30 }, (_, i) => `P-2026-${String(i + 1).padStart(3, '0')}`));
  });

  it('numbers each area and each year separately', async () => {
    const storage = await testStorage([PANELS_TABLE, PANEL_CASES_TABLE, PANEL_COUNTERS_TABLE]);
    const panels = new PanelRepository(storage);
    expect(await panels.allocateReference('t', 'telford', 2026)).toBe('P-2026-001');
    expect(await panels.allocateReference('t', 'telford', 2026)).toBe('P-2026-002');
    expect(await panels.allocateReference('t', 'oldham', 2026)).toBe('P-2026-001');
    expect(await panels.allocateReference('t', 'telford', 2027)).toBe('P-2027-001');
    expect(await panels.allocateReference('other-tenant', 'telford', 2026)).toBe('P-2026-001');
  });
});
