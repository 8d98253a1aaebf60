// The sending instances count, against Azurite: what each instance's share of the app's rate is computed from.
import { ActiveSenders } from '../../../../bot/platform/messaging/activeSenders';
import { SEND_CONTROL_TABLE } from '../../../../bot/platform/messaging/throttleStore';
import { testStorage } from '../../../support/storage';

describe('ActiveSenders', () => {
  const at = (seconds: number) => new Date(Date.UTC(2025, 10, 3, 9, 0, seconds));

  it('counts the instances heard from in the last 30 s, itself included', async () => {
    const storage = await testStorage([SEND_CONTROL_TABLE]);
    const first = new ActiveSenders(storage, 'instance-1');
    const second = new ActiveSenders(storage, 'instance-2');
    expect(await first.beat(at(0))).toBe(1);
    expect(await second.beat(at(5))).toBe(2);
    expect(await first.beat(at(20))).toBe(2);
    // The second has not beaten for 31 s: taken to have stopped.
    expect(await first.beat(at(36))).toBe(1);
  });

  it('drops an instance at once when it leaves, and tidies away rows long dead', async () => {
    const storage = await testStorage([SEND_CONTROL_TABLE]);
    const staying = new ActiveSenders(storage, 'staying');
    const leaving = new ActiveSenders(storage, 'leaving');
    const crashed = new ActiveSenders(storage, 'crashed');
    await crashed.beat(at(0));
    await leaving.beat(at(0));
    expect(await staying.beat(at(1))).toBe(3);
    await leaving.leave();
    expect(await staying.beat(at(2))).toBe(2);
    const later = new Date(at(0).getTime() + 301_000);
    expect(await staying.beat(later)).toBe(1);
    const rows: string[] = [];
    for await (const row of storage.table(SEND_CONTROL_TABLE).listEntities()) rows.push(row.rowKey as string);
    expect(rows).toEqual(['staying']);
  });
});
